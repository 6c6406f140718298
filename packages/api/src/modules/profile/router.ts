import { ZChangePasswordInput, ZSetLocaleInput, ZTotpCodeInput } from "@kreisnetz/shared/schemas/auth";
import { LOCALES } from "@kreisnetz/shared/i18n";
import { ROLES } from "@kreisnetz/shared/permissions";
import { z } from "zod";
import { accountProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZProfile = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  locale: z.enum(LOCALES),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  unusedRecoveryCodes: z.number(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), nameDsb: z.string().nullable() }),
});
const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/** The person's own account: reachable before set-up duties are done (accountProcedure). */
export const profileRouter = router({
  me: accountProcedure.output(ZProfile).query(({ ctx }) => service.getProfile(ctx)),
  setLocale: accountProcedure
    .input(ZSetLocaleInput)
    .output(z.void())
    .mutation(({ ctx, input }) => service.setLocale(ctx, input.locale)),
  changePassword: accountProcedure
    .input(ZChangePasswordInput)
    .output(z.void())
    .mutation(({ ctx, input }) => service.changePassword(ctx, input)),
  startTotp: accountProcedure
    .output(z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() }))
    .mutation(({ ctx }) => service.startTotpEnrolment(ctx)),
  confirmTotp: accountProcedure
    .input(ZTotpCodeInput)
    .output(ZRecoveryCodes)
    .mutation(({ ctx, input }) => service.confirmTotpEnrolment(ctx, input.code)),
  regenerateRecoveryCodes: accountProcedure
    .output(ZRecoveryCodes)
    .mutation(({ ctx }) => service.regenerateRecoveryCodes(ctx)),
  disableTotp: accountProcedure
    .input(z.object({ password: z.string().min(1, { error: "validation.required" }) }))
    .output(z.void())
    .mutation(({ ctx, input }) => service.disableTotp(ctx, input.password)),
});
