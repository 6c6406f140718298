import { z } from "zod";
import { ROLES } from "../permissions.ts";
import { msg, ZEmail, ZId, ZPersonName } from "./common.ts";

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
  csv: z
    .string(msg("validation.required"))
    .min(1, msg("validation.required"))
    .max(CSV_IMPORT_MAX_BYTES, msg("validation.tooLong")),
});
export type TCsvImportInput = z.infer<typeof ZCsvImportInput>;
