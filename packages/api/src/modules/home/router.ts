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

/**
 * The start page; news feed and must-reads join it with the news issue.
 *
 * It is the most requested page, so it costs three statements, all in parallel
 * (bench/ `start-page`): every Prisma query also costs a query-plan compilation in
 * the Node process, and the unit used to be fetched before its ancestors. Now the
 * unit and its ancestors come from one recursive query and both counts from another.
 */
export const homeRouter = router({
  overview: authedProcedure.output(ZHome).query(async ({ ctx }) => {
    const [chain, colleagues, counts] = await Promise.all([
      unitWithAncestors(ctx.db, ctx.actor.unitId),
      ctx.db.user.findMany({
        where: { unitId: ctx.actor.unitId, deactivatedAt: null, isSystem: false, id: { not: ctx.actor.id } },
        select: { id: true, name: true, jobTitle: true },
        orderBy: { name: "asc" },
        take: 12,
      }),
      ctx.db.$queryRaw<{ unitCount: number; staffCount: number }[]>`
        SELECT (SELECT count(*) FROM org_unit WHERE dissolved_at IS NULL)::int AS "unitCount",
               (SELECT count(*) FROM app_user WHERE deactivated_at IS NULL AND NOT is_system)::int AS "staffCount"`,
    ]);
    const [unit, ...ancestors] = chain;
    if (!unit) throw new Error(`Unit ${ctx.actor.unitId} of the logged-in person does not exist`);
    const path = ancestors.reverse().map(({ id, name }) => ({ id, name }));
    const { unitCount, staffCount } = counts[0] ?? { unitCount: 0, staffCount: 0 };
    return { unit: { ...unit, path }, colleagues, unitCount, staffCount };
  }),
});

type TUnitRow = { id: string; name: string; nameDsb: string | null; kind: string };

/** The unit first, then its parent, grandparent, … up to the root. */
async function unitWithAncestors(db: Db, unitId: string): Promise<TUnitRow[]> {
  return db.$queryRaw<TUnitRow[]>`
    WITH RECURSIVE up AS (
      SELECT id, name, name_dsb, kind::text AS kind, parent_id, 0 AS depth FROM org_unit WHERE id = ${unitId}
      UNION ALL
      SELECT u.id, u.name, u.name_dsb, u.kind::text, u.parent_id, up.depth + 1 FROM org_unit u JOIN up ON u.id = up.parent_id
    ) SELECT id, name, name_dsb AS "nameDsb", kind FROM up ORDER BY depth`;
}
