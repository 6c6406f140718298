import type { DbOrTx } from "@kreisnetz/db/client";

export type TAuditRow = {
  id: bigint;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  details: unknown;
  createdAt: Date;
};

/** One page of the audit log, newest first; `actionPrefix` matches the start of the dotted action. */
export async function listEntries(
  db: DbOrTx,
  query: { actionPrefix: string | undefined; skip: number; take: number },
): Promise<{ rows: TAuditRow[]; total: number }> {
  const where = query.actionPrefix ? { action: { startsWith: escapeLike(query.actionPrefix) } } : {};
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: query.skip,
      take: query.take,
      select: {
        id: true,
        actorId: true,
        action: true,
        objectType: true,
        objectId: true,
        details: true,
        createdAt: true,
      },
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows, total };
}

/** Name and e-mail of the actors on a page (the audit log keeps ids only, without a foreign key). */
export async function actorsByIds(
  db: DbOrTx,
  ids: string[],
): Promise<Map<string, { id: string; name: string; email: string }>> {
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** Prisma passes `startsWith` into LIKE unescaped: "_" and "%" in a filter must match themselves. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
