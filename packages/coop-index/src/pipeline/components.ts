import { addWorkingDays, berlinDayNumber, dayNumberToIsoDate, isoDateToDayNumber, toEpochMs } from "../quarters.ts";
import type { CrossUnitRequest, IsoDate, MethodThresholds, RawComponent } from "../types.ts";
import type { ActiveProject } from "./projects.ts";
import type { UnitGraph } from "./graph.ts";

const ok = (raw: number): RawComponent => ({ status: "ok", raw, reason: null });
const na = (reason: RawComponent["reason"]): RawComponent => ({ status: "n/a", raw: null, reason });

/** K1 (unit): of the active projects with a in A_j, the share with |A_j| ≥ 2. */
export function k1Unit(unit: number, active: readonly ActiveProject[]): RawComponent {
  let involved = 0;
  let cross = 0;
  for (const p of active) {
    if (!p.participatingUnits.includes(unit)) continue;
    involved += 1;
    if (p.participatingUnits.length >= 2) cross += 1;
  }
  return involved === 0 ? na("no-active-projects") : ok(cross / involved);
}

/** K1 (organisation): the share of all active projects with |A_j| ≥ 2. */
export function k1Organisation(active: readonly ActiveProject[]): RawComponent {
  if (active.length === 0) return na("no-active-projects");
  return ok(active.filter((p) => p.participatingUnits.length >= 2).length / active.length);
}

/** K2 (unit): s_a_ext / s_a, the share of the unit's collaboration budget spent with other units. */
export function k2Unit(unit: number, graph: UnitGraph): RawComponent {
  const s = graph.strength[unit]!;
  return s === 0 ? na("no-shared-objects") : ok(Math.min(1, graph.external[unit]! / s));
}

/** Pooled E (between units, each pair once) and I (inside units, each pair once). */
export function pooledWeights(graph: UnitGraph): { external: number; internal: number } {
  let external = 0;
  for (const p of graph.pairs) external += p.weight;
  let internal = 0;
  for (const v of graph.internal) internal += v;
  return { external, internal };
}

/** K2 (organisation): E / (E + I) from pooled weights, not a mean of unit values. */
export function k2Organisation(graph: UnitGraph): RawComponent {
  const { external, internal } = pooledWeights(graph);
  return external + internal === 0 ? na("no-shared-objects") : ok(external / (external + internal));
}

/** K3 (unit): ties of a / (N − 1). */
export function k3Unit(ties: number, nodes: number): RawComponent {
  return nodes < 2 ? na("single-unit") : ok(ties / (nodes - 1));
}

/** K3 (organisation): density, ties / (N(N − 1)/2). */
export function k3Organisation(ties: number, nodes: number): RawComponent {
  return nodes < 2 ? na("single-unit") : ok(ties / ((nodes * (nodes - 1)) / 2));
}

/** exp(Shannon entropy) of a weight distribution: the effective number of categories; 0 when empty. */
export function hillNumber(weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  if (total <= 0) return 0;
  let h = 0;
  for (const w of weights) {
    if (w <= 0) continue;
    const p = w / total;
    h -= p * Math.log(p);
  }
  return Math.exp(h);
}

/**
 * K4 (unit): exp(H(p_a)) / (N − 1) with p_ab = W_ab / Σ_b W_ab. A unit that collaborates only
 * internally has an effective number of partners of 0 (raw 0), not "n/a": n/a is kept for a unit
 * without any collaboration on shared objects, exactly as in K2.
 */
export function k4Unit(partnerWeights: readonly number[], strength: number, nodes: number): RawComponent {
  if (nodes < 2) return na("single-unit");
  if (strength === 0) return na("no-shared-objects");
  return ok(Math.min(1, hillNumber(partnerWeights) / (nodes - 1)));
}

/** K4 (organisation): exp(H) over all unit-pair weights / (N(N − 1)/2). */
export function k4Organisation(graph: UnitGraph, nodes: number): RawComponent {
  if (nodes < 2) return na("single-unit");
  const { external, internal } = pooledWeights(graph);
  if (external + internal === 0) return na("no-shared-objects");
  return ok(Math.min(1, hillNumber(graph.pairs.map((p) => p.weight)) / ((nodes * (nodes - 1)) / 2)));
}

export type K5Tally = { requests: number; inTime: number; responders: Set<string> };

export type K5Tallies = { byUnit: Map<number, K5Tally>; organisation: K5Tally; considered: number };

/**
 * Answered within τ working days: the first response falls on or before the τ-th working day
 * (Mon–Fri, not a holiday) after the Berlin day of the request. Weekend requests therefore start
 * counting on Monday.
 */
export function answeredInTime(
  requestedMs: number,
  respondedMs: number | null,
  workingDays: number,
  holidays: ReadonlySet<IsoDate>,
  deadlineCache: Map<number, number> = new Map(),
): boolean {
  if (respondedMs === null || Number.isNaN(respondedMs) || respondedMs < requestedMs) return false;
  const day = berlinDayNumber(requestedMs);
  let deadline = deadlineCache.get(day);
  if (deadline === undefined) {
    deadline = isoDateToDayNumber(addWorkingDays(dayNumberToIsoDate(day), workingDays, holidays));
    deadlineCache.set(day, deadline);
  }
  return berlinDayNumber(respondedMs) <= deadline;
}

/**
 * Tallies the quarter's cross-unit requests per receiving unit (after merging) and pooled.
 * Requests inside one unit after merging, with unknown units or outside the quarter are skipped.
 */
export function tallyRequests(
  requests: readonly CrossUnitRequest[],
  unitIndex: ReadonlyMap<string, number>,
  effective: Int32Array,
  bounds: { start: number; end: number },
  workingDays: number,
  holidays: ReadonlySet<IsoDate>,
): K5Tallies {
  const byUnit = new Map<number, K5Tally>();
  const organisation: K5Tally = { requests: 0, inTime: 0, responders: new Set() };
  const cache = new Map<number, number>();
  let considered = 0;
  for (const r of requests) {
    const from = r.fromUnitId === null ? undefined : unitIndex.get(r.fromUnitId);
    const to = r.toUnitId === null ? undefined : unitIndex.get(r.toUnitId);
    if (from === undefined || to === undefined) continue;
    const a = effective[from]!;
    const b = effective[to]!;
    if (a === b) continue;
    const requestedMs = toEpochMs(r.requestedAt);
    if (!(requestedMs >= bounds.start && requestedMs < bounds.end)) continue;
    considered += 1;
    const respondedMs = r.respondedAt === null ? null : toEpochMs(r.respondedAt);
    const inTime = answeredInTime(requestedMs, respondedMs, workingDays, holidays, cache);
    let tally = byUnit.get(b);
    if (tally === undefined) byUnit.set(b, (tally = { requests: 0, inTime: 0, responders: new Set() }));
    for (const t of [tally, organisation]) {
      t.requests += 1;
      if (inTime) t.inTime += 1;
      if (respondedMs !== null && r.responderId !== null) t.responders.add(r.responderId);
    }
  }
  return { byUnit, organisation, considered };
}

/** K5: share answered within τ; below the request/responder gate it is n/a, never a small-number share. */
export function k5Component(
  tally: K5Tally | undefined,
  enabled: boolean,
  t: Pick<MethodThresholds, "k5MinRequests" | "k5MinResponders">,
): RawComponent {
  if (!enabled) return { status: "disabled", raw: null, reason: "disabled" };
  if (tally === undefined || tally.requests === 0) return na("no-requests");
  if (tally.requests < t.k5MinRequests || tally.responders.size < t.k5MinResponders) return na("below-k5-gate");
  return ok(tally.inTime / tally.requests);
}
