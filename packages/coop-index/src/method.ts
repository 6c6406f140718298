import type {
  ComponentId,
  ComponentResult,
  Goalpost,
  IndexResult,
  MethodConfig,
  QualifyingVerb,
  RawComponent,
} from "./types.ts";

export const COMPONENT_IDS: readonly ComponentId[] = ["K1", "K2", "K3", "K4", "K5"];

/** The closed list of qualifying verbs (COOP-INDEX.md, "Data"): changing it is a method change. */
export const QUALIFYING_VERBS: readonly QualifyingVerb[] = [
  "task.created",
  "task.assigned",
  "task.completed",
  "task.commented",
  "meeting.attended",
  "article.updated",
];

/** Autosave bursts: at most one of these per person, object and Berlin day. */
export const DOCUMENT_EDIT_VERB: QualifyingVerb = "article.updated";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Method v1 exactly as in COOP-INDEX.md. Goalposts, weights and thresholds are frozen per version:
 * a change needs a new `methodVersion` and a recomputed back series, never an in-place edit.
 */
export const DEFAULT_METHOD_V1: MethodConfig = deepFreeze({
  methodVersion: "1",
  qualifyingVerbs: QUALIFYING_VERBS,
  oncePerDayVerbs: [DOCUMENT_EDIT_VERB],
  goalposts: {
    K1: { lower: 0, upper: 0.5 },
    K2: { lower: 0, upper: 0.5 },
    K3: { lower: 0, upper: 0.5 },
    K4: { lower: 0, upper: 1 / 3 },
    K5: { lower: 0.5, upper: 0.95 },
  },
  weights: { K1: 25, K2: 25, K3: 15, K4: 15, K5: 20 },
  k5Enabled: false,
  minAvailableComponents: 3,
  smallUnits: "merge-into-parent",
  thresholds: {
    minParticipants: 2,
    maxParticipants: 25,
    tieMinWeight: 1,
    tieMinSharedObjects: 2,
    activeProjectMinEvents: 10,
    activeProjectMinPersons: 2,
    substantiveMinEvents: 3,
    substantiveMinShare: 0.1,
    unitMinHeadcount: 5,
    unitMinActivePersons: 5,
    unitMinEvents: 20,
    pairMinPersonsPerSide: 2,
    pairMinPersonsTotal: 5,
    k5WorkingDays: 5,
    k5MinRequests: 20,
    k5MinResponders: 5,
    trendMinDelta: 5,
    snapshotWorkingDays: 10,
  },
});

/** A misconfigured method would publish wrong numbers silently, so it fails loudly instead. */
export function validateMethod(method: MethodConfig): void {
  const problems: string[] = [];
  if (!method.methodVersion) problems.push("methodVersion is empty");
  if (method.qualifyingVerbs.length === 0) problems.push("qualifyingVerbs is empty");
  for (const verb of method.oncePerDayVerbs) {
    if (!method.qualifyingVerbs.includes(verb)) problems.push(`oncePerDayVerbs: ${verb} is not a qualifying verb`);
  }
  for (const id of COMPONENT_IDS) {
    const g = method.goalposts[id];
    if (!(Number.isFinite(g.lower) && Number.isFinite(g.upper) && g.upper > g.lower)) {
      problems.push(`${id}: goalpost upper must be greater than lower`);
    }
    const w = method.weights[id];
    if (!(Number.isFinite(w) && w >= 0)) problems.push(`${id}: weight must be a non-negative number`);
  }
  const t = method.thresholds;
  for (const [name, value] of Object.entries(t)) {
    if (!(Number.isFinite(value) && value >= 0)) problems.push(`thresholds.${name} must be a non-negative number`);
  }
  for (const name of [
    "minParticipants",
    "maxParticipants",
    "k5WorkingDays",
    "snapshotWorkingDays",
    "pairMinPersonsPerSide",
    "pairMinPersonsTotal",
  ] as const) {
    if (!Number.isInteger(t[name])) problems.push(`thresholds.${name} must be an integer`);
  }
  if (t.minParticipants < 2) problems.push("thresholds.minParticipants must be at least 2 (1/(n-1))");
  if (t.maxParticipants < t.minParticipants) problems.push("thresholds.maxParticipants is below minParticipants");
  if (!Number.isInteger(method.minAvailableComponents) || method.minAvailableComponents < 1) {
    problems.push("minAvailableComponents must be a positive integer");
  }
  if (problems.length > 0) throw new RangeError(`invalid cooperation-index method: ${problems.join("; ")}`);
}

/** Distance to fixed goalposts (not min-max over the quarter), so quarters stay comparable. */
export function goalpostScore(raw: number, goalpost: Goalpost): number {
  const x = (raw - goalpost.lower) / (goalpost.upper - goalpost.lower);
  return 100 * Math.min(1, Math.max(0, x));
}

/**
 * Scores the components and combines them: weights renormalise over the available ones,
 * an unavailable component is "n/a" rather than 0, too few available means no index.
 */
export function scoreComponents(
  raw: Record<ComponentId, RawComponent>,
  method: MethodConfig,
): { components: Record<ComponentId, ComponentResult>; index: IndexResult } {
  let availableWeight = 0;
  let available = 0;
  for (const id of COMPONENT_IDS) {
    if (raw[id].status === "ok") {
      available += 1;
      availableWeight += method.weights[id];
    }
  }
  const hasIndex = available >= method.minAvailableComponents && availableWeight > 0;
  const components = {} as Record<ComponentId, ComponentResult>;
  let sum = 0;
  for (const id of COMPONENT_IDS) {
    const r = raw[id];
    const ok = r.status === "ok" && r.raw !== null;
    const score = ok ? goalpostScore(r.raw!, method.goalposts[id]) : null;
    const effectiveWeight = ok && availableWeight > 0 ? method.weights[id] / availableWeight : null;
    const points = hasIndex && score !== null && effectiveWeight !== null ? effectiveWeight * score : null;
    if (ok) sum += method.weights[id] * score!;
    components[id] = { id, ...r, score, weight: method.weights[id], effectiveWeight, points };
  }
  const index: IndexResult = hasIndex
    ? { value: Math.min(100, Math.max(0, sum / availableWeight)), availableComponents: available, reason: null }
    : { value: null, availableComponents: available, reason: "too-few-components" };
  return { components, index };
}

export type Trend = { delta: number; direction: "up" | "down" | "stabil" };

/** Floating-point slack so that 62.5 - 57.5000000001 still reads as the 5 points it is. */
const TREND_EPSILON = 1e-9;

/**
 * An arrow only for a change of at least `minDelta` points (and at least the bootstrap noise
 * band, when one is known); anything smaller reads "stabil". Null when a value is missing.
 */
export function trend(
  current: number | null,
  previous: number | null,
  options: { minDelta?: number; noiseBand?: number } = {},
): Trend | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  const threshold = Math.max(options.minDelta ?? DEFAULT_METHOD_V1.thresholds.trendMinDelta, options.noiseBand ?? 0);
  if (delta === 0 || Math.abs(delta) < threshold - TREND_EPSILON) return { delta, direction: "stabil" };
  return { delta, direction: delta > 0 ? "up" : "down" };
}
