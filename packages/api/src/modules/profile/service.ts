import { hashPassword, verifyPassword } from "@kreisnetz/auth/password";
import { decryptSecret, encryptSecret, generateRecoveryCodes, hashRecoveryCode } from "@kreisnetz/auth/tokens";
import { generateTotpSecret, totpQrDataUrl, totpUri, verifyTotp } from "@kreisnetz/auth/totp";
import { AppError } from "@kreisnetz/shared/errors";
import type { TLocale } from "@kreisnetz/shared/i18n";
import { requiresTotp } from "@kreisnetz/shared/permissions";
import type { TChangePasswordInput } from "@kreisnetz/shared/schemas/auth";
import { writeAudit } from "../../audit.ts";
import type { TActor, TContext } from "../../context.ts";
import { endSessions } from "../auth/session.ts";

type Ctx = TContext & { actor: TActor };

export async function getProfile(ctx: Ctx) {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: ctx.actor.id },
    select: {
      id: true,
      email: true,
      name: true,
      jobTitle: true,
      roles: true,
      locale: true,
      totpEnabledAt: true,
      mustChangePassword: true,
      unit: { select: { id: true, code: true, name: true, nameDsb: true } },
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    jobTitle: user.jobTitle,
    roles: user.roles,
    locale: user.locale,
    totpEnabled: Boolean(user.totpEnabledAt),
    totpRequired: requiresTotp(user.roles),
    mustChangePassword: user.mustChangePassword,
    unusedRecoveryCodes: user._count.recoveryCodes,
    unit: user.unit,
  };
}

export async function setLocale(ctx: Ctx, locale: TLocale): Promise<void> {
  await ctx.db.user.update({ where: { id: ctx.actor.id }, data: { locale } });
}

/** Changes the password and ends the person's other sessions. */
export async function changePassword(ctx: Ctx, input: TChangePasswordInput): Promise<void> {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("BAD_INPUT", "password.wrongCurrent", {}, { currentPassword: "password.wrongCurrent" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: ctx.actor.id },
      data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false },
    });
    await endSessions(ctx, tx, ctx.actor.id, ctx.session?.id);
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "auth.password-change",
      objectType: "user",
      objectId: ctx.actor.id,
    });
  });
}

/** Enrolment step 1: a fresh secret (kept encrypted, pending) and its QR code. */
export async function startTotpEnrolment(ctx: Ctx) {
  const secret = generateTotpSecret();
  await ctx.db.user.update({
    where: { id: ctx.actor.id },
    data: { totpPendingSecret: encryptSecret(ctx.sessionSecret, secret) },
  });
  const uri = totpUri(secret, ctx.actor.email);
  return { secret, uri, qrDataUrl: await totpQrDataUrl(uri) };
}

/** Enrolment step 2: a valid code activates TOTP and yields ten one-time recovery codes. */
export async function confirmTotpEnrolment(ctx: Ctx, code: string): Promise<{ recoveryCodes: string[] }> {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: ctx.actor.id },
    select: { totpPendingSecret: true },
  });
  if (!user.totpPendingSecret) throw new AppError("BAD_INPUT", "totp.invalid", {}, { code: "totp.invalid" });
  const secret = decryptSecret(ctx.sessionSecret, user.totpPendingSecret);
  const step = verifyTotp(secret, code);
  if (step === null) throw new AppError("BAD_INPUT", "totp.invalid", {}, { code: "totp.invalid" });

  const recoveryCodes = generateRecoveryCodes();
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: ctx.actor.id },
      data: {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: step,
      },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: ctx.actor.id } });
    await tx.recoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId: ctx.actor.id, codeHash: hashRecoveryCode(ctx.sessionSecret, c) })),
    });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "auth.totp-enable",
      objectType: "user",
      objectId: ctx.actor.id,
    });
  });
  return { recoveryCodes };
}

export async function regenerateRecoveryCodes(ctx: Ctx): Promise<{ recoveryCodes: string[] }> {
  if (!ctx.actor.totpEnabled) throw new AppError("BAD_INPUT", "totp.disabled");
  const recoveryCodes = generateRecoveryCodes();
  await ctx.db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: ctx.actor.id } });
    await tx.recoveryCode.createMany({
      data: recoveryCodes.map((c) => ({ userId: ctx.actor.id, codeHash: hashRecoveryCode(ctx.sessionSecret, c) })),
    });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "auth.recovery-codes-regenerate",
      objectType: "user",
      objectId: ctx.actor.id,
    });
  });
  return { recoveryCodes };
}

/** Switching TOTP off needs the password again, and is refused for roles that require it. */
export async function disableTotp(ctx: Ctx, password: string): Promise<void> {
  if (requiresTotp(ctx.actor.roles)) throw new AppError("FORBIDDEN", "totp.cannotDisable");
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.actor.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError("BAD_INPUT", "password.wrongCurrent", {}, { password: "password.wrongCurrent" });
  }
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: ctx.actor.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: ctx.actor.id } });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "auth.totp-disable",
      objectType: "user",
      objectId: ctx.actor.id,
    });
  });
}
