import { randomUUID } from "node:crypto";
import { createUnit, createUser, type TCreatedUser } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import type { TRole } from "@kreisnetz/shared/permissions";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { createContext } from "../../context.ts";
import { describeError } from "../../errors.ts";
import { EventLog } from "../../events/event-log.ts";
import { createCaller } from "../../router.ts";
import { createSession, resolveSession } from "../auth/session.ts";

const h = setupHarness();

let admin: TCreatedUser;

beforeAll(async () => {
  admin = await h.userWith(["STAFF", "ADMIN"]);
});

const adminCaller = () => h.callerFor(admin);

/** A short, unique unit code (the schema allows 2 to 20 of A-Z, 0-9 and "-"). */
function code(prefix = "T"): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

/** Everything a failed mutation must leave untouched: every unit row, the audit log and the event log. */
async function snapshot() {
  const db = h.services.db;
  return {
    units: await db.orgUnit.findMany({ orderBy: { id: "asc" } }),
    audit: await db.auditLog.count(),
    events: await db.activityEvent.count(),
  };
}

async function expectUnchanged(before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot()).toEqual(before);
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

async function auditFor(objectId: string) {
  return h.services.db.auditLog.findMany({ where: { objectType: "org-unit", objectId }, orderBy: { id: "asc" } });
}

async function eventsFor(objectId: string) {
  return h.services.db.activityEvent.findMany({ where: { objectType: "org-unit", objectId }, orderBy: { id: "asc" } });
}

describe("orgUnits.create", () => {
  it("creates a unit with its activity event and audit entry", async () => {
    const caller = await adminCaller();
    const parent = await caller.orgUnits.create({
      code: code("dez").toLowerCase(),
      name: "  Dezernat Test  ",
      kind: "DEZERNAT",
      parentId: null,
    });
    expect(parent.code).toMatch(/^DEZ-[0-9A-F]{8}$/);
    expect(parent.name).toBe("Dezernat Test");
    expect(parent.parentId).toBeNull();

    const child = await caller.orgUnits.create({
      code: code("FB"),
      name: "Fachbereich Bau und Planung",
      nameDsb: "Fachowy wobcerk twarjenje a planowanje",
      kind: "FACHBEREICH",
      parentId: parent.id,
    });
    const row = await h.services.db.orgUnit.findUniqueOrThrow({ where: { id: child.id } });
    expect(row).toMatchObject({
      code: child.code,
      name: "Fachbereich Bau und Planung",
      nameDsb: "Fachowy wobcerk twarjenje a planowanje",
      kind: "FACHBEREICH",
      parentId: parent.id,
      dissolvedAt: null,
    });

    const events = await eventsFor(child.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      verb: "org-unit.created",
      actorId: admin.id,
      actorUnitId: admin.unitId,
      payload: { code: child.code, parentId: parent.id },
    });
    const audit = await auditFor(child.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      action: "org-unit.create",
      details: {
        after: {
          code: child.code,
          name: "Fachbereich Bau und Planung",
          nameDsb: "Fachowy wobcerk twarjenje a planowanje",
          kind: "FACHBEREICH",
          parentId: parent.id,
        },
      },
    });
  });

  it("refuses a duplicate code (in any letter case) with a field error, changing nothing", async () => {
    const caller = await adminCaller();
    const existing = await caller.orgUnits.create({
      code: code(),
      name: "Rechtsamt",
      kind: "STABSSTELLE",
      parentId: null,
    });
    const before = await snapshot();
    const error = await failure(
      caller.orgUnits.create({
        code: existing.code.toLowerCase(),
        name: "Anderes Amt",
        kind: "SACHGEBIET",
        parentId: null,
      }),
    );
    expect(error).toMatchObject({ code: "CONFLICT", message: "adminUnits.error.codeTaken" });
    expect(describeError(error).fieldErrors).toEqual({ code: { key: "adminUnits.error.codeTaken", params: {} } });
    await expectUnchanged(before);
  });

  it("refuses an unknown parent with NOT_FOUND and a dissolved parent with BAD_REQUEST", async () => {
    const caller = await adminCaller();
    const before = await snapshot();
    const unknown = await failure(
      caller.orgUnits.create({ code: code(), name: "Irgendwo", kind: "SACHGEBIET", parentId: randomUUID() }),
    );
    expect(unknown).toMatchObject({ code: "NOT_FOUND", message: "adminUnits.error.parentNotFound" });
    expect(describeError(unknown).fieldErrors.parentId?.key).toBe("adminUnits.error.parentNotFound");
    await expectUnchanged(before);

    const gone = await createUnit(h.services.db, { code: code("OLD") });
    await h.services.db.orgUnit.update({ where: { id: gone.id }, data: { dissolvedAt: new Date() } });
    const afterSetup = await snapshot();
    const dissolved = await failure(
      caller.orgUnits.create({ code: code(), name: "Unter Aufgelöst", kind: "SACHGEBIET", parentId: gone.id }),
    );
    expect(dissolved).toMatchObject({ code: "BAD_REQUEST", message: "adminUnits.error.parentDissolved" });
    await expectUnchanged(afterSetup);
  });

  it("refuses invalid input with field errors, changing nothing", async () => {
    const caller = await adminCaller();
    const before = await snapshot();
    const error = await failure(
      caller.orgUnits.create({ code: "ä!", name: "X", kind: "AMT" as never, parentId: "not-a-uuid" }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const fields = describeError(error).fieldErrors;
    expect(fields.code?.key).toBe("validation.code");
    expect(fields.name?.key).toBe("validation.tooShort");
    expect(fields.kind?.key).toBe("validation.choose");
    expect(fields.parentId?.key).toBe("validation.invalid");
    await expectUnchanged(before);
  });
});

describe("orgUnits.tree", () => {
  it("lists units with active member counts, dissolved ones only on request, for any logged-in user", async () => {
    const db = h.services.db;
    const unit = await createUnit(db, { code: code("TREE") });
    const gone = await createUnit(db, { code: code("GONE"), parentId: unit.id });
    await db.orgUnit.update({ where: { id: gone.id }, data: { dissolvedAt: new Date() } });
    await createUser(db, { unitId: unit.id });
    await createUser(db, { unitId: unit.id });
    await createUser(db, { unitId: unit.id, deactivated: true });
    const staff = await h.userWith(["STAFF"], unit.id);

    const caller = await h.callerFor(staff);
    const units = await caller.orgUnits.tree();
    const listed = units.find((u) => u.id === unit.id);
    expect(listed).toEqual({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      nameDsb: null,
      kind: "SACHGEBIET",
      parentId: null,
      dissolvedAt: null,
      activeMemberCount: 3,
    });
    expect(units.some((u) => u.id === gone.id)).toBe(false);

    const all = await caller.orgUnits.tree({ includeDissolved: true });
    expect(all.find((u) => u.id === gone.id)).toMatchObject({ parentId: unit.id, activeMemberCount: 0 });
    expect(all.find((u) => u.id === gone.id)?.dissolvedAt).toBeInstanceOf(Date);
    expect(all.length).toBe(units.length + (await db.orgUnit.count({ where: { dissolvedAt: { not: null } } })));
  });
});

describe("orgUnits.rename", () => {
  it("renames, keeps or clears the Sorbian name, and records before and after", async () => {
    const caller = await adminCaller();
    const unit = await caller.orgUnits.create({
      code: code(),
      name: "Kämmerei",
      nameDsb: "Kamorarstwo",
      kind: "FACHBEREICH",
      parentId: null,
    });
    const renamed = await caller.orgUnits.rename({ id: unit.id, name: "Finanzen und Kämmerei" });
    expect(renamed).toMatchObject({ name: "Finanzen und Kämmerei", nameDsb: "Kamorarstwo" });
    const cleared = await caller.orgUnits.rename({ id: unit.id, name: "Finanzen und Kämmerei", nameDsb: null });
    expect(cleared.nameDsb).toBeNull();
    expect(await h.services.db.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({
      name: "Finanzen und Kämmerei",
      nameDsb: null,
    });

    const audit = await auditFor(unit.id);
    expect(audit.map((a) => a.action)).toEqual(["org-unit.create", "org-unit.rename", "org-unit.rename"]);
    expect(audit[1]?.details).toEqual({
      before: { name: "Kämmerei", nameDsb: "Kamorarstwo" },
      after: { name: "Finanzen und Kämmerei", nameDsb: "Kamorarstwo" },
    });
    expect(audit[2]?.details).toEqual({
      before: { name: "Finanzen und Kämmerei", nameDsb: "Kamorarstwo" },
      after: { name: "Finanzen und Kämmerei", nameDsb: null },
    });
    expect((await eventsFor(unit.id)).map((e) => e.verb)).toEqual([
      "org-unit.created",
      "org-unit.renamed",
      "org-unit.renamed",
    ]);
  });

  it("writes nothing when the names do not change", async () => {
    const caller = await adminCaller();
    const unit = await caller.orgUnits.create({
      code: code(),
      name: "Pressestelle",
      kind: "STABSSTELLE",
      parentId: null,
    });
    const before = await snapshot();
    await caller.orgUnits.rename({ id: unit.id, name: "Pressestelle" });
    await expectUnchanged(before);
  });

  it("refuses unknown ids and invalid names, changing nothing", async () => {
    const caller = await adminCaller();
    const unit = await caller.orgUnits.create({
      code: code(),
      name: "Datenschutz",
      kind: "STABSSTELLE",
      parentId: null,
    });
    const before = await snapshot();
    await expect(caller.orgUnits.rename({ id: randomUUID(), name: "Neu" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const error = await failure(caller.orgUnits.rename({ id: unit.id, name: " " }));
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(describeError(error).fieldErrors.name?.key).toBe("validation.tooShort");
    await expectUnchanged(before);
  });
});

describe("orgUnits.move", () => {
  async function branch() {
    const caller = await adminCaller();
    const top = await caller.orgUnits.create({
      code: code("TOP"),
      name: "Dezernat I",
      kind: "DEZERNAT",
      parentId: null,
    });
    const fb = await caller.orgUnits.create({ code: code("FB"), name: "FB 70", kind: "FACHBEREICH", parentId: top.id });
    const sg = await caller.orgUnits.create({ code: code("SG"), name: "SG 70.1", kind: "SACHGEBIET", parentId: fb.id });
    const other = await caller.orgUnits.create({
      code: code("DEZ"),
      name: "Dezernat II",
      kind: "DEZERNAT",
      parentId: null,
    });
    return { caller, top, fb, sg, other };
  }

  it("moves a unit with its subtree and records from and to", async () => {
    const { caller, top, fb, sg, other } = await branch();
    const moved = await caller.orgUnits.move({ id: fb.id, parentId: other.id });
    expect(moved.parentId).toBe(other.id);
    const db = h.services.db;
    expect((await db.orgUnit.findUniqueOrThrow({ where: { id: fb.id } })).parentId).toBe(other.id);
    expect((await db.orgUnit.findUniqueOrThrow({ where: { id: sg.id } })).parentId).toBe(fb.id);

    const events = await eventsFor(fb.id);
    expect(events.at(-1)).toMatchObject({
      verb: "org-unit.moved",
      actorId: admin.id,
      payload: { code: fb.code, fromParentId: top.id, toParentId: other.id },
    });
    const audit = await auditFor(fb.id);
    expect(audit.at(-1)).toMatchObject({
      action: "org-unit.move",
      actorId: admin.id,
      details: { before: { parentId: top.id }, after: { parentId: other.id } },
    });
  });

  it("refuses moving a unit under itself or its own descendants, with a translated message", async () => {
    const { caller, top, fb, sg } = await branch();
    const before = await snapshot();
    for (const target of [top, fb, sg]) {
      const error = await failure(caller.orgUnits.move({ id: top.id, parentId: target.id }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: "adminUnits.error.cycle" });
      const description = describeError(error);
      expect(description.fieldErrors.parentId?.key).toBe("adminUnits.error.cycle");
      expect(translate("de", description.messageKey)).toContain("unter sich selbst");
    }
    await expect(caller.orgUnits.move({ id: fb.id, parentId: sg.id })).rejects.toMatchObject({
      message: "adminUnits.error.cycle",
    });
    await expectUnchanged(before);
  });

  it("refuses unknown units and parents, dissolved parents, and dissolved units, changing nothing", async () => {
    const { caller, fb, other } = await branch();
    const gone = await caller.orgUnits.create({ code: code("GONE"), name: "Alt", kind: "SACHGEBIET", parentId: null });
    await caller.orgUnits.dissolve({ id: gone.id });
    const before = await snapshot();
    await expect(caller.orgUnits.move({ id: randomUUID(), parentId: other.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "errors.notFound",
    });
    await expect(caller.orgUnits.move({ id: fb.id, parentId: randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "adminUnits.error.parentNotFound",
    });
    await expect(caller.orgUnits.move({ id: fb.id, parentId: gone.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "adminUnits.error.parentDissolved",
    });
    await expect(caller.orgUnits.move({ id: gone.id, parentId: other.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "adminUnits.error.dissolved",
    });
    await expectUnchanged(before);
  });

  it("writes nothing when the parent stays the same", async () => {
    const { caller, top, fb } = await branch();
    const before = await snapshot();
    expect((await caller.orgUnits.move({ id: fb.id, parentId: top.id })).parentId).toBe(top.id);
    await expectUnchanged(before);
  });
});

describe("orgUnits.dissolve", () => {
  it("dissolves an empty unit, keeps the row, and records it", async () => {
    const caller = await adminCaller();
    const unit = await caller.orgUnits.create({
      code: code(),
      name: "Projektgruppe",
      kind: "STABSSTELLE",
      parentId: null,
    });
    const dissolved = await caller.orgUnits.dissolve({ id: unit.id });
    expect(dissolved.dissolvedAt).toBeInstanceOf(Date);
    const row = await h.services.db.orgUnit.findUniqueOrThrow({ where: { id: unit.id } });
    expect(row.dissolvedAt?.getTime()).toBe(dissolved.dissolvedAt?.getTime());
    expect((await eventsFor(unit.id)).at(-1)).toMatchObject({ verb: "org-unit.dissolved", actorId: admin.id });
    expect((await auditFor(unit.id)).at(-1)).toMatchObject({
      action: "org-unit.dissolve",
      actorId: admin.id,
      details: {
        code: unit.code,
        before: { dissolvedAt: null },
        after: { dissolvedAt: row.dissolvedAt?.toISOString() },
      },
    });

    const before = await snapshot();
    await expect(caller.orgUnits.dissolve({ id: unit.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "adminUnits.error.dissolved",
    });
    await expect(caller.orgUnits.rename({ id: unit.id, name: "Wiederbelebt" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "adminUnits.error.dissolved",
    });
    await expectUnchanged(before);
  });

  it("refuses while active members remain, naming how many, and changes nothing", async () => {
    const caller = await adminCaller();
    const unit = await caller.orgUnits.create({
      code: code(),
      name: "Schulungsteam",
      kind: "SACHGEBIET",
      parentId: null,
    });
    await createUser(h.services.db, { unitId: unit.id });
    await createUser(h.services.db, { unitId: unit.id });
    await createUser(h.services.db, { unitId: unit.id, deactivated: true });
    const before = await snapshot();
    const error = await failure(caller.orgUnits.dissolve({ id: unit.id }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "adminUnits.error.hasMembers" });
    const description = describeError(error);
    expect(description.params).toEqual({ count: 2 });
    expect(translate("de", description.messageKey, description.params)).toContain("noch 2 aktive Mitglieder");
    await expectUnchanged(before);
  });

  it("refuses while existing child units remain, but not for dissolved children", async () => {
    const caller = await adminCaller();
    const parent = await caller.orgUnits.create({
      code: code(),
      name: "FB Kataster",
      kind: "FACHBEREICH",
      parentId: null,
    });
    const child = await caller.orgUnits.create({
      code: code(),
      name: "SG Vermessung",
      kind: "SACHGEBIET",
      parentId: parent.id,
    });
    const before = await snapshot();
    const error = await failure(caller.orgUnits.dissolve({ id: parent.id }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "adminUnits.error.hasChildren" });
    expect(describeError(error).params).toEqual({ count: 1 });
    await expectUnchanged(before);

    await caller.orgUnits.dissolve({ id: child.id });
    expect((await caller.orgUnits.dissolve({ id: parent.id })).dissolvedAt).toBeInstanceOf(Date);
  });

  it("refuses unknown ids with NOT_FOUND", async () => {
    const caller = await adminCaller();
    const before = await snapshot();
    await expect(caller.orgUnits.dissolve({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectUnchanged(before);
  });
});

describe("one transaction", () => {
  /** An admin caller whose event log fails after writing the event row, as a broken outbox would. */
  async function callerWithFailingEvents() {
    const events = new EventLog(h.services.db);
    events.register({
      name: "fails",
      matches: () => {
        throw new Error("event log unavailable");
      },
      handle: async () => undefined,
    });
    const token = await createSession(h.services.db, admin.id, { secondFactorOk: true, userAgent: "vitest" });
    const resolved = await resolveSession(h.services.db, token);
    return createCaller(
      createContext(
        { ...h.services, events },
        { actor: resolved!.actor, session: resolved!.session, locale: "de", ip: "127.0.0.1", userAgent: "vitest" },
      ),
    );
  }

  it("rolls back the change and its audit entry when the activity event cannot be written", async () => {
    const caller = await adminCaller();
    const parent = await caller.orgUnits.create({
      code: code(),
      name: "Dezernat Tx",
      kind: "DEZERNAT",
      parentId: null,
    });
    const other = await caller.orgUnits.create({ code: code(), name: "Dezernat Ty", kind: "DEZERNAT", parentId: null });
    const unit = await caller.orgUnits.create({ code: code(), name: "SG Tx", kind: "SACHGEBIET", parentId: parent.id });
    const failing = await callerWithFailingEvents();
    const before = await snapshot();
    const attempts = [
      () => failing.orgUnits.create({ code: code(), name: "Nie angelegt", kind: "SACHGEBIET", parentId: null }),
      () => failing.orgUnits.rename({ id: unit.id, name: "Nie umbenannt" }),
      () => failing.orgUnits.move({ id: unit.id, parentId: other.id }),
      () => failing.orgUnits.dissolve({ id: unit.id }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    }
    await expectUnchanged(before);
  });
});

describe("authorization", () => {
  const refusedRoles: { role: string; roles: TRole[] }[] = [
    { role: "STAFF", roles: ["STAFF"] },
    { role: "EDITOR", roles: ["STAFF", "EDITOR"] },
    { role: "LEADERSHIP", roles: ["STAFF", "LEADERSHIP"] },
  ];

  it.each(refusedRoles)("refuses every mutation for $role with FORBIDDEN and changes nothing", async ({ roles }) => {
    const target = await createUnit(h.services.db, { code: code("AUTH") });
    const parent = await createUnit(h.services.db, { code: code("AUTH") });
    const caller = await h.callerFor(await h.userWith(roles));
    const before = await snapshot();
    const attempts = [
      () => caller.orgUnits.create({ code: code(), name: "Verboten", kind: "SACHGEBIET", parentId: null }),
      () => caller.orgUnits.rename({ id: target.id, name: "Verboten" }),
      () => caller.orgUnits.move({ id: target.id, parentId: parent.id }),
      () => caller.orgUnits.dissolve({ id: target.id }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.forbidden" });
    }
    await expectUnchanged(before);
    expect((await caller.orgUnits.tree()).some((u) => u.id === target.id)).toBe(true);
  });

  it("refuses anonymous callers with UNAUTHORIZED everywhere, the tree included", async () => {
    const target = await createUnit(h.services.db, { code: code("ANON") });
    const caller = h.anonymousCaller();
    const before = await snapshot();
    const attempts = [
      () => caller.orgUnits.tree(),
      () => caller.orgUnits.create({ code: code(), name: "Anonym", kind: "SACHGEBIET", parentId: null }),
      () => caller.orgUnits.rename({ id: target.id, name: "Anonym" }),
      () => caller.orgUnits.move({ id: target.id, parentId: admin.unitId }),
      () => caller.orgUnits.dissolve({ id: target.id }),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expectUnchanged(before);
  });

  it("refuses an admin without TOTP before any permission check", async () => {
    const noTotp = await createUser(h.services.db, { unitId: admin.unitId, roles: ["STAFF", "ADMIN"] });
    const caller = await h.callerFor(noTotp);
    await expect(
      caller.orgUnits.create({ code: code(), name: "Ohne TOTP", kind: "SACHGEBIET", parentId: null }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.totpRequired" });
  });
});
