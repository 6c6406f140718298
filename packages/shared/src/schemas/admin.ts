import { z } from "zod";
import { ROLES } from "../permissions.ts";
import { msg, ZEmail, ZId, ZPersonName } from "./common.ts";

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

export const ZRoles = z.array(z.enum(ROLES, msg("validation.choose"))).min(1, msg("validation.choose"));

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: ZPersonName,
  jobTitle: z.string().trim().max(120, msg("validation.tooLong")).optional(),
  unitId: ZId,
  roles: ZRoles,
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUpdateUserInput = z.object({
  id: ZId,
  name: ZPersonName,
  jobTitle: z.string().trim().max(120, msg("validation.tooLong")).nullable().optional(),
  unitId: ZId,
  roles: ZRoles,
});
export type TUpdateUserInput = z.infer<typeof ZUpdateUserInput>;

export const ZListUsersInput = z.object({
  query: z.string().trim().max(100, msg("validation.tooLong")).optional(),
  unitId: ZId.optional(),
  includeDeactivated: z.boolean().default(false),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type TListUsersInput = z.input<typeof ZListUsersInput>;

/** CSV import: at most 1 MiB and 5,000 rows per file. */
export const CSV_IMPORT_MAX_BYTES = 1024 * 1024;
export const CSV_IMPORT_MAX_ROWS = 5000;
export const ZCsvImportInput = z.object({
  csv: z.string(msg("validation.required")).min(1, msg("validation.required")).max(CSV_IMPORT_MAX_BYTES, msg("validation.tooLong")),
});
export type TCsvImportInput = z.infer<typeof ZCsvImportInput>;

export const ZListAuditInput = z.object({
  action: z.string().trim().max(80).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});
export type TListAuditInput = z.input<typeof ZListAuditInput>;
