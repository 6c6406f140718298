import { describe, expect, it } from "vitest";
import { mapUnitsToLevel, type TOrgUnitRow } from "./levels.ts";

const TREE: TOrgUnitRow[] = [
  { id: "vs", parentId: null, kind: "VERWALTUNGSSPITZE", name: "VS" },
  { id: "st", parentId: "vs", kind: "STABSSTELLE", name: "Presse" },
  { id: "d1", parentId: "vs", kind: "DEZERNAT", name: "D1" },
  { id: "fb1", parentId: "d1", kind: "FACHBEREICH", name: "FB1" },
  { id: "sg1", parentId: "fb1", kind: "SACHGEBIET", name: "SG1" },
  { id: "sg2", parentId: "fb1", kind: "SACHGEBIET", name: "SG2" },
  { id: "fb2", parentId: "d1", kind: "FACHBEREICH", name: "FB2" },
];

describe("mapUnitsToLevel", () => {
  it("maps Sachgebiete to their Fachbereich and keeps units without one as themselves", () => {
    const m = mapUnitsToLevel(TREE, "FACHBEREICH");
    expect(Object.fromEntries(m.target)).toEqual({
      vs: "vs",
      st: "st",
      d1: "d1",
      fb1: "fb1",
      sg1: "fb1",
      sg2: "fb1",
      fb2: "fb2",
    });
    expect(m.units.map((u) => u.id)).toEqual(["d1", "fb1", "fb2", "st", "vs"]);
    expect(m.units.find((u) => u.id === "fb1")!.parentId).toBe("d1");
  });

  it("maps to the Dezernat, and at Sachgebiet level a Fachbereich without Sachgebiet stays itself", () => {
    expect(mapUnitsToLevel(TREE, "DEZERNAT").target.get("sg2")).toBe("d1");
    const sg = mapUnitsToLevel(TREE, "SACHGEBIET");
    expect(sg.target.get("sg2")).toBe("sg2");
    expect(sg.target.get("fb2")).toBe("fb2");
    expect(sg.units.find((u) => u.id === "sg1")!.parentId).toBe("fb1");
  });

  it("refuses a cyclic hierarchy", () => {
    expect(() =>
      mapUnitsToLevel(
        [
          { id: "a", parentId: "b", kind: "SACHGEBIET", name: "a" },
          { id: "b", parentId: "a", kind: "SACHGEBIET", name: "b" },
        ],
        "FACHBEREICH",
      ),
    ).toThrow(/cycle/);
  });
});
