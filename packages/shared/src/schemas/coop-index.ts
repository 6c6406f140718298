import { z } from "zod";
import { msg } from "./common.ts";

/** Unit levels of the cooperation index; Fachbereich is the default. */
export const COOP_UNIT_LEVELS = ["FACHBEREICH", "DEZERNAT", "SACHGEBIET"] as const;
export type TCoopUnitLevel = (typeof COOP_UNIT_LEVELS)[number];
export const COOP_COMPONENT_IDS = ["K1", "K2", "K3", "K4", "K5"] as const;
export type TCoopComponentId = (typeof COOP_COMPONENT_IDS)[number];

/** A quarter as "2026-Q3". */
export const ZQuarterKey = z
  .string(msg("coop.validation.quarter"))
  .regex(/^\d{4}-Q[1-4]$/, msg("coop.validation.quarter"));

export const ZCoopLevel = z.enum(COOP_UNIT_LEVELS, msg("coop.validation.level"));

export const ZDashboardInput = z.object({
  level: ZCoopLevel.default("FACHBEREICH"),
  /** The quarter to show; the latest snapshot when omitted. */
  quarter: ZQuarterKey.optional(),
});
export type TDashboardInput = z.input<typeof ZDashboardInput>;

export const ZReportInput = z.object({ level: ZCoopLevel.default("FACHBEREICH"), quarter: ZQuarterKey });

const ZGoalpost = z
  .object({
    lower: z
      .number(msg("coop.validation.number"))
      .min(0, msg("coop.validation.range"))
      .max(1, msg("coop.validation.range")),
    upper: z
      .number(msg("coop.validation.number"))
      .min(0, msg("coop.validation.range"))
      .max(1, msg("coop.validation.range")),
  })
  .refine((g) => g.upper > g.lower, { message: "coop.validation.goalpostOrder", path: ["upper"] });

const ZWeight = z
  .number(msg("coop.validation.number"))
  .min(0, msg("coop.validation.weight"))
  .max(100, msg("coop.validation.weight"));

export const ZConfigureInput = z
  .object({
    goalposts: z.object({ K1: ZGoalpost, K2: ZGoalpost, K3: ZGoalpost, K4: ZGoalpost, K5: ZGoalpost }),
    weights: z.object({ K1: ZWeight, K2: ZWeight, K3: ZWeight, K4: ZWeight, K5: ZWeight }),
    k5Enabled: z.boolean(),
    /** Why the method changes: goes into the audit log. */
    reason: z.string(msg("validation.required")).trim().min(3, msg("coop.validation.reason")).max(500),
  })
  .refine((c) => c.weights.K1 + c.weights.K2 + c.weights.K3 + c.weights.K4 + (c.k5Enabled ? c.weights.K5 : 0) > 0, {
    message: "coop.validation.weightsZero",
    path: ["weights"],
  });
export type TConfigureInput = z.input<typeof ZConfigureInput>;

export function quarterKey(q: { year: number; quarter: number }): string {
  return `${q.year}-Q${q.quarter}`;
}

export function parseQuarterKey(key: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!m) throw new RangeError(`bad quarter key: ${key}`);
  return { year: Number(m[1]), quarter: Number(m[2]) as 1 | 2 | 3 | 4 };
}
