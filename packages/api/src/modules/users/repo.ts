import { randomUUID } from "node:crypto";
import { Prisma, type DbOrTx, type Tx } from "@kreisnetz/db/client";
import type { TRole } from "@kreisnetz/shared/permissions";

/** Only this file touches Prisma for the users module. System accounts are never listed or edited. */

const unitSelect = { id: true, code: true, name: true, nameDsb: true } as const;

const listSelect = {
  id: true,
  email: true,
  name: true,
  jobTitle: true,
  roles: true,
  mustChangePassword: true,
  deactivatedAt: true,
  unit: { select: unitSelect },
} as const;

export async function findUsers(
  db: DbOrTx,
  filter: { query?: string | undefined; unitId?: string | undefined; includeDeactivated: boolean },
  page: { skip: number; take: number },
) {
  const query = filter.query?.trim();
  const where: Prisma.UserWhereInput = {
    isSystem: false,
    ...(filter.includeDeactivated ? {} : { deactivatedAt: null }),
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(query
      ? {
          OR: [{ name: { contains: query, mode: "insensitive" } }, { email: { contains: query, mode: "insensitive" } }],
        }
      : {}),
  };
  const [items, total] = await Promise.all([
    db.user.findMany({ where, select: listSelect, orderBy: [{ name: "asc" }, { email: "asc" }], ...page }),
    db.user.count({ where }),
  ]);
  return { items, total };
}

export function findUserDetail(db: DbOrTx, id: string) {
  return db.user.findFirst({
    where: { id, isSystem: false },
    select: {
      ...listSelect,
      totpEnabledAt: true,
      createdAt: true,
      memberships: {
        select: { id: true, validFrom: true, validTo: true, unit: { select: unitSelect } },
        orderBy: [{ validFrom: "desc" }, { id: "asc" }],
      },
    },
  });
}

/** The fields the account rules and the audit entry need. */
export function findAccount(db: DbOrTx, id: string) {
  return db.user.findFirst({
    where: { id, isSystem: false },
    select: { id: true, email: true, name: true, jobTitle: true, roles: true, unitId: true, deactivatedAt: true },
  });
}

export type TAccount = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export function countActiveAdmins(db: DbOrTx): Promise<number> {
  return db.user.count({ where: { roles: { has: "ADMIN" }, deactivatedAt: null, isSystem: false } });
}

/** Arbitrary, fixed key of the transaction-scoped advisory lock for changes to admin accounts. */
const ACCOUNT_ADMIN_LOCK = 7_203_001;

/**
 * Serialises account changes that could remove an admin: without it, two admins
 * demoting each other at the same moment would both see "another admin is left".
 * Released at commit or rollback.
 */
export async function lockAccountAdministration(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_ADMIN_LOCK})`;
}

export function findUnit(db: DbOrTx, id: string) {
  return db.orgUnit.findUnique({ where: { id }, select: { id: true, dissolvedAt: true } });
}

export function findUnitsByCodes(db: DbOrTx, codes: string[]) {
  return db.orgUnit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, dissolvedAt: true } });
}

export function listActiveUnits(db: DbOrTx) {
  return db.orgUnit.findMany({
    where: { dissolvedAt: null },
    select: unitSelect,
    orderBy: [{ name: "asc" }, { code: "asc" }],
  });
}

export async function emailTaken(db: DbOrTx, email: string): Promise<boolean> {
  return (await db.user.count({ where: { email } })) > 0;
}

export async function findTakenEmails(db: DbOrTx, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db.user.findMany({ where: { email: { in: emails } }, select: { email: true } });
  return new Set(rows.map((r) => r.email));
}

export type TNewUser = {
  email: string;
  name: string;
  jobTitle: string | null;
  unitId: string;
  roles: TRole[];
  passwordHash: string;
};

/** A new account that must choose its own password, with its first (open) unit membership. */
export async function insertUser(tx: Tx, user: TNewUser, at: Date): Promise<{ id: string }> {
  return tx.user.create({
    data: {
      ...user,
      mustChangePassword: true,
      passwordChangedAt: at,
      memberships: { create: { unitId: user.unitId, validFrom: at } },
    },
    select: { id: true },
  });
}

/** Many accounts at once (CSV import): two statements instead of two per person. */
export async function insertUsers(tx: Tx, users: TNewUser[], at: Date): Promise<string[]> {
  const rows = users.map((u) => ({ ...u, id: randomUUID(), mustChangePassword: true, passwordChangedAt: at }));
  await tx.user.createMany({ data: rows });
  await tx.unitMembership.createMany({ data: rows.map((r) => ({ userId: r.id, unitId: r.unitId, validFrom: at })) });
  return rows.map((r) => r.id);
}

export async function updateProfileFields(
  tx: Tx,
  id: string,
  data: { name: string; jobTitle: string | null; roles: TRole[] },
): Promise<void> {
  await tx.user.update({ where: { id }, data });
}

/** Effective-dated unit change: the open membership ends now and a new one starts now. */
export async function switchUnit(tx: Tx, userId: string, unitId: string, at: Date): Promise<void> {
  await tx.unitMembership.updateMany({ where: { userId, validTo: null }, data: { validTo: at } });
  await tx.unitMembership.create({ data: { userId, unitId, validFrom: at } });
  await tx.user.update({ where: { id: userId }, data: { unitId } });
}

export async function setDeactivatedAt(tx: Tx, id: string, at: Date | null): Promise<void> {
  await tx.user.update({ where: { id }, data: { deactivatedAt: at } });
}

export async function setInitialPassword(tx: Tx, id: string, passwordHash: string, at: Date): Promise<void> {
  await tx.user.update({
    where: { id },
    data: { passwordHash, passwordChangedAt: at, mustChangePassword: true },
  });
}

/** True for PostgreSQL's unique violation as Prisma reports it (a race after our own check). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
