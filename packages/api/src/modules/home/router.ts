import type { Db } from "@kreisnetz/db/client";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";

const ZHome = z.object({
  unit: z.object({
    id: z.string(),
    name: z.string(),
    nameDsb: z.string().nullable(),
    kind: z.string(),
    path: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  colleagues: z.array(z.object({ id: z.string(), name: z.string(), jobTitle: z.string().nullable() })),
  unitCount: z.number(),
  staffCount: z.number(),
});

/** The start page; news feed and must-reads join it with the news issue. */
export const homeRouter = router({
  overview: authedProcedure.output(ZHome).query(async ({ ctx }) => {
    const [unit, colleagues, unitCount, staffCount] = await Promise.all([
      ctx.db.orgUnit.findUniqueOrThrow({
        where: { id: ctx.actor.unitId },
        select: { id: true, name: true, nameDsb: true, kind: true, parentId: true },
      }),
      ctx.db.user.findMany({
        where: { unitId: ctx.actor.unitId, deactivatedAt: null, isSystem: false, id: { not: ctx.actor.id } },
        select: { id: true, name: true, jobTitle: true },
        orderBy: { name: "asc" },
        take: 12,
      }),
      ctx.db.orgUnit.count({ where: { dissolvedAt: null } }),
      ctx.db.user.count({ where: { deactivatedAt: null, isSystem: false } }),
    ]);
    const path = await ancestorsOf(ctx.db, unit.parentId);
    return { unit: { ...unit, path }, colleagues, unitCount, staffCount };
  }),
});

async function ancestorsOf(db: Db, parentId: string | null): Promise<{ id: string; name: string }[]> {
  if (!parentId) return [];
  const rows = await db.$queryRaw<{ id: string; name: string; depth: number }[]>`
    WITH RECURSIVE up AS (
      SELECT id, name, parent_id, 0 AS depth FROM org_unit WHERE id = ${parentId}
      UNION ALL
      SELECT u.id, u.name, u.parent_id, up.depth + 1 FROM org_unit u JOIN up ON u.id = up.parent_id
    ) SELECT id, name, depth FROM up ORDER BY depth DESC`;
  return rows.map(({ id, name }) => ({ id, name }));
}
