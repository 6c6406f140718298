import type { GateFailure, MethodConfig, MethodThresholds, UnitMeta } from "../types.ts";
import type { EventTable } from "./prepare.ts";

/** Qualifying events and distinct active persons per unit (indices as in `EventTable.unitIds`). */
export type UnitActivity = { events: Int32Array; persons: Set<number>[] };

export function unitActivity(table: EventTable): UnitActivity {
  const U = table.unitIds.length;
  const events = new Int32Array(U);
  const persons = Array.from({ length: U }, () => new Set<number>());
  for (let i = 0; i < table.size; i++) {
    const u = table.unit[i]!;
    events[u]! += table.count === null ? 1 : table.count[i]!;
    persons[u]!.add(table.person[i]!);
  }
  return { events, persons };
}

export type UnitFigures = { headcount: number; activePersons: number; events: number };

/** The privacy gates for showing a unit; an empty list means it may be shown. */
export function failedGates(
  figures: UnitFigures,
  t: Pick<MethodThresholds, "unitMinHeadcount" | "unitMinActivePersons" | "unitMinEvents">,
): GateFailure[] {
  const failed: GateFailure[] = [];
  if (figures.headcount < t.unitMinHeadcount) failed.push("headcount");
  if (figures.activePersons < t.unitMinActivePersons) failed.push("active-persons");
  if (figures.events < t.unitMinEvents) failed.push("events");
  return failed;
}

export type UnitResolution = {
  /** For every unit index, the unit its people are counted in (itself unless merged). */
  effective: Int32Array;
  /** 1 for effective units that pass the gates and are shown. */
  shown: Uint8Array;
  /** Figures of each effective unit including everything merged into it. */
  figures: UnitFigures[];
  /** For each effective unit, the units merged into it, in index order. */
  mergedFrom: number[][];
  merged: { unit: number; into: number; failedGates: GateFailure[] }[];
  suppressed: { unit: number; failedGates: GateFailure[] }[];
};

/** Parent index per unit (-1 for roots and unknown parents); a cycle in the hierarchy is an error. */
export function parentIndices(unitIds: readonly string[], units: readonly UnitMeta[]): Int32Array {
  const index = new Map(unitIds.map((id, i) => [id, i]));
  const parent = new Int32Array(unitIds.length).fill(-1);
  for (const u of units) {
    const self = index.get(u.id)!;
    parent[self] = u.parentId === null ? -1 : (index.get(u.parentId) ?? -1);
  }
  for (let u = 0; u < parent.length; u++) {
    let steps = 0;
    for (let p = parent[u]!; p !== -1; p = parent[p]!) {
      if (++steps > parent.length) throw new RangeError(`unit hierarchy has a cycle through ${unitIds[u]}`);
    }
  }
  return parent;
}

/**
 * Applies the unit gates. With "merge-into-parent", units are visited deepest first: a unit below
 * the gates hands its people, headcount and events to its parent, so the parent is judged with
 * everything merged into it. That is the repeated "merge and recompute until the gates pass or
 * the root is reached", without merging a parent that its own children would have lifted over the
 * gates. A root that still fails is suppressed; its people stay in the graph as partners of
 * others, the unit itself is never shown.
 */
export function resolveUnits(
  unitIds: readonly string[],
  units: readonly UnitMeta[],
  activity: UnitActivity,
  method: Pick<MethodConfig, "smallUnits" | "thresholds">,
): UnitResolution {
  const U = unitIds.length;
  const parent = parentIndices(unitIds, units);
  const headcount = new Float64Array(U);
  const index = new Map(unitIds.map((id, i) => [id, i]));
  for (const u of units) headcount[index.get(u.id)!] = u.headcount;

  const depth = new Int32Array(U);
  for (let u = 0; u < U; u++) for (let p = parent[u]!; p !== -1; p = parent[p]!) depth[u]! += 1;
  const order = Array.from({ length: U }, (_, i) => i).sort((a, b) => depth[b]! - depth[a]! || a - b);

  const persons = activity.persons.map((s) => new Set(s));
  const events = Array.from(activity.events);
  const headcounts = Array.from(headcount);
  const mergedInto = new Int32Array(U).fill(-1);
  const gates = new Map<number, GateFailure[]>();

  for (const u of order) {
    const failed = failedGates(
      { headcount: headcounts[u]!, activePersons: persons[u]!.size, events: events[u]! },
      method.thresholds,
    );
    gates.set(u, failed);
    const p = parent[u]!;
    if (failed.length === 0 || method.smallUnits !== "merge-into-parent" || p === -1) continue;
    mergedInto[u] = p;
    headcounts[p]! += headcounts[u]!;
    events[p]! += events[u]!;
    for (const person of persons[u]!) persons[p]!.add(person);
  }

  const effective = new Int32Array(U);
  for (let u = 0; u < U; u++) {
    let e = u;
    while (mergedInto[e]! !== -1) e = mergedInto[e]!;
    effective[u] = e;
  }
  const shown = new Uint8Array(U);
  const figures: UnitFigures[] = [];
  const mergedFrom: number[][] = Array.from({ length: U }, () => []);
  const merged: UnitResolution["merged"] = [];
  const suppressed: UnitResolution["suppressed"] = [];
  for (let u = 0; u < U; u++) {
    figures.push({ headcount: headcounts[u]!, activePersons: persons[u]!.size, events: events[u]! });
    const failed = gates.get(u)!;
    if (effective[u] !== u) {
      merged.push({ unit: u, into: effective[u]!, failedGates: failed });
      mergedFrom[effective[u]!]!.push(u);
    } else if (failed.length > 0) suppressed.push({ unit: u, failedGates: failed });
    else shown[u] = 1;
  }
  return { effective, shown, figures, mergedFrom, merged, suppressed };
}
