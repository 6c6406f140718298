import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD_V1 } from "../method.ts";
import { ev, Q2_2025, repeat, unit } from "../testing.ts";
import { failedGates, parentIndices, resolveUnits, unitActivity } from "./gates.ts";
import { prepareEvents } from "./prepare.ts";

/**
 * R (root, headcount 2) > D (Dezernat, headcount 1) > S1 (6), S2 (3), S3 (4).
 * Activity:  S1 6 persons, 24 events   -> passes on its own
 *            S2 3 persons, 9 events    -> fails, merged into D
 *            S3 3 persons + the mover m (also in S2), 12 events -> fails, merged into D
 *            D  0 own events -> with S2 + S3: headcount 1+3+4 = 8, persons 6 (m once), 21 events -> shown
 *            R  2 persons, 4 events    -> fails, root: suppressed
 */
function scenario() {
  const units = [unit("R", 2), unit("D", 1, "R"), unit("S1", 6, "D"), unit("S2", 3, "D"), unit("S3", 4, "D")];
  const events = [
    ...["s1a", "s1b", "s1c", "s1d", "s1e", "s1f"].flatMap((p) => repeat(4, p, "S1", `obj-${p}`, null)),
    ...["s2a", "s2b", "m"].flatMap((p) => repeat(3, p, "S2", `obj-${p}`, null)),
    ...["s3a", "s3b", "s3c", "m"].flatMap((p) => repeat(3, p, "S3", `obj3-${p}`, null)),
    ...["r1", "r2"].flatMap((p) => repeat(2, p, "R", `obj-${p}`, null)),
  ];
  const table = prepareEvents(events, units, Q2_2025);
  return { units, table, activity: unitActivity(table) };
}

describe("unit gates", () => {
  it("needs headcount >= 5, >= 5 active persons and >= 20 events", () => {
    const t = DEFAULT_METHOD_V1.thresholds;
    expect(failedGates({ headcount: 5, activePersons: 5, events: 20 }, t)).toEqual([]);
    expect(failedGates({ headcount: 4, activePersons: 5, events: 19 }, t)).toEqual(["headcount", "events"]);
    expect(failedGates({ headcount: 9, activePersons: 4, events: 99 }, t)).toEqual(["active-persons"]);
  });

  it("counts events and distinct active persons per unit", () => {
    const { table, activity } = scenario();
    const at = (id: string) => table.unitIndex.get(id)!;
    expect(activity.events[at("S1")]).toBe(24);
    expect(activity.persons[at("S3")]!.size).toBe(4);
  });

  it("merges small units into their parent, deepest first, and suppresses a failing root", () => {
    const { units, table, activity } = scenario();
    const r = resolveUnits(table.unitIds, units, activity, DEFAULT_METHOD_V1);
    const id = (i: number) => table.unitIds[i]!;
    const at = (x: string) => table.unitIndex.get(x)!;
    expect([...r.shown].map((s, i) => (s ? id(i) : null)).filter(Boolean)).toEqual(["D", "S1"]);
    expect(r.merged.map((m) => [id(m.unit), id(m.into), m.failedGates])).toEqual([
      ["S2", "D", ["headcount", "active-persons", "events"]],
      ["S3", "D", ["headcount", "active-persons", "events"]],
    ]);
    expect(r.suppressed.map((s) => [id(s.unit), s.failedGates])).toEqual([
      ["R", ["headcount", "active-persons", "events"]],
    ]);
    expect(r.figures[at("D")]).toEqual({ headcount: 8, activePersons: 6, events: 21 });
    expect(r.mergedFrom[at("D")]!.map(id)).toEqual(["S2", "S3"]);
    expect(id(r.effective[at("S3")]!)).toBe("D");
    expect(id(r.effective[at("S1")]!)).toBe("S1");
  });

  it("suppresses instead of merging when the method says so", () => {
    const { units, table, activity } = scenario();
    const r = resolveUnits(table.unitIds, units, activity, { ...DEFAULT_METHOD_V1, smallUnits: "suppress" });
    expect(r.merged).toEqual([]);
    expect(r.suppressed.map((s) => table.unitIds[s.unit])).toEqual(["D", "R", "S2", "S3"]);
    expect(Array.from(r.effective)).toEqual([0, 1, 2, 3, 4]);
  });

  it("refuses a unit hierarchy with a cycle", () => {
    expect(() => parentIndices(["A", "B"], [unit("A", 5, "B"), unit("B", 5, "A")])).toThrow(/cycle/);
    expect(Array.from(parentIndices(["A", "B"], [unit("A", 5, "X"), unit("B", 5, "A")]))).toEqual([-1, 0]);
  });

  it("leaves a passing unit alone even when its parent fails", () => {
    const units = [unit("P", 1), unit("C", 5, "P")];
    const events = ["c1", "c2", "c3", "c4", "c5"].flatMap((p) => repeat(4, p, "C", "o", null));
    const table = prepareEvents([...events, ev("p1", "P", "o")], units, Q2_2025);
    const r = resolveUnits(table.unitIds, units, unitActivity(table), DEFAULT_METHOD_V1);
    expect(r.shown[table.unitIndex.get("C")!]).toBe(1);
    expect(r.suppressed.map((s) => table.unitIds[s.unit])).toEqual(["P"]);
  });
});
