import { describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";

/**
 * Its own file (own database): the rule counts every active admin, so no other
 * test's admins may be around.
 */
const h = setupHarness();

async function activeAdmins(): Promise<string[]> {
  const rows = await h.services.db.user.findMany({
    where: { roles: { has: "ADMIN" }, deactivatedAt: null, isSystem: false },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

describe("last active admin", () => {
  it("survives two admins demoting and deactivating each other at the same moment", async () => {
    const a = await h.userWith(["STAFF", "ADMIN"]);
    const b = await h.userWith(["STAFF", "ADMIN"]);
    const [callerA, callerB] = await Promise.all([h.callerFor(a), h.callerFor(b)]);

    const outcomes = await Promise.allSettled([
      callerA.users.update({ id: b.id, name: b.name, unitId: b.unitId, roles: ["STAFF"] }),
      callerB.users.deactivate({ id: a.id }),
    ]);

    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toMatchObject({ code: "CONFLICT", message: "adminUsers.error.lastAdmin" });
    expect(await activeAdmins()).toHaveLength(1);
  });

  it("refuses to demote or deactivate the last active admin, also from a request already under way", async () => {
    const [survivor] = await activeAdmins();
    const c = await h.userWith(["STAFF", "ADMIN"]);
    // C's request was authorised while C was an admin; then C loses the role.
    const callerC = await h.callerFor(c);
    const callerSurvivor = await h.callerFor({ id: survivor! });
    await callerSurvivor.users.update({ id: c.id, name: c.name, unitId: c.unitId, roles: ["STAFF"] });
    expect(await activeAdmins()).toEqual([survivor]);

    const survivorRow = await h.services.db.user.findUniqueOrThrow({ where: { id: survivor! } });
    await expect(
      callerC.users.update({ id: survivor!, name: survivorRow.name, unitId: survivorRow.unitId, roles: ["STAFF"] }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "adminUsers.error.lastAdmin" });
    await expect(callerC.users.deactivate({ id: survivor! })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "adminUsers.error.lastAdmin",
    });
    expect(await activeAdmins()).toEqual([survivor]);
    // Other changes to the last admin stay possible.
    await callerC.users.update({
      id: survivor!,
      name: "Letzte Admin",
      unitId: survivorRow.unitId,
      roles: ["STAFF", "ADMIN"],
    });
    expect((await h.services.db.user.findUniqueOrThrow({ where: { id: survivor! } })).name).toBe("Letzte Admin");
  });
});
