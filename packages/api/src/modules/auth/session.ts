import { Prisma, readRows, type Db, type DbOrTx } from "@kreisnetz/db/client";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@kreisnetz/auth/password";
import { decryptSecret, hashRecoveryCode, hashToken, randomToken } from "@kreisnetz/auth/tokens";
import { verifyTotp } from "@kreisnetz/auth/totp";
import { isLocale } from "@kreisnetz/shared/i18n";
import { AppError } from "@kreisnetz/shared/errors";
import type { TRole } from "@kreisnetz/shared/permissions";
import { SESSION_COOKIE, SESSION_TTL_MS } from "@kreisnetz/shared/session";
import type { TActor, TServices, TSessionInfo } from "../../context.ts";
import { writeAudit } from "../../audit.ts";

export { SESSION_COOKIE, SESSION_TTL_MS };
/** Sessions that are half logged in (password ok, TOTP pending) expire quickly. */
const PENDING_TTL_MS = 10 * 60 * 1000;

/** Rate limits (per rolling window): per account and per client IP. */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 5, perIp: 30 } as const;

export type TLoginResult = { token: string; needsSecondFactor: boolean; userId: string };

const actorSelect = {
  id: true,
  email: true,
  name: true,
  unitId: true,
  roles: true,
  locale: true,
  totpEnabledAt: true,
  mustChangePassword: true,
  deactivatedAt: true,
} as const;

async function assertNotRateLimited(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMinutes * 60_000);
  const [byAccount, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  if (byAccount >= LOGIN_LIMITS.perAccount || byIp >= LOGIN_LIMITS.perIp) {
    throw new AppError("TOO_MANY_REQUESTS", "login.rateLimited", { minutes: LOGIN_LIMITS.windowMinutes });
  }
}

/**
 * Password step of the login. Wrong e-mail and wrong password take the same time
 * and give the same message; failures count against account and IP.
 */
export async function login(
  services: TServices,
  input: { email: string; password: string; ip: string; userAgent: string | null },
): Promise<TLoginResult> {
  const { db } = services;
  const email = input.email.trim().toLowerCase();
  await assertNotRateLimited(db, email, input.ip);

  const user = await db.user.findUnique({
    where: { email },
    select: { ...actorSelect, passwordHash: true, isSystem: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  const success = Boolean(user && ok && !user.isSystem);
  await db.loginAttempt.create({ data: { email, ip: input.ip, success } });
  if (!user || !success) throw new AppError("UNAUTHORIZED", "login.failed");
  if (user.deactivatedAt) throw new AppError("FORBIDDEN", "login.deactivated");

  const needsSecondFactor = Boolean(user.totpEnabledAt);
  const token = await createSession(db, user.id, {
    secondFactorOk: !needsSecondFactor,
    userAgent: input.userAgent,
    ttlMs: needsSecondFactor ? PENDING_TTL_MS : SESSION_TTL_MS,
  });
  if (!needsSecondFactor) await clearFailures(db, email);
  return { token, needsSecondFactor, userId: user.id };
}

export async function createSession(
  db: DbOrTx,
  userId: string,
  options: { secondFactorOk: boolean; userAgent: string | null; ttlMs?: number },
): Promise<string> {
  const token = randomToken();
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      secondFactorOk: options.secondFactorOk,
      csrfToken: randomToken(24),
      userAgent: options.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(Date.now() + (options.ttlMs ?? SESSION_TTL_MS)),
    },
  });
  return token;
}

async function clearFailures(db: Db, email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { email, success: false } });
}

/**
 * Second step: a TOTP code (each time step once) or an unused recovery code.
 * Failures count against the same limits as passwords.
 */
export async function completeSecondFactor(
  services: TServices,
  input: { token: string; code: string; ip: string },
): Promise<void> {
  const { db } = services;
  const session = await db.session.findUnique({
    where: { id: hashToken(input.token) },
    select: {
      id: true,
      expiresAt: true,
      secondFactorOk: true,
      user: { select: { id: true, email: true, totpSecret: true, totpLastStep: true } },
    },
  });
  if (!session || session.expiresAt < new Date()) throw new AppError("UNAUTHORIZED", "login.sessionExpired");
  if (session.secondFactorOk) return;
  const { user } = session;
  await assertNotRateLimited(db, user.email, input.ip);

  let accepted = false;
  if (user.totpSecret) {
    const step = verifyTotp(decryptSecret(services.sessionSecret, user.totpSecret), input.code);
    if (step !== null && (user.totpLastStep === null || step > user.totpLastStep)) {
      await db.user.update({ where: { id: user.id }, data: { totpLastStep: step } });
      accepted = true;
    }
  }
  if (!accepted && /[a-z]/i.test(input.code)) {
    const used = await db.recoveryCode.updateMany({
      where: { userId: user.id, usedAt: null, codeHash: hashRecoveryCode(services.sessionSecret, input.code) },
      data: { usedAt: new Date() },
    });
    accepted = used.count === 1;
    if (accepted)
      await writeAudit(db, {
        actorId: user.id,
        action: "auth.recovery-code-used",
        objectType: "user",
        objectId: user.id,
      });
  }
  await db.loginAttempt.create({ data: { email: user.email, ip: input.ip, success: accepted } });
  if (!accepted) throw new AppError("UNAUTHORIZED", "totp.invalid");

  await db.session.update({
    where: { id: session.id },
    data: { secondFactorOk: true, expiresAt: new Date(Date.now() + SESSION_TTL_MS) },
  });
  await clearFailures(db, user.email);
}

export type TResolvedSession = { session: TSessionInfo; actor: TActor };

type TSessionRow = {
  id: string;
  secondFactorOk: boolean;
  csrfToken: string;
  userId: string;
  email: string;
  name: string;
  unitId: string;
  roles: TRole[];
  locale: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
};

/**
 * Resolves a cookie token to its session and person; null when missing, expired or
 * deactivated. Runs on every request with a session cookie (each page and each tRPC
 * call), so it is a single statement on the pg pool, without Prisma's per-call
 * query-plan compilation (readRows). Nothing is cached: ending a session or
 * deactivating a person takes effect with the very next request, on every instance.
 */
export async function resolveSession(db: Db, token: string | undefined): Promise<TResolvedSession | null> {
  if (!token) return null;
  // Expiry is compared with the application's clock, like everywhere else; the columns
  // are UTC timestamps without time zone (Prisma's DateTime).
  const now = new Date().toISOString();
  const [row] = await readRows<TSessionRow>(
    db,
    Prisma.sql`
      SELECT s.id, s.second_factor_ok AS "secondFactorOk", s.csrf_token AS "csrfToken",
             u.id AS "userId", u.email, u.name, u.unit_id AS "unitId",
             coalesce(u.roles::text[], '{}') AS roles, u.locale::text AS locale,
             u.totp_enabled_at IS NOT NULL AS "totpEnabled", u.must_change_password AS "mustChangePassword"
        FROM session s JOIN app_user u ON u.id = s.user_id
       WHERE s.id = ${hashToken(token)}
         AND s.expires_at >= (${now}::timestamptz AT TIME ZONE 'UTC')
         AND u.deactivated_at IS NULL`,
  );
  if (!row) return null;
  return {
    session: { id: row.id, secondFactorOk: row.secondFactorOk, csrfToken: row.csrfToken },
    actor: {
      id: row.userId,
      email: row.email,
      name: row.name,
      unitId: row.unitId,
      roles: row.roles,
      locale: isLocale(row.locale) ? row.locale : "de",
      totpEnabled: row.totpEnabled,
      mustChangePassword: row.mustChangePassword,
    },
  };
}

/** Ends this session and drops the sockets it opened (other tabs' sessions stay). */
export async function logout(services: Pick<TServices, "db" | "realtime">, token: string | undefined): Promise<void> {
  if (!token) return;
  const id = hashToken(token);
  await services.db.session.deleteMany({ where: { id } });
  services.realtime?.sessionEnded(id);
}

/** Ends every session of a person (deactivation, password change), optionally keeping one. */
export async function endSessions(
  services: TServices,
  db: DbOrTx,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  await db.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  services.realtime?.userSessionsEnded(userId, keepSessionId);
}

/** Housekeeping: drops expired sessions and old login attempts. */
export async function purgeExpired(db: Db): Promise<void> {
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 60 * 60 * 1000) } } });
}

export { hashPassword };
