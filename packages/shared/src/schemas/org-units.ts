import { z } from "zod";
import { msg, ZId } from "./common.ts";

export const ORG_UNIT_KINDS = [
  "VERWALTUNGSSPITZE",
  "DEZERNAT",
  "FACHBEREICH",
  "SACHGEBIET",
  "STABSSTELLE",
  "PERSONALRAT",
  "EIGENBETRIEB",
] as const;
export type TOrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ZUnitCode = z
  .string(msg("validation.required"))
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, msg("validation.code"));
export const ZUnitName = z
  .string(msg("validation.required"))
  .trim()
  .min(2, msg("validation.tooShort"))
  .max(160, msg("validation.tooLong"));

export const ZCreateOrgUnitInput = z.object({
  code: ZUnitCode,
  name: ZUnitName,
  nameDsb: ZUnitName.optional(),
  kind: z.enum(ORG_UNIT_KINDS, msg("validation.choose")),
  parentId: ZId.nullable(),
});
export type TCreateOrgUnitInput = z.infer<typeof ZCreateOrgUnitInput>;

export const ZRenameOrgUnitInput = z.object({ id: ZId, name: ZUnitName, nameDsb: ZUnitName.nullable().optional() });
export type TRenameOrgUnitInput = z.infer<typeof ZRenameOrgUnitInput>;

export const ZMoveOrgUnitInput = z.object({ id: ZId, parentId: ZId });
export type TMoveOrgUnitInput = z.infer<typeof ZMoveOrgUnitInput>;

export const ZDissolveOrgUnitInput = z.object({ id: ZId });
export type TDissolveOrgUnitInput = z.infer<typeof ZDissolveOrgUnitInput>;
