import { describe, expect, it } from "vitest";
import { DEFAULT_METHOD_V1 } from "../method.ts";
import { Q2_2025, repeat, unit } from "../testing.ts";
import { prepareEvents } from "./prepare.ts";
import { activeProjects, projectActivity } from "./projects.ts";

/**
 * P1: 20 events: A 15, B 3 (15 %), C 2 (< 3 events)     -> active, A_j = {A, B}
 * P2: 30 events: A 27, B 3 (exactly 10 %)               -> active, A_j = {A, B}
 * P3: 50 events: A 46, B 4 (8 %)                        -> active, A_j = {A}
 * P4: 9 events by two persons                           -> not active (< 10 events)
 * P5: 12 events by one person                           -> not active (< 2 persons)
 */
function scenario() {
  const events = [
    ...repeat(15, "a1", "A", "o1", "P1"),
    ...repeat(3, "b1", "B", "o1", "P1"),
    ...repeat(2, "c1", "C", "o1", "P1"),
    ...repeat(27, "a1", "A", "o2", "P2"),
    ...repeat(3, "b1", "B", "o2", "P2"),
    ...repeat(46, "a2", "A", "o3", "P3"),
    ...repeat(4, "b2", "B", "o3", "P3"),
    ...repeat(5, "a1", "A", "o4", "P4"),
    ...repeat(4, "b1", "B", "o4", "P4"),
    ...repeat(12, "c1", "C", "o5", "P5"),
    ...repeat(30, "a1", "A", "o6", null),
  ];
  return prepareEvents(events, [unit("A", 5), unit("B", 5), unit("C", 5)], Q2_2025);
}

describe("projects", () => {
  it("counts events, distinct persons and events per unit", () => {
    const table = scenario();
    const activity = projectActivity(table);
    expect(Array.from(activity.events)).toEqual([20, 30, 50, 9, 12]);
    expect(Array.from(activity.persons)).toEqual([3, 2, 2, 2, 1]);
  });

  it("finds active projects and their substantive units A_j", () => {
    const table = scenario();
    const active = activeProjects(projectActivity(table), Int32Array.from([0, 1, 2]), DEFAULT_METHOD_V1.thresholds);
    expect(active.map((p) => [table.projectIds[p.project], p.participatingUnits.map((u) => table.unitIds[u])])).toEqual(
      [
        ["P1", ["A", "B"]],
        ["P2", ["A", "B"]],
        ["P3", ["A"]],
      ],
    );
  });

  it("judges participation after merging", () => {
    const table = scenario();
    // B merged into A: P1 and P2 are then worked on by one unit only
    const active = activeProjects(projectActivity(table), Int32Array.from([0, 0, 2]), DEFAULT_METHOD_V1.thresholds);
    expect(active.map((p) => p.participatingUnits)).toEqual([[0], [0], [0]]);
  });
});
