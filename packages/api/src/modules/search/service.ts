import type { Db } from "@kreisnetz/db/client";
import { parseDocumentId } from "@kreisnetz/search/documents";
import type { TSearchEngine, TSearchHit } from "@kreisnetz/search/engine";
import { buildFilter, type TReader } from "@kreisnetz/search/permissions";
import { FACETS } from "@kreisnetz/search/settings";
import type { TSearchInput, TSuggestInput } from "@kreisnetz/shared/schemas/search";
import type { TActor, TContext } from "../../context.ts";
import { ancestorLinks } from "../org-units/repo.ts";
import { SEARCH_SOURCES, type TSearchSource } from "./sources/index.ts";

export type Ctx = TContext & { actor: TActor };

/**
 * The reader's facts for the Meilisearch filter, loaded with the same rules the
 * modules use: project membership (any role reads, projects/policy.ts) and the
 * unit with its ancestors (audiences address a unit and everything below it).
 */
export async function loadReader(db: Db, actor: Pick<TActor, "id" | "unitId">): Promise<TReader> {
  const [units, memberships] = await Promise.all([
    ancestorLinks(db, actor.unitId),
    db.projectMember.findMany({ where: { userId: actor.id }, select: { projectId: true } }),
  ]);
  return { userId: actor.id, unitIds: [...units.keys()], projectIds: memberships.map((m) => m.projectId) };
}

/**
 * Drops hits the reader may not read according to PostgreSQL right now (the index
 * can lag behind a visibility change by a second). Unknown types are dropped too.
 */
export async function recheck(
  db: Db,
  actorId: string,
  hits: readonly TSearchHit[],
  sources: readonly TSearchSource[] = SEARCH_SOURCES,
): Promise<TSearchHit[]> {
  const byType = new Map<string, string[]>();
  for (const hit of hits)
    byType.set(hit.document.type, [...(byType.get(hit.document.type) ?? []), hit.document.objectId]);
  const allowed = new Set<string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const source = sources.find((s) => s.type === type);
      if (!source) return;
      for (const id of await source.readable(db, { userId: actorId }, ids)) allowed.add(`${type}:${id}`);
    }),
  );
  return hits.filter((h) => allowed.has(`${h.document.type}:${h.document.objectId}`));
}

function engineOf(ctx: Ctx): TSearchEngine | null {
  return ctx.search ?? null;
}

export type TSearchResultDto = Awaited<ReturnType<typeof search>>;

const EMPTY = { hits: [], total: 0, facets: {}, didYouMean: null, unavailable: false, tookMs: 0 };

/**
 * One search over everything. Meilisearch filters by the reader's permissions
 * (so facet counts and totals never include what the reader may not see), then
 * PostgreSQL re-checks the page of hits. Nothing found: "meinten Sie ..." from
 * a looser query (fewest words that still match, title of the best hit).
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
      const suggestion = (await engine.suggest(input.q, buildFilter(reader), 1))[0];
      if (suggestion && suggestion.title.toLowerCase() !== input.q.toLowerCase()) didYouMean = suggestion.title;
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
    const byType = new Map<string, string[]>();
    for (const s of suggestions) {
      const { objectId } = parseDocumentId(s.id);
      byType.set(s.type, [...(byType.get(s.type) ?? []), objectId]);
    }
    const allowed = new Set<string>();
    for (const [type, ids] of byType) {
      const source = SEARCH_SOURCES.find((x) => x.type === type);
      if (source)
        for (const id of await source.readable(ctx.db, { userId: ctx.actor.id }, ids)) allowed.add(`${type}_${id}`);
    }
    return suggestions.filter((s) => allowed.has(s.id));
  } catch {
    return [];
  }
}
