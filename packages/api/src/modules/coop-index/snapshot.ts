import type { QuarterResult } from "@kreisnetz/coop-index/types";
import { COMPONENT_IDS } from "@kreisnetz/coop-index/method";
import { COOP_COMPONENT_IDS, COOP_UNIT_LEVELS, ZQuarterKey } from "@kreisnetz/shared/schemas/coop-index";
import { z } from "zod";

/**
 * The stored form of a computed quarter (`coop_snapshot.result`) and the only thing the dashboard,
 * the report and the CSV read. Unit-level and organisation-level numbers only: persons never
 * appear, units below the gates never appear (not even by name), and every read goes through
 * this schema, which strips anything else.
 */
export const ZComponent = z.object({
  id: z.enum(COOP_COMPONENT_IDS),
  status: z.enum(["ok", "n/a", "disabled"]),
  raw: z.number().nullable(),
  score: z.number().nullable(),
  points: z.number().nullable(),
  weight: z.number(),
  effectiveWeight: z.number().nullable(),
  reason: z.string().nullable(),
});
export type TComponent = z.infer<typeof ZComponent>;

export const ZSnapshotUnit = z.object({
  unitId: z.string(),
  name: z.string(),
  /** How many smaller units are counted in this one (names are not shown). */
  mergedUnits: z.number().int(),
  headcount: z.number().int(),
  activePersons: z.number().int(),
  qualifyingEvents: z.number().int(),
  ties: z.number().int(),
  index: z.number().nullable(),
  components: z.array(ZComponent),
});
export type TSnapshotUnit = z.infer<typeof ZSnapshotUnit>;

export const ZSnapshotPair = z.object({
  unitIdA: z.string(),
  unitIdB: z.string(),
  weight: z.number(),
  sharedObjects: z.number().int(),
  tie: z.boolean(),
});

export const ZSnapshotProject = z.object({
  projectId: z.string(),
  /** Null for projects readable by members only. */
  title: z.string().nullable(),
  events: z.number().int(),
  /** Shown units only; the others are counted. */
  declaredUnitIds: z.array(z.string()),
  livedUnitIds: z.array(z.string()),
  declaredOther: z.number().int(),
  livedOther: z.number().int(),
});

export const ZDataQuality = z.object({
  eventsReceived: z.number().int(),
  eventsDroppedSystem: z.number().int(),
  eventsDroppedNonQualifyingVerb: z.number().int(),
  eventsDroppedWithoutUnit: z.number().int(),
  documentEditsCollapsed: z.number().int(),
  qualifyingEvents: z.number().int(),
  personsWithoutUnit: z.number().int(),
  objects: z.number().int(),
  objectsSingleParticipant: z.number().int(),
  objectsDroppedBroadcast: z.number().int(),
  objectsUsed: z.number().int(),
  unitsHidden: z.number().int(),
});

export const ZSnapshotData = z.object({
  quarter: ZQuarterKey,
  level: z.enum(COOP_UNIT_LEVELS),
  methodVersion: z.number().int(),
  computedAt: z.string(),
  frozen: z.boolean(),
  organisation: z.object({
    index: z.number().nullable(),
    availableComponents: z.number().int(),
    components: z.array(ZComponent),
    headcount: z.number().int(),
    activePersons: z.number().int(),
    qualifyingEvents: z.number().int(),
    units: z.number().int(),
    ties: z.number().int(),
    activeProjects: z.number().int(),
    crossUnitProjects: z.number().int(),
    /** Share of staff with at least one qualifying event in the project space; null without staff. */
    coverage: z.number().nullable(),
  }),
  units: z.array(ZSnapshotUnit),
  pairs: z.array(ZSnapshotPair),
  projects: z.array(ZSnapshotProject),
  dataQuality: ZDataQuality,
  /**
   * Reorganisation in this quarter (units created, moved or dissolved): the values before and
   * after are not directly comparable. `unitIds`: the shown units affected. Snapshots stored
   * before this field existed read as "no break".
   */
  structureBreak: z
    .object({ organisation: z.boolean(), unitIds: z.array(z.string()) })
    .default({ organisation: false, unitIds: [] }),
});
export type TSnapshotData = z.infer<typeof ZSnapshotData>;

function components(c: QuarterResult["organisation"]["components"]): TComponent[] {
  return COMPONENT_IDS.map((id) => {
    const r = c[id];
    return {
      id,
      status: r.status,
      raw: r.raw,
      score: r.score,
      points: r.points,
      weight: r.weight,
      effectiveWeight: r.effectiveWeight,
      reason: r.reason,
    };
  });
}

export type TDeclaredProject = { id: string; title: string; visibility: string; unitIds: string[] };

/** From the pure result to the stored snapshot: hidden units dropped, merged units counted, projects diagnosed. */
export function buildSnapshot(args: {
  result: QuarterResult;
  quarter: string;
  level: (typeof COOP_UNIT_LEVELS)[number];
  methodVersion: number;
  computedAt: Date;
  frozen: boolean;
  /** Org unit id -> unit at the level (before merging). */
  target: ReadonlyMap<string, string>;
  declared: readonly TDeclaredProject[];
  /** Raw org unit ids touched by a structural change in the quarter (see `structureChanges`). */
  changedOrgUnitIds?: readonly string[];
}): TSnapshotData {
  const { result } = args;
  const shown = new Set(result.units.map((u) => u.unitId));
  const effective = new Map<string, string>();
  for (const u of result.units) for (const m of u.mergedUnitIds) effective.set(m, u.unitId);
  const atLevel = (orgUnitId: string) => {
    const t = args.target.get(orgUnitId) ?? orgUnitId;
    return effective.get(t) ?? t;
  };
  const declaredById = new Map(args.declared.map((p) => [p.id, p]));
  const split = (ids: Iterable<string>) => {
    const all = [...new Set(ids)].sort();
    const visible = all.filter((id) => shown.has(id));
    return { visible, other: all.length - visible.length };
  };
  const org = result.organisation;
  const changed = args.changedOrgUnitIds ?? [];
  return {
    quarter: args.quarter,
    level: args.level,
    methodVersion: args.methodVersion,
    computedAt: args.computedAt.toISOString(),
    frozen: args.frozen,
    organisation: {
      index: org.index.value,
      availableComponents: org.index.availableComponents,
      components: components(org.components),
      headcount: org.headcount,
      activePersons: org.activePersons,
      qualifyingEvents: org.qualifyingEvents,
      units: org.units,
      ties: org.ties,
      activeProjects: org.activeProjects,
      crossUnitProjects: org.crossUnitProjects,
      coverage: org.headcount > 0 ? Math.min(1, org.activePersons / org.headcount) : null,
    },
    units: result.units.map((u) => ({
      unitId: u.unitId,
      name: u.name,
      mergedUnits: u.mergedUnitIds.length,
      headcount: u.headcount,
      activePersons: u.activePersons,
      qualifyingEvents: u.qualifyingEvents,
      ties: u.ties,
      index: u.index.value,
      components: components(u.components),
    })),
    pairs: result.unitPairs.map((p) => ({
      unitIdA: p.unitIdA,
      unitIdB: p.unitIdB,
      weight: p.weight,
      sharedObjects: p.sharedObjects,
      tie: p.tie,
    })),
    projects: result.activeProjects.map((p) => {
      const d = declaredById.get(p.projectId);
      const declared = split((d?.unitIds ?? []).map(atLevel));
      const lived = split(p.participatingUnitIds);
      return {
        projectId: p.projectId,
        title: d && d.visibility === "ALL_STAFF" ? d.title : null,
        events: p.events,
        declaredUnitIds: declared.visible,
        livedUnitIds: lived.visible,
        declaredOther: declared.other,
        livedOther: lived.other,
      };
    }),
    dataQuality: {
      eventsReceived: result.dataQuality.eventsReceived,
      eventsDroppedSystem: result.dataQuality.eventsDroppedSystem,
      eventsDroppedNonQualifyingVerb: result.dataQuality.eventsDroppedNonQualifyingVerb,
      eventsDroppedWithoutUnit: result.dataQuality.eventsDroppedWithoutUnit,
      documentEditsCollapsed: result.dataQuality.documentEditsCollapsed,
      qualifyingEvents: result.dataQuality.qualifyingEvents,
      personsWithoutUnit: result.dataQuality.personsWithoutUnit,
      objects: result.dataQuality.objects,
      objectsSingleParticipant: result.dataQuality.objectsSingleParticipant,
      objectsDroppedBroadcast: result.dataQuality.objectsDroppedBroadcast,
      objectsUsed: result.dataQuality.objectsUsed,
      unitsHidden: result.hiddenUnits.length,
    },
    structureBreak: {
      organisation: changed.length > 0,
      unitIds: [...new Set(changed.map(atLevel))].filter((id) => shown.has(id)).sort(),
    },
  };
}
