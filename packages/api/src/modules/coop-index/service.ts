import { computeQuarterFromRows } from "@kreisnetz/coop-index/compute";
import { trend, validateMethod } from "@kreisnetz/coop-index/method";
import {
  isQuarterFrozen,
  nextQuarter,
  previousQuarter,
  quarterLabel,
  quarterBounds,
  quarterOf,
  sameQuarterLastYear,
  snapshotFreezeDate,
} from "@kreisnetz/coop-index/quarters";
import type { MethodConfig, Quarter } from "@kreisnetz/coop-index/types";
import { Prisma, readRows, type Db, type DbOrTx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import {
  COOP_UNIT_LEVELS,
  parseQuarterKey,
  quarterKey,
  type TConfigureInput,
  type TCoopUnitLevel,
} from "@kreisnetz/shared/schemas/coop-index";
import type { TActor, TContext } from "../../context.ts";
import { writeAudit } from "../../audit.ts";
import { aggregateQuarter, declaredProjectUnits, structureChanges, type TAggregateOptions } from "./aggregate.ts";
import { currentMethod, type TStoredMethod } from "./method.ts";
import { crossUnitRequests } from "./requests.ts";
import { buildSnapshot, ZSnapshotData, type TSnapshotData, type TSnapshotUnit } from "./snapshot.ts";

export { currentMethod };

/** One quarter at one level, computed from the event log (SQL aggregation + the pure maths). */
export async function computeSnapshot(
  db: DbOrTx,
  quarter: Quarter,
  level: TCoopUnitLevel,
  method: TStoredMethod,
  now: Date = new Date(),
  options: TAggregateOptions = {},
): Promise<TSnapshotData> {
  const aggregate = await aggregateQuarter(db, quarter, level, method.config, now, options);
  const { start, end } = quarterBounds(quarter);
  let started = performance.now();
  const requests = method.config.k5Enabled ? await crossUnitRequests(db, start, end, now, aggregate.target) : undefined;
  if (requests) options.timings?.("K5 requests", performance.now() - started);
  started = performance.now();
  const result = computeQuarterFromRows({
    quarter,
    rows: aggregate.rows,
    units: aggregate.units,
    method: method.config,
    ...(requests ? { requests } : {}),
  });
  options.timings?.("maths", performance.now() - started);
  started = performance.now();
  const declared = await declaredProjectUnits(
    db,
    result.activeProjects.map((p) => p.projectId),
  );
  const changedOrgUnitIds = await structureChanges(db, start, end);
  options.timings?.("declared units + structure changes", performance.now() - started);
  return buildSnapshot({
    result,
    quarter: quarterKey(quarter),
    level,
    methodVersion: method.version,
    computedAt: now,
    frozen: isQuarterFrozen(quarter, now, [], method.config.thresholds.snapshotWorkingDays),
    target: aggregate.target,
    declared,
    changedOrgUnitIds,
  });
}

export type TStoreOutcome = "created" | "updated" | "refused-frozen";

/**
 * Stores a snapshot. A frozen snapshot of the same quarter, level and method version is never
 * rewritten: published numbers change only through a new method version, visibly.
 */
export async function storeSnapshot(db: Db, data: TSnapshotData): Promise<TStoreOutcome> {
  const { year, quarter } = parseQuarterKey(data.quarter);
  const key = { year, quarter, unitLevel: data.level, methodVersion: data.methodVersion };
  return db.$transaction(async (tx) => {
    const existing = await tx.coopSnapshot.findUnique({
      where: { year_quarter_unitLevel_methodVersion: key },
      select: { id: true, frozenAt: true },
    });
    if (existing?.frozenAt) return "refused-frozen";
    const values = {
      result: data as object,
      computedAt: new Date(data.computedAt),
      frozenAt: data.frozen ? new Date(data.computedAt) : null,
    };
    if (existing) {
      await tx.coopSnapshot.update({ where: { id: existing.id }, data: values });
      return "updated";
    }
    await tx.coopSnapshot.create({ data: { ...key, ...values } });
    return "created";
  });
}

/** The first quarter with a qualifying event, or null when the log has none. */
export async function firstActivityQuarter(db: DbOrTx, method: MethodConfig): Promise<Quarter | null> {
  const [row] = await readRows<{ first: string | null }>(
    db,
    Prisma.sql`SELECT to_char(min(created_at), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS first FROM activity_event
                WHERE verb = ANY(${[...method.qualifyingVerbs]}::text[]) AND NOT is_system`,
  );
  return row?.first ? quarterOf(row.first) : null;
}

function quarterKeyOf(q: Quarter) {
  return q.year * 4 + q.quarter;
}

export type TRecomputeOutcome = { quarter: string; level: TCoopUnitLevel; outcome: TStoreOutcome };

/** Recomputes the back series (first activity quarter .. now) for the given levels and method. */
export async function recomputeSeries(
  db: Db,
  options: {
    levels?: readonly TCoopUnitLevel[];
    from?: Quarter;
    to?: Quarter;
    method?: TStoredMethod;
    now?: Date;
  } = {},
): Promise<TRecomputeOutcome[]> {
  const now = options.now ?? new Date();
  const method = options.method ?? (await currentMethod(db));
  const from = options.from ?? (await firstActivityQuarter(db, method.config));
  if (!from) return [];
  const to = options.to ?? quarterOf(now);
  const outcomes: TRecomputeOutcome[] = [];
  for (let q = from; quarterKeyOf(q) <= quarterKeyOf(to); q = nextQuarter(q)) {
    for (const level of options.levels ?? COOP_UNIT_LEVELS) {
      const data = await computeSnapshot(db, q, level, method, now);
      outcomes.push({ quarter: quarterKey(q), level, outcome: await storeSnapshot(db, data) });
    }
  }
  return outcomes;
}

/**
 * A new method version from the admin's goalposts, weights and K5 switch, with an audit row; the
 * back series is recomputed under the new version, the old version's snapshots stay as they were.
 */
export async function configure(ctx: TContext & { actor: TActor }, input: TConfigureInput & { reason: string }) {
  const previous = await currentMethod(ctx.db);
  const next: MethodConfig = {
    ...previous.config,
    goalposts: input.goalposts,
    weights: input.weights,
    k5Enabled: input.k5Enabled,
  };
  try {
    validateMethod({ ...next, methodVersion: "next" });
  } catch {
    throw new AppError("BAD_INPUT", "coop.error.invalidMethod");
  }
  const version = await ctx.db.$transaction(async (tx) => {
    const [latest] = await tx.$queryRaw<{ version: number | null }[]>`
      SELECT max(version) AS version FROM coop_method_version`;
    const v = (latest?.version ?? 0) + 1;
    await tx.coopMethodVersion.create({
      data: { version: v, config: { ...next, methodVersion: String(v) } as object, createdById: ctx.actor.id },
    });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "coop-index.configure",
      objectType: "coop-method",
      objectId: String(v),
      details: {
        previousVersion: previous.version,
        version: v,
        reason: input.reason,
        goalposts: input.goalposts,
        weights: input.weights,
        k5Enabled: input.k5Enabled,
      },
    });
    return v;
  });
  const method = await currentMethod(ctx.db);
  const existing = await ctx.db.coopSnapshot.findMany({
    where: { methodVersion: previous.version },
    select: { year: true, quarter: true },
    orderBy: [{ year: "asc" }, { quarter: "asc" }],
  });
  if (existing.length > 0) {
    const first = existing[0]!;
    await recomputeSeries(ctx.db, { method, from: { year: first.year, quarter: first.quarter as Quarter["quarter"] } });
  }
  return { version };
}

// ── reading ──────────────────────────────────────────────────────────────────

export async function loadSnapshots(db: DbOrTx, level: TCoopUnitLevel, version: number): Promise<TSnapshotData[]> {
  const rows = await db.coopSnapshot.findMany({
    where: { unitLevel: level, methodVersion: version },
    orderBy: [{ year: "asc" }, { quarter: "asc" }],
    select: { result: true },
  });
  return rows.map((r) => ZSnapshotData.parse(r.result));
}

type TTrend = { delta: number; direction: "up" | "down" | "stabil" } | null;

function unitIndexIn(snapshot: TSnapshotData | undefined, unitId: string): number | null {
  return snapshot?.units.find((u) => u.unitId === unitId)?.index ?? null;
}

export type TDashboard = Awaited<ReturnType<typeof dashboard>>;

/** Everything the leadership dashboard shows, from stored snapshots only (no event is read). */
export async function dashboard(db: DbOrTx, input: { level: TCoopUnitLevel; quarter?: string | undefined }) {
  const method = await currentMethod(db);
  // quarters without any qualifying event (e.g. a quarter that has just begun) are not measured
  const series = (await loadSnapshots(db, input.level, method.version)).filter(
    (s) => s.organisation.qualifyingEvents > 0 || s.quarter === input.quarter,
  );
  const selected = input.quarter ? series.find((s) => s.quarter === input.quarter) : series.at(-1);
  if (input.quarter && !selected) throw new AppError("NOT_FOUND", "coop.error.noSnapshot");
  const minDelta = method.config.thresholds.trendMinDelta;
  const byKey = new Map(series.map((s) => [s.quarter, s]));
  const previous = selected ? byKey.get(quarterKey(previousQuarter(parseQuarterKey(selected.quarter)))) : undefined;
  const yearAgo = selected ? byKey.get(quarterKey(sameQuarterLastYear(parseQuarterKey(selected.quarter)))) : undefined;
  const t = (c: number | null, p: number | null): TTrend => trend(c, p, { minDelta });

  const units = (selected?.units ?? []).map((u: TSnapshotUnit) => {
    const prev = unitIndexIn(previous, u.unitId);
    const ago = unitIndexIn(yearAgo, u.unitId);
    return {
      unitId: u.unitId,
      name: u.name,
      index: u.index,
      mergedUnits: u.mergedUnits,
      components: u.components,
      previous: prev,
      yearAgo: ago,
      trend: t(u.index, prev),
      yearTrend: t(u.index, ago),
      /** Reorganised this quarter: the comparison with earlier quarters is not like for like. */
      structureBreak: selected?.structureBreak.unitIds.includes(u.unitId) ?? false,
    };
  });
  const q = selected ? parseQuarterKey(selected.quarter) : null;
  return {
    level: input.level,
    methodVersion: method.version,
    quarters: series.map((s) => s.quarter),
    quarter: selected?.quarter ?? null,
    quarterLabel: q ? quarterLabel(q) : null,
    frozen: selected?.frozen ?? false,
    freezeDate: q ? snapshotFreezeDate(q, [], method.config.thresholds.snapshotWorkingDays) : null,
    trend: series.map((s) => ({
      quarter: s.quarter,
      label: quarterLabel(parseQuarterKey(s.quarter)),
      index: s.organisation.index,
      components: s.organisation.components.map((c) => ({ id: c.id, points: c.points })),
      structureBreak: s.structureBreak.organisation,
    })),
    organisation: selected
      ? {
          ...selected.organisation,
          previous: previous?.organisation.index ?? null,
          yearAgo: yearAgo?.organisation.index ?? null,
          trend: t(selected.organisation.index, previous?.organisation.index ?? null),
          yearTrend: t(selected.organisation.index, yearAgo?.organisation.index ?? null),
          structureBreak: selected.structureBreak.organisation,
        }
      : null,
    units,
    pairs: selected?.pairs ?? [],
    projects: selected?.projects ?? [],
    dataQuality: selected?.dataQuality ?? null,
    method: {
      version: method.version,
      since: method.createdAt.toISOString(),
      goalposts: method.config.goalposts,
      weights: method.config.weights,
      k5Enabled: method.config.k5Enabled,
      thresholds: {
        minParticipants: method.config.thresholds.minParticipants,
        maxParticipants: method.config.thresholds.maxParticipants,
        unitMinHeadcount: method.config.thresholds.unitMinHeadcount,
        unitMinActivePersons: method.config.thresholds.unitMinActivePersons,
        unitMinEvents: method.config.thresholds.unitMinEvents,
        pairMinPersonsPerSide: method.config.thresholds.pairMinPersonsPerSide,
        pairMinPersonsTotal: method.config.thresholds.pairMinPersonsTotal,
        trendMinDelta: method.config.thresholds.trendMinDelta,
        snapshotWorkingDays: method.config.thresholds.snapshotWorkingDays,
      },
      qualifyingVerbs: [...method.config.qualifyingVerbs],
    },
  };
}

/**
 * At start: the full back series when no snapshot exists for the current method (first start,
 * demo data), otherwise the quarters that may still change (previous and current; frozen ones
 * are refused by `storeSnapshot`).
 */
export async function ensureSnapshots(
  db: Db,
  now: Date = new Date(),
): Promise<{ firstRun: boolean; done: Promise<TRecomputeOutcome[]> }> {
  const method = await currentMethod(db);
  const any = await db.coopSnapshot.findFirst({ where: { methodVersion: method.version }, select: { id: true } });
  if (!any) return { firstRun: true, done: recomputeSeries(db, { method, now }) };
  return { firstRun: false, done: recomputeSeries(db, { method, now, from: previousQuarter(quarterOf(now)) }) };
}
