import { createUnit } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import type { TRole } from "@kreisnetz/shared/permissions";
import { describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { describeError } from "../../errors.ts";
import { login, resolveSession } from "../auth/session.ts";
import { usersRouter } from "./router.ts";

const h = setupHarness();

async function loginAs(email: string, password: string) {
  return login(h.services, { email, password, ip: "10.20.0.1", userAgent: null });
}

async function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("users.create", () => {
  it("creates an account with a one-time initial password, an open membership, audit and event", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const unit = await createUnit(h.services.db, { name: "Kämmerei" });
    const caller = await h.callerFor(admin);

    const result = await caller.users.create({
      email: " Anna.Schulz@LKSPN.de ",
      name: "Anna Schulz",
      jobTitle: "Sachbearbeiterin",
      unitId: unit.id,
      roles: ["EDITOR", "STAFF", "EDITOR"],
    });
    expect(result.user.email).toBe("anna.schulz@lkspn.de");
    expect(result.initialPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    const row = await h.services.db.user.findUniqueOrThrow({
      where: { id: result.user.id },
      include: { memberships: true },
    });
    expect(row).toMatchObject({
      email: "anna.schulz@lkspn.de",
      name: "Anna Schulz",
      jobTitle: "Sachbearbeiterin",
      unitId: unit.id,
      roles: ["STAFF", "EDITOR"],
      mustChangePassword: true,
      deactivatedAt: null,
    });
    expect(row.passwordHash).not.toContain(result.initialPassword);
    expect(row.memberships).toHaveLength(1);
    expect(row.memberships[0]).toMatchObject({ unitId: unit.id, validTo: null });

    const audit = await h.services.db.auditLog.findMany({ where: { objectId: result.user.id } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["user.create", admin.id]]);
    const events = await h.services.db.activityEvent.findMany({ where: { objectId: result.user.id } });
    expect(events.map((e) => [e.verb, e.objectType, e.actorId, e.isSystem])).toEqual([
      ["user.created", "user", admin.id, false],
    ]);

    const session = await loginAs("anna.schulz@lkspn.de", result.initialPassword);
    expect((await resolveSession(h.services.db, session.token))?.actor.mustChangePassword).toBe(true);
  });

  it("refuses a duplicate e-mail address with CONFLICT on the email field and creates nothing", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const existing = await h.userWith(["STAFF"]);
    const caller = await h.callerFor(admin);
    const before = await h.services.db.user.count();
    const auditBefore = await h.services.db.auditLog.count();

    const error = await errorOf(
      caller.users.create({
        email: existing.email.toUpperCase(),
        name: "Doppelte Person",
        unitId: existing.unitId,
        roles: ["STAFF"],
      }),
    );
    expect(error).toMatchObject({ code: "CONFLICT", message: "adminUsers.error.emailTaken" });
    const description = describeError(error);
    expect(description.fieldErrors.email?.key).toBe("adminUsers.error.emailTaken");
    expect(translate("de", description.fieldErrors.email!.key)).toBe(
      "Für diese E-Mail-Adresse gibt es bereits ein Konto.",
    );
    expect(translate("en", description.messageKey)).toBe("An account with this e-mail address already exists.");
    expect(await h.services.db.user.count()).toBe(before);
    expect(await h.services.db.auditLog.count()).toBe(auditBefore);
  });

  it("refuses unknown units (NOT_FOUND) and dissolved units (BAD_REQUEST)", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const caller = await h.callerFor(admin);
    const dissolved = await createUnit(h.services.db);
    await h.services.db.orgUnit.update({ where: { id: dissolved.id }, data: { dissolvedAt: new Date() } });
    const input = { email: "einheit@lkspn.de", name: "Ohne Einheit", roles: ["STAFF"] as TRole[] };

    await expect(
      caller.users.create({ ...input, unitId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "adminUsers.error.unitNotFound" });
    const error = await errorOf(caller.users.create({ ...input, unitId: dissolved.id }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "adminUsers.error.unitDissolved" });
    expect(describeError(error).fieldErrors.unitId?.key).toBe("adminUsers.error.unitDissolved");
    expect(await h.services.db.user.count({ where: { email: "einheit@lkspn.de" } })).toBe(0);
  });

  it("rejects invalid input with field errors before touching the database", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const caller = await h.callerFor(admin);
    const error = await errorOf(
      caller.users.create({ email: "kein-at", name: "A", unitId: admin.unitId, roles: [] as TRole[] }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    const fields = describeError(error).fieldErrors;
    expect(fields.email?.key).toBe("validation.email");
    expect(fields.name?.key).toBe("validation.tooShort");
    expect(fields.roles?.key).toBe("validation.choose");
  });
});

describe("users.update", () => {
  it("switches the unit effective-dated: one closed and one open membership, same instant", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const person = await h.userWith(["STAFF"]);
    const target = await createUnit(h.services.db, { name: "Rechtsamt" });
    const caller = await h.callerFor(admin);

    await caller.users.update({
      id: person.id,
      name: "Neuer Name",
      jobTitle: "Justiziarin",
      unitId: target.id,
      roles: ["STAFF", "LEADERSHIP"],
    });

    const memberships = await h.services.db.unitMembership.findMany({
      where: { userId: person.id },
      orderBy: { validFrom: "asc" },
    });
    expect(memberships).toHaveLength(2);
    const [closed, open] = memberships;
    expect(closed).toMatchObject({ unitId: person.unitId });
    expect(closed!.validTo).not.toBeNull();
    expect(open).toMatchObject({ unitId: target.id, validTo: null });
    expect(closed!.validTo!.getTime()).toBe(open!.validFrom.getTime());

    const detail = await caller.users.get({ id: person.id });
    expect(detail).toMatchObject({
      name: "Neuer Name",
      jobTitle: "Justiziarin",
      roles: ["STAFF", "LEADERSHIP"],
      unit: { id: target.id, name: "Rechtsamt" },
    });
    expect(detail.memberships.map((m) => [m.unit.id, m.validTo === null])).toEqual([
      [target.id, true],
      [person.unitId, false],
    ]);

    const audit = await h.services.db.auditLog.findFirstOrThrow({
      where: { objectId: person.id, action: "user.update" },
    });
    expect(audit.details).toMatchObject({
      changes: {
        name: { to: "Neuer Name" },
        unitId: { from: person.unitId, to: target.id },
        roles: { from: ["STAFF"], to: ["STAFF", "LEADERSHIP"] },
      },
    });
    expect(await h.services.db.activityEvent.count({ where: { objectId: person.id, verb: "user.updated" } })).toBe(1);
  });

  it("keeps the membership history untouched when the unit stays the same", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const person = await h.userWith(["STAFF"]);
    const caller = await h.callerFor(admin);
    await caller.users.update({ id: person.id, name: "Nur Name", unitId: person.unitId, roles: ["STAFF"] });
    expect(await h.services.db.unitMembership.count({ where: { userId: person.id } })).toBe(1);
    expect((await h.services.db.user.findUniqueOrThrow({ where: { id: person.id } })).name).toBe("Nur Name");
  });

  it("refuses a move into a dissolved unit and changes nothing", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const person = await h.userWith(["STAFF"]);
    const dissolved = await createUnit(h.services.db);
    await h.services.db.orgUnit.update({ where: { id: dissolved.id }, data: { dissolvedAt: new Date() } });
    const caller = await h.callerFor(admin);
    await expect(
      caller.users.update({ id: person.id, name: "Umbenannt", unitId: dissolved.id, roles: ["STAFF"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "adminUsers.error.unitDissolved" });
    const row = await h.services.db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect([row.name, row.unitId]).toEqual([person.name, person.unitId]);
    expect(await h.services.db.unitMembership.count({ where: { userId: person.id } })).toBe(1);
  });

  it("does not let an admin remove their own ADMIN role", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const caller = await h.callerFor(admin);
    const error = await errorOf(
      caller.users.update({ id: admin.id, name: admin.name, unitId: admin.unitId, roles: ["STAFF"] }),
    );
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "adminUsers.error.ownAdminRole" });
    expect(describeError(error).fieldErrors.roles?.key).toBe("adminUsers.error.ownAdminRole");
    expect((await h.services.db.user.findUniqueOrThrow({ where: { id: admin.id } })).roles).toEqual(["STAFF", "ADMIN"]);
    // Editing their own name stays possible.
    await caller.users.update({ id: admin.id, name: "Admin Selbst", unitId: admin.unitId, roles: ["STAFF", "ADMIN"] });
    expect((await h.services.db.user.findUniqueOrThrow({ where: { id: admin.id } })).name).toBe("Admin Selbst");
  });

  it("answers NOT_FOUND for unknown ids", async () => {
    const caller = await h.callerFor(await h.userWith(["STAFF", "ADMIN"]));
    const id = "00000000-0000-4000-8000-000000000001";
    await expect(caller.users.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.users.deactivate({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("users.deactivate / reactivate", () => {
  it("ends all sessions, refuses login, keeps the membership open, and can be undone", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const person = await h.userWith(["STAFF"]);
    const first = await loginAs(person.email, person.password);
    const second = await loginAs(person.email, person.password);
    expect(await resolveSession(h.services.db, first.token)).not.toBeNull();
    const ended: string[] = [];
    h.services.realtime = {
      userSessionsEnded: (userId) => ended.push(userId),
      sessionEnded: () => undefined,
      presenceVisibilityChanged: () => undefined,
    };
    const caller = await h.callerFor(admin);

    try {
      await caller.users.deactivate({ id: person.id });
    } finally {
      h.services.realtime = undefined;
    }

    expect(ended).toEqual([person.id]);
    expect(await resolveSession(h.services.db, first.token)).toBeNull();
    expect(await resolveSession(h.services.db, second.token)).toBeNull();
    expect(await h.services.db.session.count({ where: { userId: person.id } })).toBe(0);
    await expect(loginAs(person.email, person.password)).rejects.toMatchObject({ messageKey: "login.deactivated" });
    const memberships = await h.services.db.unitMembership.findMany({ where: { userId: person.id } });
    expect(memberships.map((m) => m.validTo)).toEqual([null]);
    await expect(caller.users.deactivate({ id: person.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "adminUsers.error.alreadyDeactivated",
    });

    const audit = await h.services.db.auditLog.findMany({ where: { objectId: person.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["user.deactivate"]);

    await caller.users.reactivate({ id: person.id });
    expect((await loginAs(person.email, person.password)).token).toBeTruthy();
    const verbs = await h.services.db.activityEvent.findMany({
      where: { objectId: person.id },
      orderBy: { id: "asc" },
    });
    expect(verbs.map((e) => e.verb)).toEqual(["user.deactivated", "user.reactivated"]);
    await expect(caller.users.reactivate({ id: person.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("does not let admins deactivate themselves", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const caller = await h.callerFor(admin);
    await expect(caller.users.deactivate({ id: admin.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "adminUsers.error.selfDeactivate",
    });
    expect((await h.services.db.user.findUniqueOrThrow({ where: { id: admin.id } })).deactivatedAt).toBeNull();
  });
});

describe("users.resetPassword", () => {
  it("replaces the password with a new initial one, forces a change and ends sessions", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const person = await h.userWith(["STAFF"]);
    const running = await loginAs(person.email, person.password);
    const caller = await h.callerFor(admin);

    const { initialPassword } = await caller.users.resetPassword({ id: person.id });

    expect(await resolveSession(h.services.db, running.token)).toBeNull();
    await expect(loginAs(person.email, person.password)).rejects.toMatchObject({ messageKey: "login.failed" });
    const fresh = await loginAs(person.email, initialPassword);
    expect((await resolveSession(h.services.db, fresh.token))?.actor.mustChangePassword).toBe(true);
    expect(await h.services.db.auditLog.count({ where: { objectId: person.id, action: "user.reset-password" } })).toBe(
      1,
    );
    await expect(caller.users.resetPassword({ id: admin.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "adminUsers.error.selfReset",
    });
  });
});

describe("users.list", () => {
  it("searches name and e-mail, filters by unit, hides deactivated accounts unless asked, and paginates", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const unit = await createUnit(h.services.db, { name: "Pressestelle" });
    const caller = await h.callerFor(admin);
    const made = [];
    for (const name of ["Zora Quade", "Yannick Quade", "Xaver Quade"]) {
      made.push(
        await caller.users.create({
          email: `${name.split(" ")[0]!.toLowerCase()}.quade@lkspn.de`,
          name,
          unitId: unit.id,
          roles: ["STAFF"],
        }),
      );
    }
    await caller.users.deactivate({ id: made[0]!.user.id });

    const byName = await caller.users.list({ query: "quade" });
    expect(byName.items.map((u) => u.name)).toEqual(["Xaver Quade", "Yannick Quade"]);
    expect(byName.items[0]).toMatchObject({
      unit: { id: unit.id, name: "Pressestelle" },
      roles: ["STAFF"],
      mustChangePassword: true,
      deactivated: false,
    });
    const withDeactivated = await caller.users.list({ query: "QUADE", includeDeactivated: true });
    expect(withDeactivated.total).toBe(3);
    expect(withDeactivated.items.find((u) => u.name === "Zora Quade")?.deactivated).toBe(true);
    expect((await caller.users.list({ query: "yannick.quade@" })).items.map((u) => u.name)).toEqual(["Yannick Quade"]);

    const byUnit = await caller.users.list({ unitId: unit.id, includeDeactivated: true, pageSize: 2, page: 2 });
    expect(byUnit).toMatchObject({ total: 3, page: 2, pageSize: 2, pageCount: 2 });
    expect(byUnit.items.map((u) => u.name)).toEqual(["Zora Quade"]);
  });

  it("offers only units that are not dissolved", async () => {
    const caller = await h.callerFor(await h.userWith(["STAFF", "ADMIN"]));
    const open = await createUnit(h.services.db);
    const gone = await createUnit(h.services.db);
    await h.services.db.orgUnit.update({ where: { id: gone.id }, data: { dissolvedAt: new Date() } });
    const ids = (await caller.users.unitOptions()).map((u) => u.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(gone.id);
  });
});

describe("authorization", () => {
  const id = "00000000-0000-4000-8000-000000000002";
  const csv = "email;name;unit_code\nx@lkspn.de;X Y;ADV\n";
  const calls = {
    list: (c: Caller) => c.users.list({}),
    get: (c: Caller) => c.users.get({ id }),
    unitOptions: (c: Caller) => c.users.unitOptions(),
    create: (c: Caller) => c.users.create({ email: "nope@lkspn.de", name: "No Pe", unitId: id, roles: ["STAFF"] }),
    update: (c: Caller) => c.users.update({ id, name: "No Pe", unitId: id, roles: ["STAFF"] }),
    deactivate: (c: Caller) => c.users.deactivate({ id }),
    reactivate: (c: Caller) => c.users.reactivate({ id }),
    resetPassword: (c: Caller) => c.users.resetPassword({ id }),
    importPreview: (c: Caller) => c.users.importPreview({ csv }),
    importCommit: (c: Caller) => c.users.importCommit({ csv }),
  };
  type Caller = Awaited<ReturnType<typeof h.callerFor>>;

  it.each([["STAFF"], ["EDITOR"], ["LEADERSHIP"]] as const)(
    "refuses %s with FORBIDDEN on every procedure",
    async (role) => {
      const caller = await h.callerFor(await h.userWith(role === "STAFF" ? ["STAFF"] : ["STAFF", role]));
      for (const [name, call] of Object.entries(calls)) {
        await expect(call(caller), name).rejects.toMatchObject({ code: "FORBIDDEN", message: "errors.forbidden" });
      }
    },
  );

  it("refuses anonymous callers with UNAUTHORIZED on every procedure", async () => {
    const caller = h.anonymousCaller();
    for (const [name, call] of Object.entries(calls)) {
      await expect(call(caller), name).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("covers every procedure of the router", () => {
    expect(Object.keys(usersRouter._def.procedures).sort()).toEqual(Object.keys(calls).sort());
  });
});
