import { z } from "zod";
import type { MessageKey } from "../i18n/index.ts";

/** Zod error option carrying a catalog key instead of English text. */
export const msg = (key: MessageKey) => ({ error: key });

export const ZId = z.string(msg("validation.required")).uuid(msg("validation.invalid"));
export const ZEmail = z
  .string(msg("validation.required"))
  .trim()
  .toLowerCase()
  .max(254, msg("validation.tooLong"))
  .pipe(z.email(msg("validation.email")));
export const ZPersonName = z
  .string(msg("validation.required"))
  .trim()
  .min(2, msg("validation.tooShort"))
  .max(120, msg("validation.tooLong"));
export const ZPassword = z
  .string(msg("validation.required"))
  .min(12, msg("validation.tooShort"))
  .max(256, msg("validation.tooLong"));
