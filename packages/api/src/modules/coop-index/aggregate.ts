import type { AggregatedRows } from "@kreisnetz/coop-index/compute";
import type { MethodConfig, Quarter, UnitMeta } from "@kreisnetz/coop-index/types";
import { quarterBounds } from "@kreisnetz/coop-index/quarters";
import { copyBinary, Prisma, readRows, timestampLiteral, type DbOrTx } from "@kreisnetz/db/client";
import { mapUnitsToLevel, type TCoopUnitLevel, type TOrgUnitRow } from "./levels.ts";
import { createScanParser, SCAN_COLUMNS, type TScanPerson } from "./scan-parser.ts";

/**
 * A quarter's qualifying events at one unit level, as the pure maths takes them: typed arrays
 * with dense person, object and project numbers (never ids), each event with its actor's unit at
 * that instant (effective-dated `unit_membership`, mapped to the level), plus the level's units
 * with their headcounts. Read by the lean scan (`scanQuarter`) or the grouped statement.
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
   * "grouped": the older all-in-SQL statement (`aggregateQuery`); kept as the fallback inside a
   * transaction (no connection to stream from), and as a second implementation the tests compare
   * against.
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
 * The lean pass. PostgreSQL does only what it is fastest at: one scan of the quarter's rows,
 * streamed as binary COPY (`copyBinary`: no per-row JavaScript values, no text formatting of
 * times, and Node reads each chunk while PostgreSQL is still scanning, so the two run on both
 * cores at once). Measured alternatives (bench/README.md): every join, GROUP BY or per-column
 * aggregate over a million rows costs 0.5-3 s here; one `string_agg` text of the whole quarter
 * made scanning and reading run one after the other; COPY text still had Node look at every
 * byte. Node (`scan-parser.ts`) finds each field by its length; persons, objects and projects
 * become dense integers through open-addressing tables keyed by a hash of the bytes and checked
 * by comparing them (exact, no hash identity), the unit comes from the person's effective-dated
 * memberships (loaded once, a few per person), and the system checks, the qualifying-verb check
 * and the once-per-day collapse happen on typed arrays. Returns null when the client cannot
 * stream (inside a transaction): the caller then uses the grouped statement.
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
  const people = await scanPeople(db);
  step("people");
  const parser = createScanParser(people, unitOf, method, start.getTime());
  const copied = await copyBinary(
    db,
    `SELECT ${SCAN_COLUMNS}
       FROM activity_event
      WHERE created_at >= (${timestampLiteral(start)} AT TIME ZONE 'UTC')
        AND created_at < (${timestampLiteral(end)} AT TIME ZONE 'UTC')`,
    (bytes) => parser.feed(bytes),
  );
  if (!copied) return null;
  const parsed = parser.finish();
  step("scan");
  if (!parsed) return null;
  return {
    ...parsed.rows,
    received: parsed.lines,
    dropped: {
      system: parsed.flagged + parsed.systemActors,
      nonQualifyingVerb: parsed.nonQualifying,
      invalidTime: 0,
      outsideQuarter: 0,
      documentEditsCollapsed: 0,
    },
  };
}

/** Non-system accounts with their memberships (valid_from/valid_to as microseconds, text). */
async function scanPeople(db: DbOrTx): Promise<TScanPerson[]> {
  return readRows<TScanPerson>(
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
}

/** Microseconds since 1970 as an exact integer (a timestamp's own resolution). */
const micros = (column: Prisma.Sql) => Prisma.sql`round(date_part('epoch', ${column}) * 1000000)::int8`;

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
