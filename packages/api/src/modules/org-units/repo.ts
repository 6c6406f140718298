import type { DbOrTx, Tx } from "@kreisnetz/db/client";
import type { TOrgUnitKind } from "@kreisnetz/shared/schemas/org-units";

const UNIT_SELECT = {
  id: true,
  code: true,
  name: true,
  nameDsb: true,
  kind: true,
  parentId: true,
  dissolvedAt: true,
} as const;

export type TUnitRow = {
  id: string;
  code: string;
  name: string;
  nameDsb: string | null;
  kind: TOrgUnitKind;
  parentId: string | null;
  dissolvedAt: Date | null;
};

/** Arbitrary constant naming the advisory lock that serialises changes to the tree's shape. */
const TREE_LOCK_KEY = 74_210_001;

/**
 * Serialises create/move/dissolve for the rest of the transaction. Without it,
 * two concurrent moves (A under B, B under A) could each pass the cycle check.
 */
export async function lockTree(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK_KEY}::bigint)`;
}

/**
 * Locks one unit row until commit. FOR UPDATE conflicts with the FOR KEY SHARE
 * lock that PostgreSQL takes when a user or child unit row points at this unit,
 * so nobody can be assigned to the unit while it is being dissolved.
 */
export async function lockUnit(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM org_unit WHERE id = ${id} FOR UPDATE`;
  return rows.length > 0;
}

export async function listUnits(db: DbOrTx, options: { includeDissolved: boolean }): Promise<TUnitRow[]> {
  return db.orgUnit.findMany({
    where: options.includeDissolved ? {} : { dissolvedAt: null },
    select: UNIT_SELECT,
    orderBy: [{ code: "asc" }],
  });
}

export async function findUnit(db: DbOrTx, id: string): Promise<TUnitRow | null> {
  return db.orgUnit.findUnique({ where: { id }, select: UNIT_SELECT });
}

export async function codeExists(db: DbOrTx, code: string): Promise<boolean> {
  return (await db.orgUnit.count({ where: { code } })) > 0;
}

/** Active members per unit: people not deactivated whose current unit it is (system accounts included). */
export async function activeMemberCounts(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db.user.groupBy({
    by: ["unitId"],
    where: { deactivatedAt: null },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.unitId, r._count._all]));
}

export async function countActiveMembers(db: DbOrTx, unitId: string): Promise<number> {
  return db.user.count({ where: { unitId, deactivatedAt: null } });
}

export async function countActiveChildren(db: DbOrTx, unitId: string): Promise<number> {
  return db.orgUnit.count({ where: { parentId: unitId, dissolvedAt: null } });
}

/** The unit and its ancestors up to the top, as parent links (for the cycle check). */
export async function ancestorLinks(db: DbOrTx, id: string): Promise<Map<string, string | null>> {
  const rows = await db.$queryRaw<{ id: string; parent_id: string | null }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, ARRAY[id] AS seen FROM org_unit WHERE id = ${id}
      UNION ALL
      SELECT u.id, u.parent_id, up.seen || u.id
      FROM org_unit u JOIN up ON u.id = up.parent_id
      WHERE NOT u.id = ANY(up.seen)
    ) SELECT id, parent_id FROM up`;
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function insertUnit(
  tx: Tx,
  data: { code: string; name: string; nameDsb: string | null; kind: TOrgUnitKind; parentId: string | null },
): Promise<TUnitRow> {
  return tx.orgUnit.create({ data, select: UNIT_SELECT });
}

export async function updateUnit(
  tx: Tx,
  id: string,
  data: { name?: string; nameDsb?: string | null; parentId?: string; dissolvedAt?: Date },
): Promise<TUnitRow> {
  return tx.orgUnit.update({ where: { id }, data, select: UNIT_SELECT });
}
