import type { MethodThresholds } from "../types.ts";
import { groupIndices } from "./group.ts";
import type { EventTable } from "./prepare.ts";

/**
 * Per project: qualifying events, distinct persons, and events per unit in compressed rows
 * (project j's units are `units[offsets[j]] .. units[offsets[j + 1] - 1]`, with `unitEvents` beside).
 */
export type ProjectActivity = {
  projectCount: number;
  events: Int32Array;
  persons: Int32Array;
  offsets: Int32Array;
  units: Int32Array;
  unitEvents: Int32Array;
};

export function projectActivity(table: EventTable): ProjectActivity {
  const J = table.projectIds.length;
  const { offsets: eventOffsets, order } = groupIndices(table.project, table.size, J);
  const events = new Int32Array(J);
  const persons = new Int32Array(J);
  const offsets = new Int32Array(J + 1);
  const seenPerson = new Int32Array(table.personCount).fill(-1);
  const seenUnit = new Int32Array(table.unitIds.length).fill(-1);
  const slot = new Int32Array(table.unitIds.length);
  const units: number[] = [];
  const unitEvents: number[] = [];
  for (let j = 0; j < J; j++) {
    for (let k = eventOffsets[j]!; k < eventOffsets[j + 1]!; k++) {
      const i = order[k]!;
      const c = table.count === null ? 1 : table.count[i]!;
      events[j]! += c;
      const p = table.person[i]!;
      if (seenPerson[p] !== j) {
        seenPerson[p] = j;
        persons[j]! += 1;
      }
      const u = table.unit[i]!;
      if (seenUnit[u] !== j) {
        seenUnit[u] = j;
        slot[u] = units.length;
        units.push(u);
        unitEvents.push(0);
      }
      unitEvents[slot[u]!]! += c;
    }
    offsets[j + 1] = units.length;
  }
  return {
    projectCount: J,
    events,
    persons,
    offsets,
    units: Int32Array.from(units),
    unitEvents: Int32Array.from(unitEvents),
  };
}

/** An active project of the quarter and A_j, its substantively participating units (sorted). */
export type ActiveProject = { project: number; events: number; participatingUnits: number[] };

/**
 * Active projects (≥ 10 events, ≥ 2 persons) and A_j: units (after merging) with ≥ 3 events and
 * ≥ 10 % of the project's events, so a lead unit with one stray comment from elsewhere is not
 * a lived cross-unit project.
 */
export function activeProjects(
  activity: ProjectActivity,
  effective: Int32Array,
  t: Pick<
    MethodThresholds,
    "activeProjectMinEvents" | "activeProjectMinPersons" | "substantiveMinEvents" | "substantiveMinShare"
  >,
): ActiveProject[] {
  const count = new Int32Array(effective.length);
  const touched: number[] = [];
  const active: ActiveProject[] = [];
  for (let j = 0; j < activity.projectCount; j++) {
    const total = activity.events[j]!;
    if (total < t.activeProjectMinEvents || activity.persons[j]! < t.activeProjectMinPersons) continue;
    touched.length = 0;
    for (let k = activity.offsets[j]!; k < activity.offsets[j + 1]!; k++) {
      const e = effective[activity.units[k]!]!;
      if (count[e] === 0) touched.push(e);
      count[e]! += activity.unitEvents[k]!;
    }
    const participatingUnits: number[] = [];
    for (const e of touched) {
      // count / total >= share, with slack so that exactly 10 % counts despite floating point
      if (count[e]! >= t.substantiveMinEvents && count[e]! >= t.substantiveMinShare * total - 1e-9) {
        participatingUnits.push(e);
      }
      count[e] = 0;
    }
    active.push({ project: j, events: total, participatingUnits: participatingUnits.sort((a, b) => a - b) });
  }
  return active;
}
