import { DOCUMENT_EDIT_VERB, QUALIFYING_VERBS } from "../method.ts";
import { berlinDayNumber, quarterBounds, toEpochMs } from "../quarters.ts";
import type { CoopEvent, Quarter, UnitMeta } from "../types.ts";
import { groupIndices } from "./group.ts";

export type DroppedEvents = {
  system: number;
  nonQualifyingVerb: number;
  invalidTime: number;
  outsideQuarter: number;
  withoutUnit: number;
  documentEditsCollapsed: number;
};

/**
 * The quarter's qualifying events as columns of integer indices. Everything downstream works on
 * indices into these arrays (Maps and typed arrays, no per-person objects), which keeps a
 * million events within a second or two.
 */
export type EventTable = {
  /** Known unit ids, sorted, so that every float sum runs in an order independent of the input. */
  unitIds: readonly string[];
  unitIndex: ReadonlyMap<string, number>;
  personCount: number;
  objectCount: number;
  projectIds: readonly string[];
  size: number;
  person: Int32Array;
  object: Int32Array;
  unit: Int32Array;
  /** -1 for events outside any project. */
  project: Int32Array;
  at: Float64Array;
  /**
   * Multiplicity of each row, when rows are pre-aggregated (same person, unit, object and project;
   * `at` is then the earliest instant). Null: every row is one event.
   */
  count: Int32Array | null;
  /** Qualifying events: `size` without counts, the sum of `count` with them. */
  events: number;
  received: number;
  dropped: DroppedEvents;
  personsWithoutUnit: number;
};

export type VerbLists = { qualifyingVerbs: readonly string[]; oncePerDayVerbs: readonly string[] };

const DEFAULT_VERBS: VerbLists = { qualifyingVerbs: QUALIFYING_VERBS, oncePerDayVerbs: [DOCUMENT_EDIT_VERB] };

/** Deterministic "which of two duplicates wins": earlier instant, then smaller unit, then project id. */
export function isEarlierEvent(
  table: Pick<EventTable, "at" | "unit" | "project" | "projectIds">,
  i: number,
  j: number,
) {
  const dt = table.at[i]! - table.at[j]!;
  if (dt !== 0) return dt < 0;
  const du = table.unit[i]! - table.unit[j]!;
  if (du !== 0) return du < 0;
  const pi = table.project[i]! < 0 ? "" : table.projectIds[table.project[i]!]!;
  const pj = table.project[j]! < 0 ? "" : table.projectIds[table.project[j]!]!;
  return pi < pj;
}

/**
 * Drops what does not count (system and bulk events, other verbs, bad or out-of-quarter times,
 * persons without a known unit), collapses document edits to one per person, object and Berlin
 * day, and indexes the rest.
 */
export function prepareEvents(
  events: readonly CoopEvent[],
  units: readonly UnitMeta[],
  quarter: Quarter,
  verbs: VerbLists = DEFAULT_VERBS,
): EventTable {
  const QUALIFYING = new Set<string>(verbs.qualifyingVerbs);
  const ONCE_PER_DAY = new Set<string>(verbs.oncePerDayVerbs);
  const unitIds = [...new Set(units.map((u) => u.id))].sort();
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const bounds = quarterBounds(quarter);
  const start = bounds.start.getTime();
  const end = bounds.end.getTime();
  const firstDay = berlinDayNumber(start);

  const n = events.length;
  const person = new Int32Array(n);
  const object = new Int32Array(n);
  const unit = new Int32Array(n);
  const project = new Int32Array(n);
  const at = new Float64Array(n);
  /** Day within the quarter for document edits, -1 for every other verb. */
  const day = new Int32Array(n);

  const personIndex = new Map<string, number>();
  const objectIndex = new Map<string, number>();
  const projectIndex = new Map<string, number>();
  const projectIds: string[] = [];
  const withoutUnit = new Set<string>();
  const dropped: DroppedEvents = {
    system: 0,
    nonQualifyingVerb: 0,
    invalidTime: 0,
    outsideQuarter: 0,
    withoutUnit: 0,
    documentEditsCollapsed: 0,
  };

  let size = 0;
  for (const e of events) {
    if (e.isSystem) {
      dropped.system += 1;
      continue;
    }
    if (!QUALIFYING.has(e.verb)) {
      dropped.nonQualifyingVerb += 1;
      continue;
    }
    const ms = toEpochMs(e.at);
    if (Number.isNaN(ms)) {
      dropped.invalidTime += 1;
      continue;
    }
    if (ms < start || ms >= end) {
      dropped.outsideQuarter += 1;
      continue;
    }
    const u = e.unitId === null ? undefined : unitIndex.get(e.unitId);
    if (u === undefined) {
      dropped.withoutUnit += 1;
      withoutUnit.add(e.personId);
      continue;
    }
    let p = personIndex.get(e.personId);
    if (p === undefined) personIndex.set(e.personId, (p = personIndex.size));
    let o = objectIndex.get(e.objectKey);
    if (o === undefined) objectIndex.set(e.objectKey, (o = objectIndex.size));
    let j = -1;
    if (e.projectId !== null) {
      const known = projectIndex.get(e.projectId);
      if (known === undefined) {
        j = projectIds.length;
        projectIndex.set(e.projectId, j);
        projectIds.push(e.projectId);
      } else j = known;
    }
    person[size] = p;
    object[size] = o;
    unit[size] = u;
    project[size] = j;
    at[size] = ms;
    day[size] = ONCE_PER_DAY.has(e.verb) ? berlinDayNumber(ms) - firstDay : -1;
    size += 1;
  }

  const table: EventTable = {
    unitIds,
    unitIndex,
    personCount: personIndex.size,
    objectCount: objectIndex.size,
    projectIds,
    size,
    person,
    object,
    unit,
    project,
    at,
    count: null,
    events: size,
    received: n,
    dropped,
    personsWithoutUnit: withoutUnit.size,
  };
  return collapseDocumentEdits(table, day);
}

/**
 * At most one document edit per person, object and Berlin day (autosave bursts). The survivor is
 * chosen by `isEarlierEvent`, not by input order, so shuffled input gives the same result.
 * `day` holds each event's day within the quarter, -1 for verbs other than document edits.
 * Returns a new table; the input's arrays are not touched.
 */
export function collapseDocumentEdits(table: EventTable, day: Int32Array): EventTable {
  const days = 93; // a quarter has at most 92 Berlin days
  if (table.personCount * days > 2 ** 30) throw new RangeError("too many persons for one quarter's integer keys");
  const { offsets, order } = groupIndices(table.object, table.size, table.objectCount);
  const survivor = new Map<number, number>(); // per object: person * days + day -> event index
  const drop = new Uint8Array(table.size);
  let collapsed = 0;
  for (let o = 0; o < table.objectCount; o++) {
    if (survivor.size > 0) survivor.clear();
    for (let k = offsets[o]!; k < offsets[o + 1]!; k++) {
      const i = order[k]!;
      const d = day[i]!;
      if (d < 0) continue;
      const key = table.person[i]! * days + d;
      const kept = survivor.get(key);
      if (kept === undefined) {
        survivor.set(key, i);
        continue;
      }
      collapsed += 1;
      if (isEarlierEvent(table, i, kept)) {
        drop[kept] = 1;
        survivor.set(key, i);
      } else drop[i] = 1;
    }
  }
  if (collapsed === 0) {
    return { ...table, ...sliced(table, table.size) };
  }
  const size = table.size - collapsed;
  const out = {
    person: new Int32Array(size),
    object: new Int32Array(size),
    unit: new Int32Array(size),
    project: new Int32Array(size),
    at: new Float64Array(size),
  };
  let w = 0;
  for (let i = 0; i < table.size; i++) {
    if (drop[i]) continue;
    out.person[w] = table.person[i]!;
    out.object[w] = table.object[i]!;
    out.unit[w] = table.unit[i]!;
    out.project[w] = table.project[i]!;
    out.at[w] = table.at[i]!;
    w += 1;
  }
  return {
    ...table,
    ...out,
    size,
    events: size,
    dropped: { ...table.dropped, documentEditsCollapsed: table.dropped.documentEditsCollapsed + collapsed },
  };
}

function sliced(table: EventTable, size: number) {
  return {
    person: table.person.subarray(0, size),
    object: table.object.subarray(0, size),
    unit: table.unit.subarray(0, size),
    project: table.project.subarray(0, size),
    at: table.at.subarray(0, size),
  };
}

/**
 * Pre-aggregated rows, e.g. from SQL: one row per (person, unit, object, project) with the number
 * of qualifying events and the earliest instant. Persons, objects and projects are dense indices
 * (0..count-1); units are indices into the sorted unit ids of `units`, -1 for "no known unit".
 * Filtering (system accounts, verbs, quarter, once-per-day verbs) has happened at the source,
 * which reports what it dropped.
 */
export type AggregatedRows = {
  personCount: number;
  objectCount: number;
  /** Project keys in index order; only their order matters (deterministic tie-breaks). */
  projectIds: readonly string[];
  person: Int32Array;
  object: Int32Array;
  unit: Int32Array;
  project: Int32Array;
  count: Int32Array;
  at: Float64Array;
  received: number;
  dropped: Omit<DroppedEvents, "withoutUnit">;
  /**
   * Optional: the rows are single events (every `count` is 1), not yet collapsed. Per row the
   * Berlin day within the quarter for once-per-day verbs, -1 for every other verb; the collapse
   * (one such event per person, object and day, see `collapseDocumentEdits`) then happens here.
   */
  day?: Int32Array;
};

/** The event table from pre-aggregated rows; rows without a known unit are dropped and counted here. */
export function tableFromRows(rows: AggregatedRows, units: readonly UnitMeta[]): EventTable {
  const unitIds = [...new Set(units.map((u) => u.id))].sort();
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));
  const n = rows.person.length;
  for (const column of [rows.object, rows.unit, rows.project, rows.count, rows.at, ...(rows.day ? [rows.day] : [])]) {
    if (column.length !== n) throw new RangeError("aggregated rows: columns differ in length");
  }
  const keep = new Int32Array(n);
  let size = 0;
  let withoutUnitEvents = 0;
  const withoutUnit = new Set<number>();
  for (let i = 0; i < n; i++) {
    const u = rows.unit[i]!;
    if (u < 0 || u >= unitIds.length) {
      withoutUnitEvents += rows.count[i]!;
      withoutUnit.add(rows.person[i]!);
    } else keep[size++] = i;
  }
  // persons and objects are re-indexed (order kept) so that only those with a known unit count
  const personIndex = new Int32Array(rows.personCount).fill(-1);
  const objectIndex = new Int32Array(rows.objectCount).fill(-1);
  for (let k = 0; k < size; k++) {
    const i = keep[k]!;
    personIndex[rows.person[i]!] = 0;
    objectIndex[rows.object[i]!] = 0;
  }
  let persons = 0;
  for (let p = 0; p < rows.personCount; p++) if (personIndex[p] === 0) personIndex[p] = persons++;
  let objects = 0;
  for (let o = 0; o < rows.objectCount; o++) if (objectIndex[o] === 0) objectIndex[o] = objects++;
  const person = new Int32Array(size);
  const object = new Int32Array(size);
  const unit = new Int32Array(size);
  const project = new Int32Array(size);
  const count = new Int32Array(size);
  const at = new Float64Array(size);
  const day = rows.day ? new Int32Array(size) : null;
  let events = 0;
  for (let k = 0; k < size; k++) {
    const i = keep[k]!;
    person[k] = personIndex[rows.person[i]!]!;
    object[k] = objectIndex[rows.object[i]!]!;
    unit[k] = rows.unit[i]!;
    project[k] = rows.project[i]!;
    count[k] = rows.count[i]!;
    at[k] = rows.at[i]!;
    if (day) day[k] = rows.day![i]!;
    events += rows.count[i]!;
  }
  const table: EventTable = {
    unitIds,
    unitIndex,
    personCount: persons,
    objectCount: objects,
    projectIds: rows.projectIds,
    size,
    person,
    object,
    unit,
    project,
    at,
    count,
    events,
    received: rows.received,
    dropped: { ...rows.dropped, withoutUnit: withoutUnitEvents },
    personsWithoutUnit: withoutUnit.size,
  };
  if (!day) return table;
  for (let k = 0; k < size; k++) {
    if (count[k] !== 1) throw new RangeError("aggregated rows with days must be single events");
  }
  return collapseDocumentEdits({ ...table, count: null }, day);
}
