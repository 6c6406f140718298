import { scoreComponents, validateMethod } from "./method.ts";
import {
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
} from "./pipeline/components.ts";
import { resolveUnits, unitActivity } from "./pipeline/gates.ts";
import { isTie, pairPassesGate, unitGraph } from "./pipeline/graph.ts";
import { filterObjects, objectParticipants } from "./pipeline/participants.ts";
import { type AggregatedRows, type EventTable, prepareEvents, tableFromRows } from "./pipeline/prepare.ts";
import { activeProjects, projectActivity } from "./pipeline/projects.ts";
import { quarterBounds } from "./quarters.ts";
import type {
  ComponentId,
  HiddenUnit,
  QuarterInput,
  QuarterResult,
  RawComponent,
  UnitMeta,
  UnitPairResult,
  UnitResult,
} from "./types.ts";

function checkUnits(units: readonly UnitMeta[]): void {
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u.id)) throw new RangeError(`duplicate unit id: ${u.id}`);
    seen.add(u.id);
    if (!(Number.isFinite(u.headcount) && u.headcount >= 0)) throw new RangeError(`bad headcount for unit ${u.id}`);
  }
}

/**
 * The cooperation index of one quarter (COOP-INDEX.md, method v1), for the organisation, for every
 * unit that passes the privacy gates and for the unit pairs that pass the pair gate. Pure: no
 * clock, no I/O; the same input gives the same numbers whatever the order of the events.
 * The result names units only; person ids never leave this function.
 */
export function computeQuarter(input: QuarterInput): QuarterResult {
  validateMethod(input.method);
  checkUnits(input.units);
  return computeFromTable(prepareEvents(input.events, input.units, input.quarter, input.method), input);
}

export type { AggregatedRows } from "./pipeline/prepare.ts";

/** The quarter from pre-aggregated rows (see `AggregatedRows`), e.g. an SQL aggregation over the event log. */
export type AggregatedQuarterInput = Omit<QuarterInput, "events"> & { rows: AggregatedRows };

/**
 * Same numbers as `computeQuarter` over the events the rows summarise (property-tested), but the
 * caller did the filtering and grouping, so a million events arrive as far fewer rows.
 */
export function computeQuarterFromRows(input: AggregatedQuarterInput): QuarterResult {
  validateMethod(input.method);
  checkUnits(input.units);
  return computeFromTable(tableFromRows(input.rows, input.units), input);
}

function computeFromTable(table: EventTable, input: Omit<QuarterInput, "events">): QuarterResult {
  const { method, quarter } = input;
  const t = method.thresholds;
  const U = table.unitIds.length;
  const resolution = resolveUnits(table.unitIds, input.units, unitActivity(table), method);
  const { effective, figures, shown } = resolution;
  const parts = objectParticipants(table);
  const filter = filterObjects(parts, t);
  const graph = unitGraph(
    parts,
    filter,
    effective,
    t.maxParticipants,
    Math.max(t.pairMinPersonsTotal, t.pairMinPersonsPerSide),
  );
  const projects = activeProjects(projectActivity(table), effective, t);

  let nodes = 0;
  for (let u = 0; u < U; u++) if (effective[u] === u && figures[u]!.activePersons > 0) nodes += 1;

  const ties = new Int32Array(U);
  const partnerWeights: number[][] = Array.from({ length: U }, () => []);
  let totalTies = 0;
  const unitPairs: UnitPairResult[] = [];
  for (const pair of graph.pairs) {
    const tie = isTie(pair, t);
    partnerWeights[pair.a]!.push(pair.weight);
    partnerWeights[pair.b]!.push(pair.weight);
    if (tie) {
      ties[pair.a]! += 1;
      ties[pair.b]! += 1;
      totalTies += 1;
    }
    if (shown[pair.a] && shown[pair.b] && pairPassesGate(pair, t)) {
      unitPairs.push({
        unitIdA: table.unitIds[pair.a]!,
        unitIdB: table.unitIds[pair.b]!,
        weight: pair.weight,
        sharedObjects: pair.sharedObjects,
        tie,
      });
    }
  }

  const bounds = quarterBounds(quarter);
  const requests = method.k5Enabled ? (input.requests ?? []) : [];
  const k5 = tallyRequests(
    requests,
    table.unitIndex,
    effective,
    { start: bounds.start.getTime(), end: bounds.end.getTime() },
    t.k5WorkingDays,
    new Set(input.holidays ?? []),
  );

  const metaById = new Map(input.units.map((u) => [u.id, u]));
  const units: UnitResult[] = [];
  for (let a = 0; a < U; a++) {
    if (!shown[a]) continue;
    const meta = metaById.get(table.unitIds[a]!)!;
    const raw: Record<ComponentId, RawComponent> = {
      K1: k1Unit(a, projects),
      K2: k2Unit(a, graph),
      K3: k3Unit(ties[a]!, nodes),
      K4: k4Unit(partnerWeights[a]!, graph.strength[a]!, nodes),
      K5: k5Component(k5.byUnit.get(a), method.k5Enabled, t),
    };
    units.push({
      unitId: meta.id,
      name: meta.name,
      parentId: meta.parentId,
      mergedUnitIds: resolution.mergedFrom[a]!.map((u) => table.unitIds[u]!),
      headcount: figures[a]!.headcount,
      activePersons: figures[a]!.activePersons,
      qualifyingEvents: figures[a]!.events,
      ties: ties[a]!,
      ...scoreComponents(raw, method),
    });
  }

  const orgRaw: Record<ComponentId, RawComponent> = {
    K1: k1Organisation(projects),
    K2: k2Organisation(graph),
    K3: k3Organisation(totalTies, nodes),
    K4: k4Organisation(graph, nodes),
    K5: k5Component(k5.organisation, method.k5Enabled, t),
  };
  let headcount = 0;
  for (const u of input.units) headcount += u.headcount;

  const nameOf = (u: number) => metaById.get(table.unitIds[u]!)!.name;
  const hiddenUnits: HiddenUnit[] = [
    ...resolution.merged.map((m): HiddenUnit => ({
      unitId: table.unitIds[m.unit]!,
      name: nameOf(m.unit),
      failedGates: m.failedGates,
      outcome: "merged",
      mergedIntoUnitId: table.unitIds[m.into]!,
    })),
    ...resolution.suppressed.map((s): HiddenUnit => ({
      unitId: table.unitIds[s.unit]!,
      name: nameOf(s.unit),
      failedGates: s.failedGates,
      outcome: "suppressed",
    })),
  ].sort((x, y) => (x.unitId < y.unitId ? -1 : x.unitId > y.unitId ? 1 : 0));

  return {
    methodVersion: method.methodVersion,
    quarter: { year: quarter.year, quarter: quarter.quarter },
    organisation: {
      headcount,
      activePersons: table.personCount,
      qualifyingEvents: table.events,
      units: nodes,
      ties: totalTies,
      activeProjects: projects.length,
      crossUnitProjects: projects.filter((p) => p.participatingUnits.length >= 2).length,
      ...scoreComponents(orgRaw, method),
    },
    units,
    hiddenUnits,
    unitPairs,
    activeProjects: projects
      .map((p) => ({
        projectId: table.projectIds[p.project]!,
        events: p.events,
        participatingUnitIds: p.participatingUnits.map((u) => table.unitIds[u]!),
      }))
      .sort((x, y) => (x.projectId < y.projectId ? -1 : x.projectId > y.projectId ? 1 : 0)),
    dataQuality: {
      eventsReceived: table.received,
      eventsDroppedSystem: table.dropped.system,
      eventsDroppedNonQualifyingVerb: table.dropped.nonQualifyingVerb,
      eventsDroppedInvalidTime: table.dropped.invalidTime,
      eventsDroppedOutsideQuarter: table.dropped.outsideQuarter,
      eventsDroppedWithoutUnit: table.dropped.withoutUnit,
      documentEditsCollapsed: table.dropped.documentEditsCollapsed,
      qualifyingEvents: table.events,
      personsWithoutUnit: table.personsWithoutUnit,
      objects: parts.objectCount,
      objectsSingleParticipant: filter.singleParticipant,
      objectsDroppedBroadcast: filter.broadcast,
      objectsUsed: filter.used,
      unitsSuppressed: resolution.suppressed.length,
      unitsMerged: resolution.merged.length,
      requestsConsidered: k5.considered,
    },
  };
}
