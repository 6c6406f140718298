import { z } from "zod";
import { LOCALES } from "../i18n/index.ts";
import { msg, ZEmail, ZPassword } from "./common.ts";

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string(msg("validation.required")).min(1, msg("validation.required")).max(256, msg("validation.tooLong")),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZTotpCodeInput = z.object({
  code: z
    .string(msg("validation.required"))
    .trim()
    .min(6, msg("validation.tooShort"))
    .max(32, msg("validation.tooLong")),
});
export type TTotpCodeInput = z.infer<typeof ZTotpCodeInput>;

export const ZChangePasswordInput = z
  .object({
    currentPassword: z.string(msg("validation.required")).min(1, msg("validation.required")),
    newPassword: ZPassword,
    confirmPassword: z.string(msg("validation.required")),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], ...msg("password.mismatch") })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], ...msg("password.sameAsOld") });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

export const ZSetLocaleInput = z.object({ locale: z.enum(LOCALES, msg("validation.choose")) });
export type TSetLocaleInput = z.infer<typeof ZSetLocaleInput>;
