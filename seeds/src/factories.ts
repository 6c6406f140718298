import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@kreisnetz/db/client";
import { hashPassword } from "@kreisnetz/auth/password";
import { encryptSecret } from "@kreisnetz/auth/tokens";
import { generateTotpSecret } from "@kreisnetz/auth/totp";
import type { TRole } from "@kreisnetz/shared/permissions";
import type { TOrgUnitKind } from "@kreisnetz/shared/schemas/org-units";

/** Tests use one password for every factory user; hashing it once keeps suites fast. */
export const TEST_PASSWORD = "Testpasswort-Kreisnetz-1";
let testHash: Promise<string> | undefined;

export async function createUnit(
  db: DbOrTx,
  data: { name?: string; code?: string; kind?: TOrgUnitKind; parentId?: string | null } = {},
) {
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  return db.orgUnit.create({
    data: {
      code: data.code ?? `T-${suffix}`,
      name: data.name ?? `Testeinheit ${suffix}`,
      kind: data.kind ?? "SACHGEBIET",
      parentId: data.parentId ?? null,
    },
  });
}

export type TCreatedUser = Awaited<ReturnType<typeof createUser>>;

/**
 * A user with an open unit membership. `totpSecretKey` set: TOTP is enabled with a
 * fresh secret (returned as `totpSecret`, so tests can compute codes).
 */
export async function createUser(
  db: DbOrTx,
  data: {
    unitId: string;
    roles?: TRole[];
    email?: string;
    name?: string;
    password?: string;
    totpSecretKey?: string;
    deactivated?: boolean;
  },
) {
  testHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  const totpSecret = data.totpSecretKey ? generateTotpSecret() : null;
  const user = await db.user.create({
    data: {
      id,
      email: data.email ?? `user-${id.slice(0, 8)}@test.kreisnetz.de`,
      name: data.name ?? `Testperson ${id.slice(0, 4)}`,
      passwordHash: data.password ? await hashPassword(data.password) : await testHash,
      roles: data.roles ?? ["STAFF"],
      unitId: data.unitId,
      totpSecret: totpSecret && data.totpSecretKey ? encryptSecret(data.totpSecretKey, totpSecret) : null,
      totpEnabledAt: totpSecret ? new Date() : null,
      deactivatedAt: data.deactivated ? new Date() : null,
      memberships: { create: { unitId: data.unitId } },
    },
  });
  return { ...user, password: data.password ?? TEST_PASSWORD, totpSecretPlain: totpSecret };
}
