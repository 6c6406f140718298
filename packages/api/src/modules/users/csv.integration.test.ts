import { createUnit } from "@kreisnetz/seeds/factories";
import { describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { login } from "../auth/session.ts";

const h = setupHarness();

/** Units with fixed codes, unique per test via a suffix. */
async function units(suffix: string) {
  const adv = await createUnit(h.services.db, { code: `ADV-${suffix}`, name: "ADV" });
  const presse = await createUnit(h.services.db, { code: `PR-${suffix}`, name: "Pressestelle" });
  const old = await createUnit(h.services.db, { code: `ALT-${suffix}`, name: "Aufgelöst" });
  await h.services.db.orgUnit.update({ where: { id: old.id }, data: { dissolvedAt: new Date() } });
  return { adv, presse, old };
}

describe("users.importPreview", () => {
  it("reports every row with a status and translated errors, and changes nothing", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const existing = await h.userWith(["STAFF"]);
    const { adv, presse } = await units("P1");
    const caller = await h.callerFor(admin);
    const csv = [
      "\uFEFFemail;name;unit_code;roles;job_title",
      `gut.eins@lkspn.de;Gut Eins;${adv.code};;Sachbearbeitung`,
      `gut.zwei@lkspn.de;"Zwei; Gut";${presse.code.toLowerCase()};Redaktion|STAFF;`,
      `GUT.EINS@lkspn.de;Doppelt;${adv.code};;`,
      `${existing.email};Schon Da;${adv.code};;`,
      "kaputt;Kaputt;NIX-P1;Chef;",
      `alt@lkspn.de;Alte Einheit;ALT-P1;;`,
    ].join("\r\n");
    const usersBefore = await h.services.db.user.count();

    const preview = await caller.users.importPreview({ csv });

    expect(preview).toMatchObject({ total: 6, valid: 2, invalid: 4 });
    expect(preview.rows.map((r) => [r.line, r.email, r.status])).toEqual([
      [2, "gut.eins@lkspn.de", "new"],
      [3, "gut.zwei@lkspn.de", "new"],
      [4, "gut.eins@lkspn.de", "error"],
      [5, existing.email, "error"],
      [6, "kaputt", "error"],
      [7, "alt@lkspn.de", "error"],
    ]);
    expect(preview.rows[1]).toMatchObject({
      name: "Zwei; Gut",
      unitCode: presse.code,
      roles: ["STAFF", "EDITOR"],
      jobTitle: null,
      errors: [],
    });
    expect(preview.rows[2]!.errors).toEqual([
      { field: "email", key: "csv.error.duplicateInFile", message: "Diese E-Mail-Adresse steht bereits in Zeile 2." },
    ]);
    expect(preview.rows[3]!.errors.map((e) => e.key)).toEqual(["csv.error.emailExists"]);
    expect(preview.rows[4]!.errors.map((e) => e.message)).toEqual([
      "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
      "Unbekanntes Kürzel der Organisationseinheit: NIX-P1.",
      "Unbekannte Rolle: Chef.",
    ]);
    expect(preview.rows[5]!.errors.map((e) => e.message)).toEqual(["Die Organisationseinheit ALT-P1 ist aufgelöst."]);
    expect(await h.services.db.user.count()).toBe(usersBefore);
  });

  it("refuses files it cannot read with a translated BAD_REQUEST", async () => {
    const caller = await h.callerFor(await h.userWith(["STAFF", "ADMIN"]));
    await expect(caller.users.importPreview({ csv: "email;name\na@lkspn.de;Anna" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "csv.error.missingColumns",
    });
    await expect(caller.users.importPreview({ csv: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("users.importCommit", () => {
  it("refuses the whole file when any row has an error, and changes nothing", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const { adv } = await units("C1");
    const caller = await h.callerFor(admin);
    const csv = [
      "email;name;unit_code;roles",
      `eins.c1@lkspn.de;Eins Ceeins;${adv.code};`,
      `zwei.c1@lkspn.de;Zwei Ceeins;${adv.code};Chef`,
    ].join("\n");
    const counts = async () =>
      Promise.all([
        h.services.db.user.count(),
        h.services.db.unitMembership.count(),
        h.services.db.activityEvent.count(),
        h.services.db.auditLog.count(),
      ]);
    const before = await counts();

    await expect(caller.users.importCommit({ csv })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "csv.error.hasErrors",
      cause: { params: { count: 1 } },
    });
    expect(await counts()).toEqual(before);
    expect(await h.services.db.user.count({ where: { email: "eins.c1@lkspn.de" } })).toBe(0);
  });

  it("creates all accounts in one go with memberships, initial passwords, system events and one audit entry", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const { adv, presse } = await units("C2");
    const caller = await h.callerFor(admin);
    const csv = [
      "email,name,unit_code,roles,job_title",
      `lena.kral@lkspn.de,Lena Kral,${adv.code},"STAFF,ADMIN",Administratorin`,
      `jan.nowak@lkspn.de,Jan Nowak,${presse.code},Leitung|Mitarbeitende,`,
      `mia.wenzel@lkspn.de,Mia Wenzel,${presse.code},,`,
    ].join("\n");
    const auditBefore = await h.services.db.auditLog.count({ where: { action: "user.import" } });

    const result = await caller.users.importCommit({ csv });

    expect(result.count).toBe(3);
    expect(result.created.map((c) => [c.line, c.email])).toEqual([
      [2, "lena.kral@lkspn.de"],
      [3, "jan.nowak@lkspn.de"],
      [4, "mia.wenzel@lkspn.de"],
    ]);
    expect(new Set(result.created.map((c) => c.initialPassword)).size).toBe(3);

    const created = await h.services.db.user.findMany({
      where: { id: { in: result.created.map((c) => c.id) } },
      include: { memberships: true },
      orderBy: { email: "asc" },
    });
    expect(
      created.map((u) => [u.email, u.unitId, u.roles, u.jobTitle, u.mustChangePassword, u.memberships.length]),
    ).toEqual([
      ["jan.nowak@lkspn.de", presse.id, ["STAFF", "LEADERSHIP"], null, true, 1],
      ["lena.kral@lkspn.de", adv.id, ["STAFF", "ADMIN"], "Administratorin", true, 1],
      ["mia.wenzel@lkspn.de", presse.id, ["STAFF"], null, true, 1],
    ]);
    for (const u of created) expect(u.memberships[0]).toMatchObject({ unitId: u.unitId, validTo: null });

    const events = await h.services.db.activityEvent.findMany({
      where: { objectType: "user", objectId: { in: created.map((u) => u.id) } },
    });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.isSystem && e.verb === "user.created" && e.actorId === admin.id)).toBe(true);

    const audit = await h.services.db.auditLog.findMany({ where: { action: "user.import" } });
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ actorId: admin.id, objectType: "user", details: { count: 3 } });

    const mia = result.created[2]!;
    const session = await login(h.services, {
      email: mia.email,
      password: mia.initialPassword,
      ip: "10.30.0.1",
      userAgent: null,
    });
    expect(session.userId).toBe(mia.id);

    // The same file again: every row now exists, so nothing more is created.
    const usersAfter = await h.services.db.user.count();
    await expect(caller.users.importCommit({ csv })).rejects.toMatchObject({
      message: "csv.error.hasErrors",
      cause: { params: { count: 3 } },
    });
    expect(await h.services.db.user.count()).toBe(usersAfter);
  });

  it("imports a few hundred rows within one request", async () => {
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const { adv } = await units("C3");
    const caller = await h.callerFor(admin);
    const rows = Array.from({ length: 300 }, (_, i) => `person${i}.c3@lkspn.de;Person Nummer ${i};${adv.code};;`);
    const result = await caller.users.importCommit({
      csv: ["email;name;unit_code;roles;job_title", ...rows].join("\n"),
    });
    expect(result.count).toBe(300);
    expect(await h.services.db.unitMembership.count({ where: { unitId: adv.id, validTo: null } })).toBe(300);
  });
});
