import { describe, expect, it } from "vitest";
import { ancestorsOf, buildTree, flattenTree, indentedLabel, subtreeIds, unitName } from "./org-units.ts";

const u = (id: string, parentId: string | null, name = id) => ({
  id,
  code: id.toUpperCase(),
  name,
  nameDsb: null,
  parentId,
});
const units = [
  u("spitze", null, "Verwaltungsspitze"),
  u("dez2", "spitze", "Dezernat II"),
  u("dez1", "spitze", "Dezernat I"),
  u("fb70", "dez1", "FB 70"),
  u("sg701", "fb70", "SG 70.1"),
  u("orphan", "dissolved-parent", "Ämter ohne Eltern"),
];

describe("unit tree helpers", () => {
  it("nests units, sorts siblings by name, and keeps units with a missing parent as roots", () => {
    const roots = buildTree(units);
    expect(roots.map((r) => r.id)).toEqual(["orphan", "spitze"]);
    expect(roots[1]?.children.map((c) => c.id)).toEqual(["dez1", "dez2"]);
    expect(flattenTree(roots).map(({ unit, depth }) => `${depth}:${unit.id}`)).toEqual([
      "0:orphan",
      "0:spitze",
      "1:dez1",
      "2:fb70",
      "3:sg701",
      "1:dez2",
    ]);
  });

  it("finds the subtree a move must not target and the path to the top", () => {
    expect([...subtreeIds(units, "dez1")].sort()).toEqual(["dez1", "fb70", "sg701"]);
    expect(ancestorsOf(units, units[4]!).map((a) => a.id)).toEqual(["spitze", "dez1", "fb70"]);
  });

  it("prefers the Sorbian name for Sorbian readers only when there is one", () => {
    const unit = { name: "Kämmerei", nameDsb: "Kamorarstwo" };
    expect(unitName(unit, "dsb")).toBe("Kamorarstwo");
    expect(unitName(unit, "de")).toBe("Kämmerei");
    expect(unitName({ name: "Kämmerei", nameDsb: null }, "dsb")).toBe("Kämmerei");
    expect(indentedLabel(u("fb70", null, "FB 70"), 2, "de")).toBe("\u00a0\u00a0\u00a0\u00a0FB70 – FB 70");
  });
});
