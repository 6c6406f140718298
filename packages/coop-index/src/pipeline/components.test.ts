import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD_V1 } from "../method.ts";
import type { CrossUnitRequest } from "../types.ts";
import {
  answeredInTime,
  hillNumber,
  k1Organisation,
  k1Unit,
  k2Organisation,
  k2Unit,
  k3Organisation,
  k3Unit,
  k4Organisation,
  k4Unit,
  k5Component,
  tallyRequests,
} from "./components.ts";
import type { UnitGraph } from "./graph.ts";
import type { ActiveProject } from "./projects.ts";

const project = (...units: number[]): ActiveProject => ({ project: 0, events: 10, participatingUnits: units });

describe("K1 lived cross-unit projects", () => {
  const active = [project(0, 1), project(0), project(1, 2), project(2)];
  it("unit: of its active projects, the share with |A_j| >= 2", () => {
    expect(k1Unit(0, active)).toEqual({ status: "ok", raw: 0.5, reason: null }); // 1 of 2
    expect(k1Unit(1, active).raw).toBe(1); // 2 of 2
    expect(k1Unit(3, active)).toEqual({ status: "n/a", raw: null, reason: "no-active-projects" });
  });
  it("organisation: share of all active projects", () => {
    expect(k1Organisation(active).raw).toBe(0.5); // 2 of 4
    expect(k1Organisation([]).status).toBe("n/a");
  });
});

/** s = [4, 3, 0], external = [3, 3, 0], internal = [1/2, 0, 0]; pairs AB 7/3 */
const graph: UnitGraph = {
  strength: Float64Array.from([4, 3, 0]),
  external: Float64Array.from([3, 3, 0]),
  internal: Float64Array.from([0.5, 0, 0]),
  pairs: [{ a: 0, b: 1, weight: 3, sharedObjects: 3, personsA: 2, personsB: 2 }],
};

describe("K2 openness", () => {
  it("unit: s_a_ext / s_a; n/a without shared objects", () => {
    expect(k2Unit(0, graph).raw).toBe(0.75);
    expect(k2Unit(1, graph).raw).toBe(1);
    expect(k2Unit(2, graph).status).toBe("n/a");
  });
  it("organisation: pooled E / (E + I)", () => {
    expect(k2Organisation(graph).raw).toBeCloseTo(3 / 3.5, 12); // E = 3, I = 1/2
  });
});

describe("K3 partner coverage", () => {
  it("unit ties / (N - 1), organisation density", () => {
    expect(k3Unit(2, 5).raw).toBe(0.5);
    expect(k3Unit(0, 1).status).toBe("n/a");
    expect(k3Organisation(3, 4).raw).toBe(0.5); // 3 of 6 possible pairs
  });
});

describe("K4 activity-weighted breadth", () => {
  it("computes exp(H) as the effective number of partners", () => {
    expect(hillNumber([1, 1])).toBeCloseTo(2, 12);
    // p = 1/2, 1/4, 1/4: H = 1/2 ln 2 + 1/2 ln 4 = 3/2 ln 2, exp(H) = 2^1.5
    expect(hillNumber([2, 1, 1])).toBeCloseTo(2 ** 1.5, 12);
    expect(hillNumber([5])).toBe(1);
    expect(hillNumber([])).toBe(0);
  });
  it("unit: exp(H) / (N - 1); 0 with only internal collaboration; n/a without any", () => {
    expect(k4Unit([1, 1], 4, 5).raw).toBeCloseTo(0.5, 12); // 2 of 4 possible partners
    expect(k4Unit([], 4, 5)).toEqual({ status: "ok", raw: 0, reason: null });
    expect(k4Unit([], 0, 5).reason).toBe("no-shared-objects");
    expect(k4Unit([1], 4, 1).reason).toBe("single-unit");
  });
  it("organisation: exp(H) over pair weights / (N(N-1)/2)", () => {
    expect(k4Organisation(graph, 3).raw).toBeCloseTo(1 / 3, 12); // one pair of three possible
  });
});

describe("K5 responsiveness", () => {
  const holidays = new Set(["2025-10-03"]);
  const ms = (iso: string) => Date.parse(iso);

  it("counts a response within 5 working days of the request day", () => {
    // Monday 7 July 10:00 -> deadline Monday 14 July, end of day
    expect(answeredInTime(ms("2025-07-07T10:00:00+02:00"), ms("2025-07-14T23:00:00+02:00"), 5, holidays)).toBe(true);
    expect(answeredInTime(ms("2025-07-07T10:00:00+02:00"), ms("2025-07-15T08:00:00+02:00"), 5, holidays)).toBe(false);
    expect(answeredInTime(ms("2025-07-07T10:00:00+02:00"), null, 5, holidays)).toBe(false);
    // Wednesday 1 October; Friday 3 October is a holiday: Thu 2, Mon 6, Tue 7, Wed 8, Thu 9
    expect(answeredInTime(ms("2025-10-01T10:00:00+02:00"), ms("2025-10-09T12:00:00+02:00"), 5, holidays)).toBe(true);
    expect(answeredInTime(ms("2025-10-01T10:00:00+02:00"), ms("2025-10-09T12:00:00+02:00"), 5, new Set())).toBe(false);
  });

  it("tallies cross-unit requests per receiving unit after merging", () => {
    const req = (
      from: string,
      to: string,
      day: string,
      answered: string | null,
      responder = "r1",
    ): CrossUnitRequest => ({
      fromUnitId: from,
      toUnitId: to,
      requestedAt: `${day}T10:00:00+02:00`,
      respondedAt: answered === null ? null : `${answered}T10:00:00+02:00`,
      responderId: answered === null ? null : responder,
    });
    const unitIndex = new Map([
      ["A", 0],
      ["B", 1],
      ["B2", 2],
    ]);
    const effective = Int32Array.from([0, 1, 1]); // B2 merged into B
    const t = tallyRequests(
      [
        req("A", "B", "2025-04-07", "2025-04-08", "r1"), // in time
        req("A", "B2", "2025-04-07", "2025-04-30", "r2"), // counts for B, late
        req("B", "A", "2025-04-07", null), // to A, unanswered
        req("B2", "B", "2025-04-07", "2025-04-07"), // internal after merging: skipped
        req("A", "X", "2025-04-07", "2025-04-07"), // unknown unit: skipped
        req("A", "B", "2025-07-01", "2025-07-01"), // next quarter: skipped
      ],
      unitIndex,
      effective,
      { start: Date.parse("2025-03-31T22:00:00Z"), end: Date.parse("2025-06-30T22:00:00Z") },
      5,
      new Set(),
    );
    expect(t.considered).toBe(3);
    expect(t.byUnit.get(1)).toMatchObject({ requests: 2, inTime: 1 });
    expect(t.byUnit.get(1)!.responders.size).toBe(2);
    expect(t.byUnit.get(0)).toMatchObject({ requests: 1, inTime: 0 });
    expect(t.organisation).toMatchObject({ requests: 3, inTime: 1 });
  });

  it("is n/a below 20 requests or 5 responders, and off unless enabled", () => {
    const t = DEFAULT_METHOD_V1.thresholds;
    const tally = (requests: number, inTime: number, responders: number) => ({
      requests,
      inTime,
      responders: new Set(Array.from({ length: responders }, (_, i) => `r${i}`)),
    });
    expect(k5Component(tally(20, 15, 5), true, t)).toEqual({ status: "ok", raw: 0.75, reason: null });
    expect(k5Component(tally(19, 15, 5), true, t).reason).toBe("below-k5-gate");
    expect(k5Component(tally(40, 15, 4), true, t).reason).toBe("below-k5-gate");
    expect(k5Component(undefined, true, t).reason).toBe("no-requests");
    expect(k5Component(tally(20, 15, 5), false, t).status).toBe("disabled");
  });
});
