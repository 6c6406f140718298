/**
 * Data shapes of the cooperation index (COOP-INDEX.md, method v1). Inputs carry person ids
 * because the maths needs distinct persons; results carry none, by construction: they are
 * about units, unit pairs and the organisation only.
 */

/** An instant: a `Date`, or an ISO 8601 string with `Z` or an explicit offset. */
export type Instant = Date | string;

/** A Berlin calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 };

/** Verbs that count as qualifying events; invitations, views and the like do not. */
export type QualifyingVerb =
  "task.created" | "task.assigned" | "task.completed" | "task.commented" | "meeting.attended" | "article.updated";

/** One activity event, already reduced to what the index needs. */
export type CoopEvent = {
  personId: string;
  /** The person's unit at the event's time (effective dated); null when unknown. */
  unitId: string | null;
  /** The work object: a task, comment thread, meeting occurrence or document. */
  objectKey: string;
  projectId: string | null;
  /** A `QualifyingVerb`; other verbs are dropped and counted, so raw rows can be passed as they are. */
  verb: string;
  at: Instant;
  /** System accounts and bulk imports: never counted. */
  isSystem: boolean;
};

export type UnitMeta = {
  id: string;
  parentId: string | null;
  /** Staff assigned directly to this unit (not to its sub-units). Merging adds headcounts up. */
  headcount: number;
  name: string;
};

/** A request from one unit to another (K5): an @-mention, an assignment or a comment on the other unit's object. */
export type CrossUnitRequest = {
  fromUnitId: string | null;
  toUnitId: string | null;
  requestedAt: Instant;
  /** First later event by anyone of the receiving unit on the object; null if none by evaluation time. */
  respondedAt: Instant | null;
  /** Needed only for the K5 gate (distinct responders); never part of a result. */
  responderId: string | null;
};

export type ComponentId = "K1" | "K2" | "K3" | "K4" | "K5";

/** Raw value x scores 0 points at `lower` and 100 points at `upper`. */
export type Goalpost = { lower: number; upper: number };

export type MethodThresholds = {
  /** Objects with fewer distinct participants carry no interaction (v1: 2). */
  minParticipants: number;
  /** Objects with more distinct participants are broadcasts (v1: 25). */
  maxParticipants: number;
  tieMinWeight: number;
  tieMinSharedObjects: number;
  activeProjectMinEvents: number;
  activeProjectMinPersons: number;
  /** A unit participates substantively in a project with at least this many events ... */
  substantiveMinEvents: number;
  /** ... and at least this share of the project's events. */
  substantiveMinShare: number;
  unitMinHeadcount: number;
  unitMinActivePersons: number;
  unitMinEvents: number;
  pairMinPersonsPerSide: number;
  pairMinPersonsTotal: number;
  k5WorkingDays: number;
  k5MinRequests: number;
  k5MinResponders: number;
  /** Minimum change in points for a trend arrow. */
  trendMinDelta: number;
  /** Snapshot freeze: quarter end plus this many working days. */
  snapshotWorkingDays: number;
};

export type MethodConfig = {
  methodVersion: string;
  /**
   * The qualifying verbs (COOP-INDEX.md "Data"). A verb `<type>.<action>` counts only on objects
   * of type `<type>` (the SQL aggregation checks that; the pure path gets object keys only).
   */
  qualifyingVerbs: readonly string[];
  /** Of those, verbs counted at most once per person, object and Berlin day (autosave bursts). */
  oncePerDayVerbs: readonly string[];
  goalposts: Record<ComponentId, Goalpost>;
  weights: Record<ComponentId, number>;
  k5Enabled: boolean;
  /** Fewer available components than this: no index. */
  minAvailableComponents: number;
  /** What happens to a unit below the gates: merged into its parent (default) or suppressed. */
  smallUnits: "merge-into-parent" | "suppress";
  thresholds: MethodThresholds;
};

export type QuarterInput = {
  quarter: Quarter;
  /** Events outside the quarter (Europe/Berlin) are dropped and counted. */
  events: readonly CoopEvent[];
  units: readonly UnitMeta[];
  method: MethodConfig;
  /** K5 only; ignored while `method.k5Enabled` is false. */
  requests?: readonly CrossUnitRequest[];
  /** Public holidays (Berlin calendar days) for the K5 working-day window. */
  holidays?: readonly IsoDate[];
};

export type ComponentStatus = "ok" | "n/a" | "disabled";

export type NotAvailableReason =
  /** K1: the unit (or the organisation) has no active project. */
  | "no-active-projects"
  /** K2, K4: no collaboration on shared objects at all (s_a = 0). */
  | "no-shared-objects"
  /** K3, K4: fewer than two units, so no possible partner. */
  | "single-unit"
  /** K5: no cross-unit request in the quarter. */
  | "no-requests"
  /** K5: fewer requests or responders than the K5 gate. */
  | "below-k5-gate"
  | "disabled";

/** A component before scoring. */
export type RawComponent = { status: ComponentStatus; raw: number | null; reason: NotAvailableReason | null };

export type ComponentResult = RawComponent & {
  id: ComponentId;
  /** 0..100 against the goalposts; null unless available. */
  score: number | null;
  /** Configured weight (points out of 100 before renormalisation). */
  weight: number;
  /** Share of the index after renormalisation over the available components; null unless available. */
  effectiveWeight: number | null;
  /** Contribution to the index in points; the contributions add up to the index. Null without index. */
  points: number | null;
};

export type IndexResult = {
  /** 0..100, or null when fewer than `minAvailableComponents` are available. */
  value: number | null;
  availableComponents: number;
  reason: "too-few-components" | null;
};

export type UnitResult = {
  unitId: string;
  name: string;
  parentId: string | null;
  /** Units below the gates whose people are counted here (merge into parent). */
  mergedUnitIds: string[];
  headcount: number;
  activePersons: number;
  qualifyingEvents: number;
  /** Units with a binary tie to this one (the K3 numerator). */
  ties: number;
  components: Record<ComponentId, ComponentResult>;
  index: IndexResult;
};

export type OrganisationResult = {
  headcount: number;
  activePersons: number;
  qualifyingEvents: number;
  /** N: units (after merging) with at least one active person. */
  units: number;
  ties: number;
  activeProjects: number;
  crossUnitProjects: number;
  components: Record<ComponentId, ComponentResult>;
  index: IndexResult;
};

export type GateFailure = "headcount" | "active-persons" | "events";

export type HiddenUnit = {
  unitId: string;
  name: string;
  /** Which gates the unit missed when it was decided (with anything already merged into it). */
  failedGates: GateFailure[];
} & ({ outcome: "merged"; mergedIntoUnitId: string } | { outcome: "suppressed" });

/** Only pairs of shown units with enough persons on each side and in total. */
export type UnitPairResult = {
  unitIdA: string;
  unitIdB: string;
  /** W_ab: sum of Newman weights between the two units. */
  weight: number;
  sharedObjects: number;
  tie: boolean;
};

export type DataQuality = {
  eventsReceived: number;
  eventsDroppedSystem: number;
  eventsDroppedNonQualifyingVerb: number;
  eventsDroppedInvalidTime: number;
  eventsDroppedOutsideQuarter: number;
  eventsDroppedWithoutUnit: number;
  documentEditsCollapsed: number;
  qualifyingEvents: number;
  /** Distinct persons with events but no known unit at event time. */
  personsWithoutUnit: number;
  objects: number;
  objectsSingleParticipant: number;
  objectsDroppedBroadcast: number;
  objectsUsed: number;
  unitsSuppressed: number;
  unitsMerged: number;
  requestsConsidered: number;
};

/** An active project and A_j, its substantively participating units (after merging; may include suppressed units). */
export type ActiveProjectResult = { projectId: string; events: number; participatingUnitIds: string[] };

export type QuarterResult = {
  methodVersion: string;
  quarter: Quarter;
  organisation: OrganisationResult;
  units: UnitResult[];
  hiddenUnits: HiddenUnit[];
  unitPairs: UnitPairResult[];
  activeProjects: ActiveProjectResult[];
  dataQuality: DataQuality;
};
