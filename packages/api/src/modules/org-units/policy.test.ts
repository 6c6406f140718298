import { describe, expect, it } from "vitest";
import { dissolveRefusal, movesUnderItself } from "./policy.ts";

// Landrat -> Dezernat I -> FB 70 -> SG 70.1, and a second branch Dezernat II -> FB 60.
const tree = new Map<string, string | null>([
  ["spitze", null],
  ["dez1", "spitze"],
  ["fb70", "dez1"],
  ["sg701", "fb70"],
  ["dez2", "spitze"],
  ["fb60", "dez2"],
]);

describe("movesUnderItself", () => {
  it("refuses moving a unit under itself", () => {
    expect(movesUnderItself(tree, "fb70", "fb70")).toBe(true);
  });

  it("refuses moving a unit under its child and under a deeper descendant", () => {
    expect(movesUnderItself(tree, "dez1", "fb70")).toBe(true);
    expect(movesUnderItself(tree, "dez1", "sg701")).toBe(true);
    expect(movesUnderItself(tree, "spitze", "fb60")).toBe(true);
  });

  it("allows moving under a sibling branch, an ancestor, or the current parent", () => {
    expect(movesUnderItself(tree, "fb70", "dez2")).toBe(false);
    expect(movesUnderItself(tree, "fb70", "fb60")).toBe(false);
    expect(movesUnderItself(tree, "sg701", "spitze")).toBe(false);
    expect(movesUnderItself(tree, "sg701", "fb70")).toBe(false);
  });

  it("allows a parent the map does not know beyond itself (top of a partial chain)", () => {
    expect(movesUnderItself(new Map([["x", null]]), "a", "x")).toBe(false);
    expect(movesUnderItself(new Map(), "a", "unknown")).toBe(false);
  });

  it("treats a loop already in the data as a cycle instead of walking forever", () => {
    const broken = new Map<string, string | null>([
      ["a", "b"],
      ["b", "a"],
    ]);
    expect(movesUnderItself(broken, "z", "a")).toBe(true);
  });
});

describe("dissolveRefusal", () => {
  it("allows an empty unit without existing children", () => {
    expect(dissolveRefusal({ dissolvedAt: null, activeMemberCount: 0, activeChildCount: 0 })).toBeNull();
  });

  it("names the number of active members first", () => {
    expect(dissolveRefusal({ dissolvedAt: null, activeMemberCount: 3, activeChildCount: 2 })).toEqual({
      key: "adminUnits.error.hasMembers",
      params: { count: 3 },
    });
  });

  it("refuses while existing children hang under the unit", () => {
    expect(dissolveRefusal({ dissolvedAt: null, activeMemberCount: 0, activeChildCount: 2 })).toEqual({
      key: "adminUnits.error.hasChildren",
      params: { count: 2 },
    });
  });

  it("refuses dissolving twice", () => {
    expect(dissolveRefusal({ dissolvedAt: new Date(), activeMemberCount: 0, activeChildCount: 0 })?.key).toBe(
      "adminUnits.error.dissolved",
    );
  });
});
