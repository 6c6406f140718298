import {
  COOP_COMPONENT_IDS,
  COOP_UNIT_LEVELS,
  ZConfigureInput,
  ZDashboardInput,
  ZReportInput,
} from "@kreisnetz/shared/schemas/coop-index";
import { z } from "zod";
import { permissionProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";
import { ZComponent, ZDataQuality, ZSnapshotPair, ZSnapshotProject } from "./snapshot.ts";

const ZTrend = z.object({ delta: z.number(), direction: z.enum(["up", "down", "stabil"]) }).nullable();
const ZGoalposts = z.record(z.enum(COOP_COMPONENT_IDS), z.object({ lower: z.number(), upper: z.number() }));
const ZWeights = z.record(z.enum(COOP_COMPONENT_IDS), z.number());

export const ZMethodInfo = z.object({
  version: z.number().int(),
  since: z.string(),
  goalposts: ZGoalposts,
  weights: ZWeights,
  k5Enabled: z.boolean(),
  thresholds: z.object({
    minParticipants: z.number(),
    maxParticipants: z.number(),
    unitMinHeadcount: z.number(),
    unitMinActivePersons: z.number(),
    unitMinEvents: z.number(),
    pairMinPersonsPerSide: z.number(),
    pairMinPersonsTotal: z.number(),
    trendMinDelta: z.number(),
    snapshotWorkingDays: z.number(),
  }),
  qualifyingVerbs: z.array(z.string()),
});

/** The dashboard: units and unit pairs only, by construction no person id (see privacy tests). */
export const ZDashboard = z.object({
  level: z.enum(COOP_UNIT_LEVELS),
  methodVersion: z.number().int(),
  quarters: z.array(z.string()),
  quarter: z.string().nullable(),
  quarterLabel: z.string().nullable(),
  frozen: z.boolean(),
  freezeDate: z.string().nullable(),
  trend: z.array(
    z.object({
      quarter: z.string(),
      label: z.string(),
      index: z.number().nullable(),
      components: z.array(z.object({ id: z.enum(COOP_COMPONENT_IDS), points: z.number().nullable() })),
      /** The structure changed in this quarter: not directly comparable with the quarters before. */
      structureBreak: z.boolean(),
    }),
  ),
  organisation: z
    .object({
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
      coverage: z.number().nullable(),
      previous: z.number().nullable(),
      yearAgo: z.number().nullable(),
      trend: ZTrend,
      yearTrend: ZTrend,
      structureBreak: z.boolean(),
    })
    .nullable(),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      index: z.number().nullable(),
      mergedUnits: z.number().int(),
      components: z.array(ZComponent),
      previous: z.number().nullable(),
      yearAgo: z.number().nullable(),
      trend: ZTrend,
      yearTrend: ZTrend,
      structureBreak: z.boolean(),
    }),
  ),
  pairs: z.array(ZSnapshotPair),
  projects: z.array(ZSnapshotProject),
  dataQuality: ZDataQuality.nullable(),
  method: ZMethodInfo,
});

/**
 * The cooperation index for leadership and admins (`read:coop-index`); staff and editors are
 * refused. Reads snapshots only; configuring the method needs `configure:coop-index`.
 */
export const coopIndexRouter = router({
  dashboard: permissionProcedure("read:coop-index")
    .input(ZDashboardInput)
    .output(ZDashboard)
    .query(({ ctx, input }) => service.dashboard(ctx.db, input)),

  /** The same data for one quarter, for the PDF and CSV report (rendered by the web app). */
  report: permissionProcedure("read:coop-index")
    .input(ZReportInput)
    .output(ZDashboard)
    .query(({ ctx, input }) => service.dashboard(ctx.db, input)),

  method: permissionProcedure("read:coop-index")
    .input(z.object({}).optional())
    .output(ZMethodInfo)
    .query(async ({ ctx }) => (await service.dashboard(ctx.db, { level: "FACHBEREICH" })).method),

  configure: permissionProcedure("configure:coop-index")
    .input(ZConfigureInput)
    .output(z.object({ version: z.number().int() }))
    .mutation(({ ctx, input }) => service.configure(ctx, input)),
});
