import { describe, expect, it } from "vitest";
import { computeQuarter } from "./compute.ts";
import { DEFAULT_METHOD_V1 } from "./method.ts";
import { ev, Q2_2025, repeat, unit } from "./testing.ts";
import type { CoopEvent, QuarterInput } from "./types.ts";

/** Person ids that cannot occur by accident in a result (no unit id, number or word contains them). */
const pid = (name: string) => `person-${name}-7f3a9c`;
const A = ["a1", "a2", "a3", "a4", "a5"].map(pid);
const B = ["b1", "b2", "b3", "b4", "b5"].map(pid);
const C = ["c1", "c2", "c3", "c4", "c5"].map(pid);
const X1 = pid("x1");
const GHOST = pid("ghost");

/**
 * Hand-computed scenario. Units A (6), B (5), C (5), all roots, and X (2) under A.
 *
 * Objects                                   | events                 | project
 *  A-int: a1..a5, 4 comments each (n = 5)   | A 20                   | P1
 *  B-int: b1..b5, 4 comments each (n = 5)   | B 20                   | P2
 *  C-int: c1..c5, 4 comments each (n = 5)   | C 20                   | P3
 *  o1: a1, a2, b1, b2 (n = 4)               | A 2, B 2               | P1
 *  o2: a1, b1 (n = 2)                       | A 1, B 1               | P1
 *  o3: a3, c1 (n = 2)                       | A 1, C 1               | P3
 *  o4: x1, b3 (n = 2)                       | X 1, B 1               | -
 *  o6: c3 alone, 2 document edits same day  | C 1 (one collapsed)    | -
 * plus noise: a system event, a ghost without unit, one event in Q1, all on o2.
 *
 * Gates: X has headcount 2, 1 person, 1 event -> merged into A (A: headcount 8, 6 persons, 25 events).
 * B: 5, 5, 24. C: 5, 5, 22. N = 3.
 *
 * Graph (internal object with 5 people: s += 5, I += 10 pairs / 4 = 2.5):
 *  s_A = 5 + 2 + 1 + 1 + 1 = 10; s_A_ext = 2·2/3 + 1 + 1 + 1 = 13/3; I_A = 2.5 + 1/3 = 17/6
 *  s_B = 5 + 2 + 1 + 1 = 9;      s_B_ext = 4/3 + 1 + 1 = 10/3;       I_B = 17/6
 *  s_C = 5 + 1 = 6;              s_C_ext = 1;                        I_C = 2.5
 *  W_AB = 4/3 + 1 + 1 = 10/3 on o1, o2, o4 -> tie; W_AC = 1 on o3 -> no tie
 * K1: P1 = A 23, B 3 (11.5 %) -> A_j {A, B}; P2 {B}; P3 = C 21, A 1 -> {C}
 *     A 1/1, B 1/2, C 0/1; organisation 1/3
 * K2: A 13/30, B 10/27, C 1/6; organisation E/(E+I) = (13/3) / (13/3 + 49/6) = 26/75
 * K3: A 1/2, B 1/2, C 0; organisation 1 tie of 3 pairs = 1/3
 * K4: A exp(H(10/13, 3/13)) / 2 = 0.858; B 1/2; C 1/2; organisation exp(H(10/13, 3/13)) / 3 = 0.572
 * Index (weights 25/25/15/15 of 80):
 *  A: K1 100, K2 86.67, K3 100, K4 100 -> (2500 + 6500/3 + 1500 + 1500) / 80 = 95.83
 *  B: K1 100, K2 74.07, K3 100, K4 100 -> (5500 + 50000/27) / 80 = 91.90
 *  C: K1 0, K2 33.33, K3 0, K4 100     -> (2500/3 + 1500) / 80 = 29.17
 *  organisation: K1 66.67, K2 69.33, K3 66.67, K4 100 -> (5000/3 + 5200/3 + 1000 + 1500) / 80 = 73.75
 */
function scenarioEvents(): CoopEvent[] {
  const o = (person: string, unitId: string, object: string, projectId: string | null = null) =>
    ev(person, unitId, object, { projectId });
  return [
    ...A.flatMap((p) => repeat(4, p, "A", "A-int", "P1")),
    ...B.flatMap((p) => repeat(4, p, "B", "B-int", "P2")),
    ...C.flatMap((p) => repeat(4, p, "C", "C-int", "P3")),
    o(A[0]!, "A", "o1", "P1"),
    o(A[1]!, "A", "o1", "P1"),
    o(B[0]!, "B", "o1", "P1"),
    o(B[1]!, "B", "o1", "P1"),
    o(A[0]!, "A", "o2", "P1"),
    o(B[0]!, "B", "o2", "P1"),
    o(A[2]!, "A", "o3", "P3"),
    o(C[0]!, "C", "o3", "P3"),
    o(X1, "X", "o4"),
    o(B[2]!, "B", "o4"),
    ev(C[2]!, "C", "o6", { verb: "article.updated", at: "2025-05-02T09:00:00+02:00" }),
    ev(C[2]!, "C", "o6", { verb: "article.updated", at: "2025-05-02T09:05:00+02:00" }),
    ev(A[3]!, "A", "o2", { isSystem: true }),
    ev(GHOST, null, "o2"),
    ev(B[4]!, "B", "o2", { at: "2025-03-31T12:00:00+02:00" }),
  ];
}

const input = (events = scenarioEvents()): QuarterInput => ({
  quarter: Q2_2025,
  events,
  units: [unit("A", 6), unit("B", 5), unit("C", 5), unit("X", 2, "A")],
  method: DEFAULT_METHOD_V1,
});

describe("computeQuarter on a hand-computed quarter", () => {
  const result = computeQuarter(input());
  const byId = Object.fromEntries(result.units.map((u) => [u.unitId, u]));

  it("applies the gates and merges X into A", () => {
    expect(result.units.map((u) => u.unitId)).toEqual(["A", "B", "C"]);
    expect(byId.A).toMatchObject({ headcount: 8, activePersons: 6, qualifyingEvents: 25, mergedUnitIds: ["X"] });
    expect(byId.B).toMatchObject({ headcount: 5, activePersons: 5, qualifyingEvents: 24 });
    expect(byId.C).toMatchObject({ headcount: 5, activePersons: 5, qualifyingEvents: 22 });
    expect(result.hiddenUnits).toEqual([
      {
        unitId: "X",
        name: "Einheit X",
        failedGates: ["headcount", "active-persons", "events"],
        outcome: "merged",
        mergedIntoUnitId: "A",
      },
    ]);
  });

  it("computes the raw components", () => {
    const raw = (id: string) => Object.fromEntries(Object.values(byId[id]!.components).map((c) => [c.id, c.raw]));
    const hA = -(10 / 13) * Math.log(10 / 13) - (3 / 13) * Math.log(3 / 13);
    expect(raw("A").K1).toBe(1);
    expect(raw("A").K2).toBeCloseTo(13 / 30, 12);
    expect(raw("A").K3).toBe(0.5);
    expect(raw("A").K4).toBeCloseTo(Math.exp(hA) / 2, 12); // 0.858
    expect(raw("B").K1).toBe(0.5);
    expect(raw("B").K2).toBeCloseTo(10 / 27, 12);
    expect(raw("B").K3).toBe(0.5);
    expect(raw("B").K4).toBeCloseTo(0.5, 12);
    expect(raw("C").K1).toBe(0);
    expect(raw("C").K2).toBeCloseTo(1 / 6, 12);
    expect(raw("C").K3).toBe(0);
    expect(raw("C").K4).toBeCloseTo(0.5, 12);
    expect(byId.A!.components.K5).toMatchObject({ status: "disabled", raw: null });
    expect([byId.A!.ties, byId.B!.ties, byId.C!.ties]).toEqual([1, 1, 0]);

    const org = result.organisation;
    expect(org.components.K1.raw).toBeCloseTo(1 / 3, 12);
    expect(org.components.K2.raw).toBeCloseTo(26 / 75, 12);
    expect(org.components.K3.raw).toBeCloseTo(1 / 3, 12);
    expect(org.components.K4.raw).toBeCloseTo(Math.exp(hA) / 3, 12); // 0.572
    expect(org).toMatchObject({ units: 3, ties: 1, activeProjects: 3, crossUnitProjects: 1 });
    expect(org).toMatchObject({ headcount: 18, activePersons: 16, qualifyingEvents: 71 });
  });

  it("scores and combines them", () => {
    expect(byId.A!.components.K2.score).toBeCloseTo(260 / 3, 10); // 86.67
    expect(byId.A!.components.K4.score).toBe(100); // above U = 1/3
    expect(byId.A!.index.value).toBeCloseTo((2500 + 6500 / 3 + 3000) / 80, 10); // 95.83
    expect(byId.B!.index.value).toBeCloseTo((5500 + 50000 / 27) / 80, 10); // 91.90
    expect(byId.C!.index.value).toBeCloseTo((2500 / 3 + 1500) / 80, 10); // 29.17
    expect(result.organisation.index.value).toBeCloseTo(73.75, 10);
    expect(byId.C!.components.K4.points).toBeCloseTo((15 / 80) * 100, 10); // 18.75
  });

  it("shows only unit pairs with enough persons on both sides", () => {
    // A-B: A side a1, a2, x1; B side b1, b2, b3 -> shown. A-C: one person each -> hidden.
    expect(result.unitPairs).toHaveLength(1);
    expect(result.unitPairs[0]).toMatchObject({ unitIdA: "A", unitIdB: "B", sharedObjects: 3, tie: true });
    expect(result.unitPairs[0]!.weight).toBeCloseTo(10 / 3, 12);
  });

  it("fills the data-quality box", () => {
    expect(result.dataQuality).toEqual({
      eventsReceived: 75, // 60 internal + 10 on o1..o4 + 2 on o6 + 3 noise
      eventsDroppedSystem: 1,
      eventsDroppedNonQualifyingVerb: 0,
      eventsDroppedInvalidTime: 0,
      eventsDroppedOutsideQuarter: 1,
      eventsDroppedWithoutUnit: 1,
      documentEditsCollapsed: 1,
      qualifyingEvents: 71,
      personsWithoutUnit: 1,
      objects: 8,
      objectsSingleParticipant: 1,
      objectsDroppedBroadcast: 0,
      objectsUsed: 7,
      unitsSuppressed: 0,
      unitsMerged: 1,
      requestsConsidered: 0,
    });
    expect(result.methodVersion).toBe("1");
  });

  it("contains no person id anywhere", () => {
    const json = JSON.stringify(result);
    for (const id of [...A, ...B, ...C, X1, GHOST]) expect(json).not.toContain(id);
    expect(json).not.toContain("person-");
  });
});

describe("computeQuarter edge cases", () => {
  it("drops and counts broadcasts", () => {
    const crowd = Array.from({ length: 26 }, (_, i) => ev(pid(`crowd${i}`), "A", "all-hands"));
    const result = computeQuarter({ ...input(), events: [...scenarioEvents(), ...crowd] });
    expect(result.dataQuality.objectsDroppedBroadcast).toBe(1);
    // the crowd's events still count as activity, but add no weight
    expect(result.units.find((u) => u.unitId === "A")!.components.K2.raw).toBeCloseTo(13 / 30, 12);
  });

  it("gives no index when fewer than three components are available", () => {
    // one unit only: K1 n/a (no projects), K3 and K4 n/a (N = 1), K2 ok -> no index
    const events = A.flatMap((p) => repeat(4, p, "A", "A-int", null));
    const result = computeQuarter({ ...input(events), units: [unit("A", 5)] });
    expect(result.units[0]!.index).toEqual({ value: null, availableComponents: 1, reason: "too-few-components" });
    expect(result.units[0]!.components.K1.reason).toBe("no-active-projects");
    expect(result.units[0]!.components.K3.reason).toBe("single-unit");
    expect(result.organisation.index.value).toBeNull();
  });

  it("suppresses a root below the gates and never shows its pairs", () => {
    const result = computeQuarter({ ...input(), units: [unit("A", 6), unit("B", 4), unit("C", 5), unit("X", 2, "A")] });
    expect(result.units.map((u) => u.unitId)).toEqual(["A", "C"]);
    expect(result.hiddenUnits.find((h) => h.unitId === "B")).toMatchObject({
      outcome: "suppressed",
      failedGates: ["headcount"],
    });
    expect(result.unitPairs).toEqual([]);
    // B still counts as a partner: A keeps its tie and N stays 3
    expect(result.units[0]!.ties).toBe(1);
    expect(result.organisation.units).toBe(3);
  });

  it("computes K5 when enabled, from requests to the unit", () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({
      fromUnitId: "A",
      toUnitId: "B",
      requestedAt: "2025-04-07T10:00:00+02:00", // Monday; deadline Monday 14 April
      respondedAt: i < 15 ? "2025-04-14T16:00:00+02:00" : "2025-04-15T09:00:00+02:00",
      responderId: B[i % 5]!,
    }));
    const result = computeQuarter({ ...input(), method: { ...DEFAULT_METHOD_V1, k5Enabled: true }, requests });
    const b = result.units.find((u) => u.unitId === "B")!;
    // 15 of 20 within 5 working days: raw 0.75, score 100 * (0.75 - 0.5) / 0.45 = 500/9 = 55.56
    expect(b.components.K5).toMatchObject({ status: "ok", raw: 0.75 });
    expect(b.components.K5.score).toBeCloseTo(500 / 9, 10);
    // with K5 the weights are out of 100: (2500 + 50000/27 + 1500 + 1500 + 20 * 500/9) / 100 = 84.63
    expect(b.index.value).toBeCloseTo((5500 + 50000 / 27 + 10000 / 9) / 100, 10);
    // nobody asked A: n/a, and A's index is unchanged
    const a = result.units.find((u) => u.unitId === "A")!;
    expect(a.components.K5.reason).toBe("no-requests");
    expect(a.index.value).toBeCloseTo((2500 + 6500 / 3 + 3000) / 80, 10);
    expect(result.organisation.components.K5.raw).toBe(0.75);
    expect(result.dataQuality.requestsConsidered).toBe(20);
    expect(JSON.stringify(result)).not.toContain("person-");
  });

  it("rejects an invalid method and duplicate units", () => {
    const bad = { ...DEFAULT_METHOD_V1, goalposts: { ...DEFAULT_METHOD_V1.goalposts, K1: { lower: 1, upper: 0 } } };
    expect(() => computeQuarter({ ...input(), method: bad })).toThrow(RangeError);
    expect(() => computeQuarter({ ...input(), units: [unit("A", 5), unit("A", 5)] })).toThrow(/duplicate/);
  });
});
