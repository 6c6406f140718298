import type { AggregatedRows } from "@kreisnetz/coop-index/compute";
import type { MethodConfig, Quarter, UnitMeta } from "@kreisnetz/coop-index/types";
import { berlinDayNumber, quarterBounds } from "@kreisnetz/coop-index/quarters";
import { Prisma, readRows, type DbOrTx } from "@kreisnetz/db/client";
import { mapUnitsToLevel, type TCoopUnitLevel, type TOrgUnitRow } from "./levels.ts";

/**
 * The SQL half of the computation. PostgreSQL filters the quarter's events (system accounts and
 * events, verbs, object types), finds each actor's unit at the event's time from the
 * effective-dated `unit_membership`, maps it to the chosen level, keeps one once-per-day edit per
 * person, object and Berlin day, and groups what is left by (person, unit, object, project).
 * Only those groups travel to Node, as six integer/float arrays with dense indices: persons and
 * objects arrive as numbers, never as ids.
 */
export type TQuarterAggregate = {
  rows: AggregatedRows;
  units: UnitMeta[];
  /** Level unit -> declared project ids (lead unit or participating unit), for "declared vs. lived". */
  orgUnits: TOrgUnitRow[];
  target: Map<string, string>;
};

type TAggregateRow = {
  persons: number;
  objects: number;
  person: number[] | null;
  object: number[] | null;
  unit: number[] | null;
  project: number[] | null;
  count: number[] | null;
  at: number[] | null;
  projectIds: string[] | null;
  collapsed: number;
};

type TCountRow = { received: number; system: number; nonQualifying: number };

/** `created_at` columns are UTC timestamps without time zone (Prisma's DateTime). */
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export async function loadOrgUnits(db: DbOrTx): Promise<TOrgUnitRow[]> {
  return readRows<TOrgUnitRow>(
    db,
    Prisma.sql`SELECT id, parent_id AS "parentId", kind::text AS kind, name FROM org_unit ORDER BY id`,
  );
}

export type TAggregateOptions = {
  /**
   * "scan" (default): one lean pass over the quarter's events, the rest in Node on typed arrays.
   * "grouped": the older all-in-SQL statement (`aggregateQuery`); kept as the fallback for ids the
   * lean format cannot carry, and as a second implementation the tests compare against.
   */
  strategy?: "scan" | "grouped";
  /** Receives the time of each step in ms (benchmark). */
  timings?: (step: string, ms: number) => void;
};

export async function aggregateQuarter(
  db: DbOrTx,
  quarter: Quarter,
  level: TCoopUnitLevel,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
  now: Date = new Date(),
  options: TAggregateOptions = {},
): Promise<TQuarterAggregate> {
  const orgUnits = await loadOrgUnits(db);
  const mapping = mapUnitsToLevel(orgUnits, level);
  const unitIds = mapping.units.map((u) => u.id).sort();
  const indexOf = new Map(unitIds.map((id, i) => [id, i]));
  const { start, end } = quarterBounds(quarter);

  const headcounts = await unitHeadcounts(db, new Date(Math.min(end.getTime(), now.getTime()) - 1));
  const direct = new Map<string, number>();
  for (const h of headcounts) {
    const t = mapping.target.get(h.unitId);
    if (t !== undefined) direct.set(t, (direct.get(t) ?? 0) + h.headcount);
  }
  const unitOf = (orgUnitId: string) => {
    const t = mapping.target.get(orgUnitId);
    return t === undefined ? -1 : indexOf.get(t)!;
  };
  const strategy = options.strategy ?? "scan";
  const rows =
    (strategy === "scan" ? await scanQuarter(db, start, end, unitOf, method, options.timings) : null) ??
    (await groupedQuarter(db, start, end, mapping.target, indexOf, method));
  return {
    rows,
    units: mapping.units.map((u) => ({ ...u, headcount: direct.get(u.id) ?? 0 })),
    orgUnits,
    target: mapping.target,
  };
}

/**
 * The lean pass. PostgreSQL does only what it is fastest at: one sequential (or created_at index)
 * scan of the quarter that drops events flagged as system and concatenates the six columns the
 * index needs into one text value (a measured alternative: every join, GROUP BY or per-column
 * aggregate over a million rows costs 0.5-3 s each here, see bench/README.md). Node then reads
 * that text once, character by character, without making a string per field: persons, objects
 * and projects become dense integers through open-addressing tables keyed by a hash of the
 * characters and checked by comparing the characters (exact, no hash identity), the unit comes
 * from the person's effective-dated memberships (loaded once, a few per person), and the
 * qualifying-verb check, the system-account check and the once-per-day collapse happen on typed
 * arrays. Returns null when an id contains a tab or a line break (the format cannot carry it):
 * the caller then uses the grouped statement.
 */
async function scanQuarter(
  db: DbOrTx,
  start: Date,
  end: Date,
  unitOf: (orgUnitId: string) => number,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
  timings?: (step: string, ms: number) => void,
): Promise<AggregatedRows | null> {
  let t0 = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    timings?.(name, t - t0);
    t0 = t;
  };
  const people = await readRows<TScanPerson>(
    db,
    Prisma.sql`
    SELECT a.id,
           coalesce(array_agg(${micros(Prisma.sql`m.valid_from`)}::text ORDER BY m.valid_from, m.id) FILTER (WHERE m.id IS NOT NULL), '{}') AS "from",
           coalesce(array_agg(${micros(Prisma.sql`m.valid_to`)}::text ORDER BY m.valid_from, m.id) FILTER (WHERE m.id IS NOT NULL), '{}') AS "to",
           coalesce(array_agg(m.unit_id ORDER BY m.valid_from, m.id) FILTER (WHERE m.id IS NOT NULL), '{}') AS units
      FROM app_user a LEFT JOIN unit_membership m ON m.user_id = a.id
     WHERE NOT a.is_system
     GROUP BY a.id`,
  );
  // the quarter in time slices, all sent at once on separate connections, so that PostgreSQL can
  // scan the later slices while Node reads the earlier ones (see SCAN_SLICES)
  const slices = SCAN_SLICES;
  const span = (end.getTime() - start.getTime()) / slices;
  const bounds = Array.from({ length: slices + 1 }, (_, k) =>
    k === slices ? end : new Date(start.getTime() + Math.round(k * span)),
  );
  const pending = bounds.slice(1).map((to, k) => readScanSlice(db, bounds[k]!, to));
  // a failing later slice must not count as unhandled while an earlier one is awaited
  for (const slice of pending) slice.catch(() => undefined);
  let received = 0;
  let flagged = 0;
  let parser: ReturnType<typeof createScanParser> | null = null;
  let ok = true;
  for (const slice of pending) {
    const scan = await slice;
    received += scan?.received ?? 0;
    flagged += scan?.flagged ?? 0;
    if (!ok || !scan?.rows) continue;
    parser ??= createScanParser(people, unitOf, method, start.getTime(), scan.rows.length * slices);
    ok = parser.feed(scan.rows);
  }
  step("sql + parse");
  if (!ok) return null;
  parser ??= createScanParser(people, unitOf, method, start.getTime(), 0);
  const parsed = parser.finish();
  return {
    ...parsed.rows,
    received,
    dropped: {
      system: flagged + (received - flagged - parsed.lines) + parsed.systemActors,
      nonQualifyingVerb: parsed.nonQualifying,
      invalidTime: 0,
      outsideQuarter: 0,
      documentEditsCollapsed: 0,
    },
  };
}

/**
 * Time slices of the quarter scanned concurrently (each one connection of the pool). 1: measured
 * with 4 on the benchmark's table (one quarter is most of it), every slice became a sequential
 * scan of the whole table and the run took three times as long; worth trying again when the
 * event log holds years and a slice is an index range scan.
 */
const SCAN_SLICES = 1;

async function readScanSlice(
  db: DbOrTx,
  from: Date,
  to: Date,
): Promise<{ received: number; flagged: number; rows: Buffer | null } | undefined> {
  const query = Prisma.sql`
    SELECT count(*)::int AS received, count(*) FILTER (WHERE e.is_system)::int AS flagged,
           string_agg(e.actor_id || E'\t' || e.verb || E'\t' || e.object_type || E'\t' || e.object_id || E'\t'
                        || coalesce('+' || e.project_id, '') || E'\t' || ${micros(Prisma.sql`e.created_at`)}, E'\n')
             FILTER (WHERE NOT e.is_system AND e.actor_id IS NOT NULL) AS rows
      FROM activity_event e
     WHERE e.created_at >= ${utc(from)} AND e.created_at < ${utc(to)}`;
  // back to UTF-8 bytes: reading a Buffer is about twice as fast as charCodeAt on the string.
  // (pg's `binary: true` does not avoid the decoding: node-postgres decodes every field as text
  // first, which also garbles binary integers; measured and dropped.)
  const [row] = await readRows<{ received: number; flagged: number; rows: string | null }>(db, query);
  return row && { ...row, rows: row.rows === null ? null : Buffer.from(row.rows, "utf8") };
}

/** Microseconds since 1970 as an exact integer (a timestamp's own resolution). */
const micros = (column: Prisma.Sql) => Prisma.sql`round(date_part('epoch', ${column}) * 1000000)::int8`;

/**
 * Interning of byte strings: open addressing on a 32-bit hash, keys copied into one arena and
 * compared byte by byte, so equal ids get equal numbers exactly (the hash only finds the slot).
 */
class Interner {
  private slots: Int32Array;
  private mask: number;
  private hashes: Uint32Array;
  private starts: Int32Array;
  private arena: Uint8Array;
  private used = 0;
  size = 0;
  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.hashes = new Uint32Array(size >> 1);
    this.starts = new Int32Array((size >> 1) + 1);
    this.arena = new Uint8Array(size * 16);
  }
  /** The id of `bytes[from, to)`, a new one if unseen (`add`) or -1; `hash` is the caller's FNV-1a of those bytes. */
  lookup(bytes: Uint8Array, from: number, to: number, hash: number, add: boolean): number {
    const { arena, starts, hashes } = this;
    const length = to - from;
    let slot = mix(hash) & this.mask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id < 0) break;
      if (hashes[id] === hash) {
        const s = starts[id]!;
        if (starts[id + 1]! - s === length) {
          let k = 0;
          while (k < length && arena[s + k] === bytes[from + k]) k++;
          if (k === length) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    if (!add) return -1;
    if (this.used + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      grown.set(this.arena);
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(from, to), this.used);
    const id = this.size++;
    this.used += length;
    this.hashes[id] = hash;
    this.starts[id + 1] = this.used;
    this.slots[slot] = id;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }
  key(id: number): string {
    return Buffer.from(
      this.arena.buffer,
      this.arena.byteOffset + this.starts[id]!,
      this.starts[id + 1]! - this.starts[id]!,
    ).toString("utf8");
  }
  private grow() {
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    const hashes = new Uint32Array(size >> 1);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const starts = new Int32Array((size >> 1) + 1);
    starts.set(this.starts);
    this.starts = starts;
    for (let id = 0; id < this.size; id++) {
      let slot = mix(hashes[id]!) & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    }
  }
}

/** Murmur3's finaliser: FNV-1a's low bits are weak for short, similar keys (probe chains). */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over bytes. */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function internAll(keys: readonly string[]): Interner {
  const interner = new Interner(keys.length);
  for (const key of keys) {
    const bytes = Buffer.from(key, "utf8");
    interner.lookup(bytes, 0, bytes.length, hashOf(bytes, 0, bytes.length), true);
  }
  return interner;
}

const TAB = 9;
const NEWLINE = 10;

type TPerson = { from: number[]; to: number[]; units: number[] };
export type TScanPerson = { id: string; from: string[]; to: (string | null)[]; units: string[] };

/**
 * Reads the scan's bytes: `actor \t verb \t object_type \t object_id \t [+project] \t micros`, one
 * event per line (UTF-8). Persons are looked up among the non-system accounts (anyone else:
 * system); a verb qualifies when it is listed and its prefix is the object type. Null when a line
 * does not have exactly six fields (an id with a tab or a line break in it).
 */
type TParsed = {
  rows: Omit<AggregatedRows, "received" | "dropped">;
  lines: number;
  systemActors: number;
  nonQualifying: number;
};

/** `createScanParser` over one buffer (tests). */
export function parseScan(
  bytes: Uint8Array,
  people: readonly TScanPerson[],
  unitOf: (orgUnitId: string) => number,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
  quarterStart: number,
): TParsed | null {
  const parser = createScanParser(people, unitOf, method, quarterStart, bytes.length);
  return parser.feed(bytes) ? parser.finish() : null;
}

/**
 * Reads the scan's bytes: `actor \t verb \t object_type \t object_id \t [+project] \t micros`, one
 * event per line (UTF-8), in as many chunks as come (`feed`, any order: the maths does not depend
 * on it). Persons are looked up among the non-system accounts (anyone else: system); a verb
 * qualifies when it is listed and its prefix is the object type. `feed` answers false when a line
 * does not have exactly six fields (an id with a tab or a line break in it).
 */
export function createScanParser(
  people: readonly TScanPerson[],
  unitOf: (orgUnitId: string) => number,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
  quarterStart: number,
  expectedBytes: number,
): { feed(bytes: Uint8Array): boolean; finish(): TParsed } {
  const persons = internAll(people.map((p) => p.id));
  const personInfo: TPerson[] = people.map((p) => ({
    from: p.from.map(Number),
    to: p.to.map((t) => (t === null ? Number.POSITIVE_INFINITY : Number(t))),
    units: p.units.map(unitOf),
  }));
  // verbs: the listed ones, with their object type; anything else is not qualifying
  const verbs = internAll(method.qualifyingVerbs);
  const verbType: Uint8Array[] = [];
  const once = new Uint8Array(method.qualifyingVerbs.length);
  for (const v of method.qualifyingVerbs) {
    const b = Buffer.from(v, "utf8");
    const id = verbs.lookup(b, 0, b.length, hashOf(b, 0, b.length), false);
    verbType[id] = Buffer.from(v.split(".")[0]!, "utf8");
    once[id] = method.oncePerDayVerbs.includes(v) ? 1 : 0;
  }

  const estimate = Math.max(16, Math.ceil(expectedBytes / 60));
  const objects = new Interner(Math.min(estimate >> 3, 1 << 20));
  const projects = new Interner(1024);
  const firstDay = berlinDayNumber(quarterStart);
  const state = {
    n: 0,
    lines: 0,
    systemActors: 0,
    nonQualifying: 0,
    person: new Int32Array(estimate),
    object: new Int32Array(estimate),
    unit: new Int32Array(estimate),
    project: new Int32Array(estimate),
    at: new Float64Array(estimate),
    day: new Int32Array(estimate),
  };
  const fieldStart = new Int32Array(7);
  const hashes = new Uint32Array(6);

  function feed(bytes: Uint8Array): boolean {
    let { n, lines, systemActors, nonQualifying, person, object, unit, project, at, day } = state;
    let pos = 0;
    const length = bytes.length;
    let ok = true;
    while (pos < length) {
      // split one line into its six fields, hashing each on the way
      let f = 0;
      fieldStart[0] = pos;
      let h = 0x811c9dc5;
      for (; pos < length; pos++) {
        const c = bytes[pos]!;
        if (c === NEWLINE) break;
        if (c === TAB) {
          hashes[f] = h >>> 0;
          f += 1;
          if (f > 5) break;
          fieldStart[f] = pos + 1;
          h = 0x811c9dc5;
        } else h = Math.imul(h ^ c, 0x01000193);
      }
      if (f > 5) {
        ok = false;
        break;
      }
      hashes[f] = h >>> 0;
      f += 1;
      fieldStart[f] = pos + 1;
      pos += 1;
      if (f !== 6) {
        ok = false;
        break;
      }
      lines += 1;

      const p = persons.lookup(bytes, fieldStart[0]!, fieldStart[1]! - 1, hashes[0]!, false);
      if (p < 0) {
        systemActors += 1;
        continue;
      }
      const v = verbs.lookup(bytes, fieldStart[1]!, fieldStart[2]! - 1, hashes[1]!, false);
      if (v < 0 || !sameBytes(bytes, fieldStart[2]!, fieldStart[3]! - 1, verbType[v]!)) {
        nonQualifying += 1;
        continue;
      }
      let micro = 0;
      for (let i = fieldStart[5]!, to = fieldStart[6]! - 1; i < to; i++) {
        const d = bytes[i]! - 48;
        if (d < 0 || d > 9) ok = false;
        micro = micro * 10 + d;
      }
      if (!ok) break;
      if (n === person.length) {
        const grown = n * 2;
        person = growInt(person, grown);
        object = growInt(object, grown);
        unit = growInt(unit, grown);
        project = growInt(project, grown);
        day = growInt(day, grown);
        const next = new Float64Array(grown);
        next.set(at);
        at = next;
      }
      person[n] = p;
      // the object key is "type \t id": both fields and the tab between them
      object[n] = objects.lookup(
        bytes,
        fieldStart[2]!,
        fieldStart[4]! - 1,
        (hashes[2]! ^ Math.imul(hashes[3]!, 0x9e3779b1)) >>> 0,
        true,
      );
      const ps = fieldStart[4]!;
      const pe = fieldStart[5]! - 1;
      project[n] = pe > ps ? projects.lookup(bytes, ps + 1, pe, hashOf(bytes, ps + 1, pe), true) : -1;
      // the membership valid at the event (the latest-starting one, should two overlap)
      const info = personInfo[p]!;
      let u = -1;
      for (let k = info.from.length - 1; k >= 0; k--) {
        if (info.from[k]! <= micro && micro < info.to[k]!) {
          u = info.units[k]!;
          break;
        }
      }
      unit[n] = u;
      const ms = micro / 1000;
      at[n] = ms;
      day[n] = once[v] ? berlinDayNumber(ms) - firstDay : -1;
      n += 1;
    }
    Object.assign(state, { n, lines, systemActors, nonQualifying, person, object, unit, project, at, day });
    return ok;
  }

  function finish(): TParsed {
    const { n } = state;
    const projectIds: string[] = [];
    for (let j = 0; j < projects.size; j++) projectIds.push(projects.key(j));
    return {
      rows: {
        personCount: persons.size,
        objectCount: objects.size,
        projectIds,
        person: state.person.subarray(0, n),
        object: state.object.subarray(0, n),
        unit: state.unit.subarray(0, n),
        project: state.project.subarray(0, n),
        count: new Int32Array(n).fill(1),
        at: state.at.subarray(0, n),
        day: state.day.subarray(0, n),
      },
      lines: state.lines,
      systemActors: state.systemActors,
      nonQualifying: state.nonQualifying,
    };
  }

  return { feed, finish };
}

function growInt(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(a);
  return next;
}

function sameBytes(bytes: Uint8Array, from: number, to: number, key: Uint8Array): boolean {
  if (to - from !== key.length) return false;
  for (let i = 0; i < key.length; i++) if (bytes[from + i] !== key[i]) return false;
  return true;
}

/** The grouped all-in-SQL aggregation (see `aggregateQuery`). */
async function groupedQuarter(
  db: DbOrTx,
  start: Date,
  end: Date,
  target: ReadonlyMap<string, string>,
  indexOf: ReadonlyMap<string, number>,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
): Promise<AggregatedRows> {
  const mapFrom = [...target.keys()];
  const mapTo = mapFrom.map((id) => indexOf.get(target.get(id)!)!);
  const verbs = [...method.qualifyingVerbs];
  const once = [...method.oncePerDayVerbs];
  const [agg] = await readRows<TAggregateRow>(db, aggregateQuery({ mapFrom, mapTo, start, end, verbs, once }));
  const [counts] = await readRows<TCountRow>(
    db,
    Prisma.sql`
    SELECT count(*)::int AS received,
           count(*) FILTER (WHERE e.is_system OR a.id IS NULL OR a.is_system)::int AS system,
           count(*) FILTER (WHERE NOT (e.is_system OR a.id IS NULL OR a.is_system)
                              AND NOT (e.verb = ANY(${verbs}::text[]) AND e.object_type = split_part(e.verb, '.', 1)))::int
             AS "nonQualifying"
      FROM activity_event e LEFT JOIN app_user a ON a.id = e.actor_id
     WHERE e.created_at >= ${utc(start)} AND e.created_at < ${utc(end)}`,
  );
  return {
    personCount: agg?.persons ?? 0,
    objectCount: agg?.objects ?? 0,
    projectIds: agg?.projectIds ?? [],
    person: Int32Array.from(agg?.person ?? []),
    object: Int32Array.from(agg?.object ?? []),
    unit: Int32Array.from(agg?.unit ?? []),
    project: Int32Array.from(agg?.project ?? []),
    count: Int32Array.from(agg?.count ?? []),
    at: Float64Array.from(agg?.at ?? []),
    received: counts?.received ?? 0,
    dropped: {
      system: counts?.system ?? 0,
      nonQualifyingVerb: counts?.nonQualifying ?? 0,
      invalidTime: 0,
      outsideQuarter: 0,
      documentEditsCollapsed: agg?.collapsed ?? 0,
    },
  };
}

/** The aggregation statement (exported for EXPLAIN in the benchmark). */
export function aggregateQuery(p: {
  mapFrom: string[];
  mapTo: number[];
  start: Date;
  end: Date;
  verbs: string[];
  once: string[];
}): Prisma.Sql {
  const { mapFrom, mapTo, start, end, verbs, once } = p;
  return Prisma.sql`
    WITH map AS (
      SELECT * FROM unnest(${mapFrom}::text[], ${mapTo}::int[]) AS m(unit_id, idx)
    ), ev AS (
      SELECT e.actor_id, e.object_type, e.object_id, e.project_id, e.created_at, e.verb,
             coalesce(map.idx, -1) AS u
        FROM activity_event e
        JOIN app_user a ON a.id = e.actor_id AND NOT a.is_system
        LEFT JOIN unit_membership m
          ON m.user_id = e.actor_id AND m.valid_from <= e.created_at
         AND (m.valid_to IS NULL OR e.created_at < m.valid_to)
        LEFT JOIN map ON map.unit_id = m.unit_id
       WHERE e.created_at >= ${utc(start)} AND e.created_at < ${utc(end)}
         AND NOT e.is_system
         AND e.verb = ANY(${verbs}::text[])
         AND e.object_type = split_part(e.verb, '.', 1)
    ),
    -- dense integer keys in no particular order (no sort): the maths does not depend on them
    persons AS (SELECT actor_id, (row_number() OVER () - 1)::int AS p FROM (SELECT DISTINCT actor_id FROM ev) d),
    objects AS (
      SELECT object_type, object_id, (row_number() OVER () - 1)::int AS o
        FROM (SELECT DISTINCT object_type, object_id FROM ev) d
    ),
    projects AS (
      SELECT project_id, (row_number() OVER () - 1)::int AS j
        FROM (SELECT DISTINCT project_id FROM ev WHERE project_id IS NOT NULL) d
    ),
    x AS (
      SELECT ps.p, ob.o, ev.u, coalesce(pr.j, -1) AS j, ev.project_id, ev.created_at,
             (ev.verb = ANY(${once}::text[]) AND ev.u >= 0) AS once
        FROM ev JOIN persons ps USING (actor_id) JOIN objects ob USING (object_type, object_id)
        LEFT JOIN projects pr USING (project_id)
    ), daily AS (
      SELECT DISTINCT ON (p, o, day) p, o, u, j, created_at
        FROM (SELECT x.*, (created_at AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Berlin')::date AS day FROM x WHERE once) d
       ORDER BY p, o, day, created_at, u, project_id COLLATE "C" NULLS FIRST
    ), kept AS (
      SELECT p, o, u, j, created_at FROM x WHERE NOT once
      UNION ALL
      SELECT p, o, u, j, created_at FROM daily
    ), g AS (
      SELECT p, o, u, j, count(*)::int AS c,
             (extract(epoch FROM min(created_at) AT TIME ZONE 'UTC') * 1000)::float8 AS at
        FROM kept GROUP BY p, o, u, j
    )
    SELECT (SELECT count(*) FROM persons)::int AS persons, (SELECT count(*) FROM objects)::int AS objects,
           (SELECT array_agg(project_id ORDER BY j) FROM projects) AS "projectIds",
           ((SELECT count(*) FROM x WHERE once) - (SELECT count(*) FROM daily))::int AS collapsed,
           array_agg(p) AS person, array_agg(o) AS object, array_agg(u) AS unit, array_agg(j) AS project,
           array_agg(c) AS count, array_agg(at) AS at
      FROM g`;
}

/** The verbs of the org-units module that change the structure (a rename does not). */
export const STRUCTURE_VERBS = ["org-unit.created", "org-unit.moved", "org-unit.dissolved"] as const;

/**
 * Org units touched by a structural change in [start, end): the unit created, moved or dissolved
 * and its parents before and after (`org-unit.*` events of the org-units module, which also
 * writes the audit trail). Raw org unit ids; the snapshot maps them to the level's units.
 */
export async function structureChanges(db: DbOrTx, start: Date, end: Date): Promise<string[]> {
  const rows = await readRows<{ ids: string[] | null }>(
    db,
    Prisma.sql`
    SELECT array_agg(DISTINCT u.unit_id) FILTER (WHERE u.unit_id IS NOT NULL) AS ids
      FROM activity_event e,
           LATERAL unnest(ARRAY[e.object_id, e.payload->>'parentId', e.payload->>'fromParentId', e.payload->>'toParentId'])
             AS u(unit_id)
     WHERE e.verb = ANY(${[...STRUCTURE_VERBS]}::text[]) AND e.object_type = 'org-unit'
       AND e.created_at >= ${utc(start)} AND e.created_at < ${utc(end)}`,
  );
  return rows[0]?.ids ?? [];
}

/** Staff per org unit at an instant: effective-dated memberships of active, non-system accounts. */
export async function unitHeadcounts(db: DbOrTx, at: Date): Promise<{ unitId: string; headcount: number }[]> {
  return readRows(
    db,
    Prisma.sql`
    SELECT m.unit_id AS "unitId", count(DISTINCT m.user_id)::int AS headcount
      FROM unit_membership m JOIN app_user a ON a.id = m.user_id
     WHERE NOT a.is_system
       AND m.valid_from <= ${utc(at)} AND (m.valid_to IS NULL OR ${utc(at)} < m.valid_to)
       AND (a.deactivated_at IS NULL OR a.deactivated_at > ${utc(at)})
     GROUP BY m.unit_id`,
  );
}

/** Declared units per project (lead unit and participating units), raw org unit ids. */
export async function declaredProjectUnits(
  db: DbOrTx,
  projectIds: readonly string[],
): Promise<{ id: string; title: string; visibility: string; unitIds: string[] }[]> {
  if (projectIds.length === 0) return [];
  return readRows(
    db,
    Prisma.sql`
    SELECT p.id, p.title, p.visibility::text AS visibility,
           array_remove(array_cat(ARRAY[p.lead_unit_id], coalesce(array_agg(pu.unit_id), '{}')), NULL) AS "unitIds"
      FROM project p LEFT JOIN project_unit pu ON pu.project_id = p.id
     WHERE p.id = ANY(${[...projectIds]}::text[])
     GROUP BY p.id`,
  );
}
