import { Prisma, readRows } from "@kreisnetz/db/client";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import { ZFeed } from "../news/router.ts";
import * as news from "../news/service.ts";

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

type TUnitRow = { id: string; name: string; nameDsb: string | null; kind: string };

type TOverviewRow = {
  /** The unit first, then its parent, grandparent, … up to the root; null if the unit does not exist. */
  chain: TUnitRow[] | null;
  colleagues: { id: string; name: string; jobTitle: string | null }[];
  unitCount: number;
  staffCount: number;
};

/**
 * The start page; news feed and must-reads join it with the news issue.
 *
 * It is the most requested page (bench/ `start-page`), so all of it is one statement
 * on the pg pool (readRows): one round trip instead of three, and no Prisma query-plan
 * compilation, which cost more CPU than the queries themselves (the colleagues'
 * `findMany` alone ≈ 0.7 ms per call against ≈ 0.1 ms as SQL).
 */
export const homeRouter = router({
  /** The news part of the start page: personal feed, open must-reads, latest success stories (one statement). */
  news: authedProcedure.output(ZFeed).query(({ ctx }) => news.feed(ctx)),
  overview: authedProcedure.output(ZHome).query(async ({ ctx }) => {
    const { unitId, id: actorId } = ctx.actor;
    const [row] = await readRows<TOverviewRow>(
      ctx.db,
      Prisma.sql`
        WITH RECURSIVE up AS (
          SELECT id, name, name_dsb, kind::text AS kind, parent_id, 0 AS depth FROM org_unit WHERE id = ${unitId}
          UNION ALL
          SELECT u.id, u.name, u.name_dsb, u.kind::text, u.parent_id, up.depth + 1
            FROM org_unit u JOIN up ON u.id = up.parent_id
           WHERE up.depth < 64
        ), colleague AS (
          SELECT id, name, job_title FROM app_user
           WHERE unit_id = ${unitId} AND deactivated_at IS NULL AND NOT is_system AND id <> ${actorId}
           ORDER BY name, id
           LIMIT 12
        )
        SELECT
          (SELECT json_agg(json_build_object('id', id, 'name', name, 'nameDsb', name_dsb, 'kind', kind) ORDER BY depth)
             FROM up) AS chain,
          (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'jobTitle', job_title) ORDER BY name, id), '[]')
             FROM colleague) AS colleagues,
          (SELECT count(*) FROM org_unit WHERE dissolved_at IS NULL)::int AS "unitCount",
          (SELECT count(*) FROM app_user WHERE deactivated_at IS NULL AND NOT is_system)::int AS "staffCount"`,
    );
    const [unit, ...ancestors] = row?.chain ?? [];
    if (!row || !unit) throw new Error(`Unit ${unitId} of the logged-in person does not exist`);
    const path = ancestors.reverse().map(({ id, name }) => ({ id, name }));
    return {
      unit: { ...unit, path },
      colleagues: row.colleagues,
      unitCount: row.unitCount,
      staffCount: row.staffCount,
    };
  }),
});
