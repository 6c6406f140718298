import type { TSearchDocument } from "./documents.ts";

/**
 * The engine-neutral search interface. The API depends on this type only;
 * `meilisearch.server.ts` is one implementation (a PostgreSQL or in-memory one
 * could replace it). Permissions are passed as a ready filter (permissions.ts).
 */
export type TSearchSort = "relevance" | "date";

export type TSearchQuery = {
  q: string;
  /** Filter expression from `buildFilter` (always includes the reader's permission filter). */
  filter: string;
  facets?: readonly string[];
  sort?: TSearchSort;
  limit?: number;
  offset?: number;
  /** Matching strategy: "last" drops words from the end when nothing matches all; "all" requires all words. */
  matching?: "last" | "all" | "frequency";
};

export type TSearchHit = {
  document: TSearchDocument;
  /** Title and a body excerpt with matches wrapped in `<mark>`; everything else HTML-escaped. */
  highlight: { title: string; body: string };
};

export type TSearchResult = {
  hits: TSearchHit[];
  /** Estimated total number of hits the reader may see. */
  total: number;
  /** value -> count per requested facet, already restricted by the filter. */
  facets: Record<string, Record<string, number>>;
  tookMs: number;
};

export type TSuggestion = { id: string; type: string; title: string; url: string };

export type TIndexStats = { documents: number; isIndexing: boolean };

export type TSearchEngine = {
  /** Creates the live index if missing and applies the settings (idempotent). */
  ensureIndex(): Promise<void>;
  /** Writes documents; waits until they are searchable unless `wait` is false (bulk rebuilds). */
  upsert(documents: readonly TSearchDocument[], target?: string, options?: { wait?: boolean }): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  search(query: TSearchQuery): Promise<TSearchResult>;
  suggest(q: string, filter: string, limit?: number): Promise<TSuggestion[]>;
  /**
   * "Meinten Sie ...": the query with each word spelled as the typo-tolerant
   * match found it in documents the filter admits (so hidden documents never
   * lend their words); null when there is nothing to correct.
   */
  spellcheck(q: string, filter: string): Promise<string | null>;
  /** A fresh, empty index with the same settings, for a full rebuild; returns its name. */
  createShadowIndex(): Promise<string>;
  /** Atomically exchanges the shadow with the live index, then drops the old one. */
  swapIn(shadow: string): Promise<void>;
  /** Every document id in the live index (drift check). */
  allIds(): Promise<string[]>;
  stats(): Promise<TIndexStats>;
  /** Resolves once the engine has applied every queued write (of `target`, default the live index). */
  flush(target?: string): Promise<void>;
};
