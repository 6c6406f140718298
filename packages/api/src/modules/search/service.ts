import { Prisma, type Db, type DbOrTx } from "@kreisnetz/db/client";
import { parseDocumentId } from "@kreisnetz/search/documents";
import type { TSearchEngine, TSearchHit } from "@kreisnetz/search/engine";
import { buildFilter, type TReader } from "@kreisnetz/search/permissions";
import { FACETS } from "@kreisnetz/search/settings";
import type { TSearchInput, TSuggestInput } from "@kreisnetz/shared/schemas/search";
import type { TActor, TContext } from "../../context.ts";
import { SEARCH_SOURCES, type TSearchSource } from "./sources/index.ts";

export type Ctx = TContext & { actor: TActor };

/**
 * The reader's facts for the Meilisearch filter, loaded with the same rules the
 * modules use: project membership (any role reads, projects/policy.ts) and the
 * unit with its ancestors (audiences address a unit and everything below it).
 * One statement: it runs before every search and every suggestion.
 */
export async function loadReader(db: DbOrTx, actor: Pick<TActor, "id" | "unitId">): Promise<TReader> {
  const [row] = await db.$queryRaw<{ unitIds: string[] | null; projectIds: string[] | null }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, ARRAY[id] AS seen FROM org_unit WHERE id = ${actor.unitId}
      UNION ALL
      SELECT u.id, u.parent_id, up.seen || u.id
      FROM org_unit u JOIN up ON u.id = up.parent_id
      WHERE NOT u.id = ANY(up.seen)
    )
    SELECT (SELECT array_agg(id) FROM up) AS "unitIds",
           (SELECT array_agg(project_id) FROM project_member WHERE user_id = ${actor.id}) AS "projectIds"`;
  return { userId: actor.id, unitIds: row?.unitIds ?? [], projectIds: row?.projectIds ?? [] };
}

/**
 * Of these (type, objectId) pairs, the keys `<type>:<id>` the reader may read
 * according to PostgreSQL right now (the index can lag behind a visibility
 * change by a second). Sources with a `recheck` are asked together in ONE
 * statement (a UNION ALL of their parts), the others through `readable`, in
 * parallel. Unknown types are never allowed.
 */
export async function readableKeys(
  db: DbOrTx,
  actorId: string,
  items: readonly { type: string; objectId: string }[],
  sources: readonly TSearchSource[] = SEARCH_SOURCES,
): Promise<Set<string>> {
  const byType = new Map<string, string[]>();
  for (const item of items) byType.set(item.type, [...(byType.get(item.type) ?? []), item.objectId]);
  const reader = { userId: actorId };
  const allowed = new Set<string>();
  const combined: { type: string; sql: Prisma.Sql }[] = [];
  const separate: Promise<void>[] = [];
  for (const [type, ids] of byType) {
    const source = sources.find((s) => s.type === type);
    if (!source) continue;
    if (source.recheck) combined.push({ type, sql: source.recheck.select(reader, ids) });
    else
      separate.push(
        source.readable(db as Db, reader, ids).then((ok) => {
          for (const id of ok) allowed.add(`${type}:${id}`);
        }),
      );
  }
  if (combined.length > 0) {
    const union = Prisma.join(
      combined.map((c) => Prisma.sql`SELECT ${c.type}::text AS type, s.id, s.facts FROM (${c.sql}) s`),
      " UNION ALL ",
    );
    const rows = await db.$queryRaw<{ type: string; id: string; facts: Record<string, unknown> }[]>(union);
    for (const row of rows) {
      if (sources.find((s) => s.type === row.type)?.recheck?.allow(row.facts)) allowed.add(`${row.type}:${row.id}`);
    }
  }
  await Promise.all(separate);
  return allowed;
}

/** Drops hits the reader may not read according to PostgreSQL right now. */
export async function recheck(
  db: DbOrTx,
  actorId: string,
  hits: readonly TSearchHit[],
  sources: readonly TSearchSource[] = SEARCH_SOURCES,
): Promise<TSearchHit[]> {
  const allowed = await readableKeys(
    db,
    actorId,
    hits.map((h) => h.document),
    sources,
  );
  return hits.filter((h) => allowed.has(`${h.document.type}:${h.document.objectId}`));
}

function engineOf(ctx: Ctx): TSearchEngine | null {
  return ctx.search ?? null;
}

export type TSearchResultDto = Awaited<ReturnType<typeof search>>;

const EMPTY = { hits: [], total: 0, facets: {}, didYouMean: null, unavailable: false, tookMs: 0 };

/**
 * "Meinten Sie ...": the query as Meilisearch's typo tolerance spelled its words
 * in documents the reader may see, if that finds something; otherwise the title
 * of the best suggestion (as before a spelling was available).
 */
async function spelling(engine: TSearchEngine, q: string, filter: string): Promise<string | null> {
  const corrected = await engine.spellcheck(q, filter);
  if (corrected) {
    const check = await engine.search({ q: corrected, filter, limit: 1, matching: "all" });
    if (check.hits.length > 0) return corrected;
  }
  const suggestion = (await engine.suggest(q, filter, 1))[0];
  return suggestion && suggestion.title.toLowerCase() !== q.toLowerCase() ? suggestion.title : null;
}

/**
 * One search over everything. Meilisearch filters by the reader's permissions
 * (so facet counts and totals never include what the reader may not see), then
 * PostgreSQL re-checks the page of hits. Nothing found: the hits of a looser
 * query (fewest words that still match) and a "meinten Sie ..." (spelling()).
 */
export async function search(ctx: Ctx, input: TSearchInput) {
  const engine = engineOf(ctx);
  if (!engine) return { ...EMPTY, unavailable: true };
  const reader = await loadReader(ctx.db, ctx.actor);
  const filter = buildFilter(reader, {
    types: input.types,
    unitIds: input.unitIds,
    tags: input.tags,
    years: input.years,
  });
  try {
    const result = await engine.search({
      q: input.q,
      filter,
      facets: FACETS,
      sort: input.sort,
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
      matching: "all",
    });
    let hits = result.hits;
    let total = result.total;
    let facets = result.facets;
    let didYouMean: string | null = null;
    if (hits.length === 0 && input.q !== "" && input.page === 1) {
      const loose = await engine.search({
        q: input.q,
        filter,
        facets: FACETS,
        limit: input.pageSize,
        matching: "last",
      });
      if (loose.hits.length > 0) {
        hits = loose.hits;
        total = loose.total;
        facets = loose.facets;
      }
      didYouMean = await spelling(engine, input.q, buildFilter(reader));
    }
    const checked = await recheck(ctx.db, ctx.actor.id, hits);
    return {
      hits: checked.map((h) => ({
        id: h.document.id,
        type: h.document.type,
        title: h.document.title,
        titleHtml: h.highlight.title,
        snippetHtml: h.highlight.body,
        subtitle: h.document.subtitle,
        url: h.document.url,
        tags: h.document.tags,
        date: new Date(h.document.date * 1000),
      })),
      total: Math.max(total - (hits.length - checked.length), checked.length),
      facets: facets as Record<string, Record<string, number>>,
      didYouMean,
      unavailable: false,
      tookMs: result.tookMs,
    };
  } catch {
    return { ...EMPTY, unavailable: true };
  }
}

/** Suggestions while typing: titles only, same filter and the same re-check as results. */
export async function suggest(ctx: Ctx, input: TSuggestInput) {
  const engine = engineOf(ctx);
  if (!engine) return [];
  const reader = await loadReader(ctx.db, ctx.actor);
  try {
    const suggestions = await engine.suggest(input.q, buildFilter(reader), 8);
    const allowed = await readableKeys(
      ctx.db,
      ctx.actor.id,
      suggestions.map((x) => ({ type: x.type, objectId: parseDocumentId(x.id).objectId })),
    );
    return suggestions.filter((x) => allowed.has(`${x.type}:${parseDocumentId(x.id).objectId}`));
  } catch {
    return [];
  }
}
