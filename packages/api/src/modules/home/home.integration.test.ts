import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";

const h = setupHarness();

describe("home.overview", () => {
  it("returns the unit with its ancestors (root first), colleagues and the counts", async () => {
    const { db } = h.services;
    const root = await createUnit(db, { name: "Landrat", kind: "VERWALTUNGSSPITZE" });
    const middle = await createUnit(db, { name: "Dezernat II", kind: "DEZERNAT", parentId: root.id });
    const unit = await db.orgUnit.update({
      where: { id: (await createUnit(db, { name: "FB Bau", kind: "FACHBEREICH", parentId: middle.id })).id },
      data: { nameDsb: "FB Tward" },
    });
    const dissolved = await createUnit(db, { parentId: root.id });
    await db.orgUnit.update({ where: { id: dissolved.id }, data: { dissolvedAt: new Date() } });

    const me = await createUser(db, { unitId: unit.id, name: "Ich" });
    await createUser(db, { unitId: unit.id, name: "Zora" });
    await createUser(db, { unitId: unit.id, name: "Anton" });
    await createUser(db, { unitId: unit.id, name: "Weg", deactivated: true });
    await createUser(db, { unitId: root.id, name: "Andere Einheit" });

    const overview = await (await h.callerFor(me)).home.overview();

    expect(overview.unit).toEqual({
      id: unit.id,
      name: "FB Bau",
      nameDsb: "FB Tward",
      kind: "FACHBEREICH",
      path: [
        { id: root.id, name: "Landrat" },
        { id: middle.id, name: "Dezernat II" },
      ],
    });
    expect(overview.colleagues.map((c) => c.name)).toEqual(["Anton", "Zora"]);
    expect(overview.unitCount).toBe(await db.orgUnit.count({ where: { dissolvedAt: null } }));
    expect(overview.staffCount).toBe(await db.user.count({ where: { deactivatedAt: null, isSystem: false } }));
  });

  it("has an empty path for a top-level unit", async () => {
    const user = await h.userWith(["STAFF"]);
    const overview = await (await h.callerFor(user)).home.overview();
    expect(overview.unit.id).toBe(user.unitId);
    expect(overview.unit.path).toEqual([]);
  });
});
