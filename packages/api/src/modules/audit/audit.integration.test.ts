import { randomUUID } from "node:crypto";
import type { TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TRole } from "@kreisnetz/shared/permissions";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";

const h = setupHarness();

let admin: TCreatedUser;
let editor: TCreatedUser;

beforeAll(async () => {
  admin = await h.userWith(["STAFF", "ADMIN"]);
  editor = await h.userWith(["STAFF", "EDITOR"]);
});

/** Writes audit rows with fixed times under a prefix of their own, so tests do not see each other's rows. */
async function seedEntries(prefix: string, entries: { action: string; actorId: string | null; minutesAgo: number }[]) {
  const now = Date.now();
  for (const [i, entry] of entries.entries()) {
    await h.services.db.auditLog.create({
      data: {
        actorId: entry.actorId,
        action: `${prefix}.${entry.action}`,
        objectType: "test",
        objectId: `obj-${i}`,
        details: { n: i },
        createdAt: new Date(now - entry.minutesAgo * 60_000),
      },
    });
  }
}

describe("audit.list", () => {
  it("pages newest first with the total, and joins the actor's name and e-mail", async () => {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const gone = randomUUID();
    await seedEntries(prefix, [
      { action: "a", actorId: admin.id, minutesAgo: 50 },
      { action: "b", actorId: editor.id, minutesAgo: 10 },
      { action: "c", actorId: null, minutesAgo: 30 },
      { action: "d", actorId: gone, minutesAgo: 20 },
      { action: "e", actorId: admin.id, minutesAgo: 40 },
    ]);
    const caller = await h.callerFor(admin);

    const first = await caller.audit.list({ action: prefix, page: 1, pageSize: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2, pages: 3 });
    expect(first.entries.map((e) => e.action)).toEqual([`${prefix}.b`, `${prefix}.d`]);
    expect(first.entries[0]).toMatchObject({
      actorId: editor.id,
      actor: { id: editor.id, name: editor.name, email: editor.email },
      objectType: "test",
      objectId: "obj-1",
      details: { n: 1 },
    });
    expect(first.entries[0]?.createdAt).toBeInstanceOf(Date);
    // An actor account that no longer exists keeps its id, without a name.
    expect(first.entries[1]).toMatchObject({ actorId: gone, actor: null });

    const second = await caller.audit.list({ action: prefix, page: 2, pageSize: 2 });
    expect(second.entries.map((e) => e.action)).toEqual([`${prefix}.c`, `${prefix}.e`]);
    expect(second.entries[0]).toMatchObject({ actorId: null, actor: null });
    expect(second.entries[1]?.actor).toEqual({ id: admin.id, name: admin.name, email: admin.email });

    const last = await caller.audit.list({ action: prefix, page: 3, pageSize: 2 });
    expect(last.entries.map((e) => e.action)).toEqual([`${prefix}.a`]);
    const beyond = await caller.audit.list({ action: prefix, page: 4, pageSize: 2 });
    expect(beyond).toMatchObject({ entries: [], total: 5, pages: 3 });
  });

  it("filters by action prefix only, treating LIKE wildcards literally", async () => {
    const prefix = `f${randomUUID().slice(0, 8)}`;
    await seedEntries(prefix, [
      { action: "x_y.one", actorId: admin.id, minutesAgo: 3 },
      { action: "xzy.two", actorId: admin.id, minutesAgo: 2 },
      { action: "other.three", actorId: admin.id, minutesAgo: 1 },
    ]);
    const caller = await h.callerFor(admin);
    const underscore = await caller.audit.list({ action: `${prefix}.x_y` });
    expect(underscore.entries.map((e) => e.action)).toEqual([`${prefix}.x_y.one`]);
    const percent = await caller.audit.list({ action: `${prefix}.%` });
    expect(percent.total).toBe(0);
    const all = await caller.audit.list({ action: `${prefix}.` });
    expect(all.entries.map((e) => e.action)).toEqual([
      `${prefix}.other.three`,
      `${prefix}.xzy.two`,
      `${prefix}.x_y.one`,
    ]);
    // Not a substring match: the prefix must start the action.
    expect((await caller.audit.list({ action: "xzy" })).total).toBe(0);
  });

  it("shows the entries written by org-unit administration", async () => {
    const caller = await h.callerFor(admin);
    const unit = await caller.orgUnits.create({
      code: `AUD-${randomUUID().slice(0, 6).toUpperCase()}`,
      name: "IT-Sicherheit",
      kind: "STABSSTELLE",
      parentId: null,
    });
    await caller.orgUnits.rename({ id: unit.id, name: "Informationssicherheit" });
    const page = await caller.audit.list({ action: "org-unit." });
    expect(page.entries.slice(0, 2)).toMatchObject([
      { action: "org-unit.rename", objectType: "org-unit", objectId: unit.id, actor: { email: admin.email } },
      { action: "org-unit.create", objectType: "org-unit", objectId: unit.id, actor: { email: admin.email } },
    ]);
    expect(page.entries.every((e) => e.action.startsWith("org-unit."))).toBe(true);
  });

  it("rejects invalid paging with BAD_REQUEST", async () => {
    const caller = await h.callerFor(admin);
    await expect(caller.audit.list({ page: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.audit.list({ pageSize: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  const refusedRoles: { role: string; roles: TRole[] }[] = [
    { role: "STAFF", roles: ["STAFF"] },
    { role: "EDITOR", roles: ["STAFF", "EDITOR"] },
    { role: "LEADERSHIP", roles: ["STAFF", "LEADERSHIP"] },
  ];
  it.each(refusedRoles)("refuses $role with FORBIDDEN", async ({ roles }) => {
    const caller = await h.callerFor(await h.userWith(roles));
    await expect(caller.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.forbidden" });
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    await expect(h.anonymousCaller().audit.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
