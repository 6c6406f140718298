import { createHash } from "node:crypto";
import { MeiliSearch, type Index, type SearchParams } from "meilisearch";
import type { TSearchDocument } from "./documents.ts";
import type { TIndexStats, TSearchEngine, TSearchHit, TSearchQuery, TSearchResult, TSuggestion } from "./engine.ts";
import { createMeiliHttpClient } from "./http.server.ts";
import { germanSettings } from "./settings.ts";
import { bestSpelling, correctedQuery, type TMatchAt } from "./spelling.ts";

export type TMeiliOptions = {
  host: string;
  /** A scoped key (see `ensureScopedKeys`), never the master key. */
  searchKey: string;
  indexKey: string;
  /** Index names start with this, so tests and instances can share a server: "kn_", "t_abc_". */
  prefix: string;
  /** Task wait timeout (ms) for writes that must be applied before returning. */
  waitTimeoutMs?: number;
};

/** The document fields a search hit carries (see TSearchHit); the rest stays in the index. */
const RESULT_ATTRIBUTES = [
  "id",
  "type",
  "objectId",
  "title",
  "subtitle",
  "body",
  "url",
  "tags",
  "date",
  "year",
  "unitIds",
] as const;

const PRE = "\u0001";
const POST = "\u0002";

/** Escapes HTML and turns the engine's match markers into <mark>. */
export function markHighlight(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replaceAll(PRE, "<mark>")
    .replaceAll(POST, "</mark>");
}

/** A stable UUID from a name, so keys can be created idempotently with a fixed uid. */
function stableUuid(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type TScopedKeys = { searchKey: string; indexKey: string };

/**
 * Creates (or finds) two keys limited to the prefix's indexes: one that may only
 * search, one that may write documents and settings and swap indexes. Called
 * once at start with the master key; requests never use the master key.
 */
export async function ensureScopedKeys(host: string, masterKey: string, prefix: string): Promise<TScopedKeys> {
  const admin = new MeiliSearch({ host, apiKey: masterKey });
  const indexes = [`${prefix}*`];
  const get = async (name: string, actions: string[]) => {
    const uid = stableUuid(`kreisnetz:${prefix}:${name}`);
    try {
      return (await admin.getKey(uid)).key;
    } catch {
      const created = await admin.createKey({
        uid,
        name: `kreisnetz ${prefix} ${name}`,
        description: `Kreisnetz ${name} key for indexes ${prefix}*`,
        actions,
        indexes,
        expiresAt: null,
      });
      return created.key;
    }
  };
  return {
    searchKey: await get("search", ["search"]),
    indexKey: await get("index", ["search", "documents.*", "indexes.*", "settings.*", "tasks.get", "stats.get"]),
  };
}

/** Meilisearch behind `TSearchEngine`, with German settings on a `<prefix>documents` index. */
export class MeiliSearchEngine implements TSearchEngine {
  readonly live: string;
  private readonly reader: MeiliSearch;
  private readonly writer: MeiliSearch;
  private readonly waitMs: number;

  constructor(private readonly options: TMeiliOptions) {
    this.live = `${options.prefix}documents`;
    this.reader = new MeiliSearch({
      host: options.host,
      apiKey: options.searchKey,
      httpClient: createMeiliHttpClient(5000),
    });
    this.writer = new MeiliSearch({
      host: options.host,
      apiKey: options.indexKey,
      httpClient: createMeiliHttpClient(10_000),
    });
    this.waitMs = options.waitTimeoutMs ?? 60_000;
  }

  private index(name = this.live): Index<TSearchDocument> {
    return this.writer.index<TSearchDocument>(name);
  }

  private async wait(promise: { waitTask(o?: { timeout?: number }): Promise<{ status: string; error?: unknown }> }) {
    const task = await promise.waitTask({ timeout: this.waitMs });
    if (task.status === "failed") throw new Error(`Meilisearch task failed: ${JSON.stringify(task.error)}`);
  }

  private async prepare(name: string): Promise<void> {
    try {
      await this.writer.getRawIndex(name);
    } catch {
      await this.wait(this.writer.createIndex(name, { primaryKey: "id" }));
    }
    await this.wait(this.index(name).updateSettings(germanSettings()));
  }

  async ensureIndex(): Promise<void> {
    await this.prepare(this.live);
  }

  async upsert(documents: readonly TSearchDocument[], target = this.live, options: { wait?: boolean } = {}) {
    if (documents.length === 0) return;
    const task = this.index(target).addDocuments([...documents], { primaryKey: "id" });
    if (options.wait === false) await task;
    else await this.wait(task);
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.wait(this.index().deleteDocuments([...ids]));
  }

  async search(query: TSearchQuery): Promise<TSearchResult> {
    const params: SearchParams = {
      filter: query.filter,
      facets: query.facets ? [...query.facets] : [],
      limit: query.limit ?? 20,
      offset: query.offset ?? 0,
      attributesToHighlight: ["title", "body"],
      attributesToCrop: ["body"],
      cropLength: 30,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      matchingStrategy: query.matching ?? "last",
      // Only what a result shows: not `keywords` (folded copy of the text), not the
      // visibility lists; `_formatted` then carries just these too: a smaller payload.
      attributesToRetrieve: [...RESULT_ATTRIBUTES],
      ...(query.sort === "date" ? { sort: ["date:desc"] } : {}),
    };
    const response = await this.reader.index<TSearchDocument>(this.live).search(query.q, params);
    const hits: TSearchHit[] = response.hits.map((hit) => {
      const formatted = (hit._formatted ?? {}) as Partial<Record<"title" | "body", string>>;
      const { _formatted: _f, ...document } = hit as TSearchDocument & { _formatted?: unknown };
      return {
        document: document as TSearchDocument,
        highlight: {
          title: markHighlight(formatted.title ?? hit.title),
          body: markHighlight(formatted.body ?? (hit.body ?? "").slice(0, 200)),
        },
      };
    });
    return {
      hits,
      total: response.estimatedTotalHits ?? hits.length,
      facets: (response.facetDistribution ?? {}) as Record<string, Record<string, number>>,
      tookMs: response.processingTimeMs,
    };
  }

  async suggest(q: string, filter: string, limit = 8): Promise<TSuggestion[]> {
    const response = await this.reader.index<TSearchDocument>(this.live).search(q, {
      filter,
      limit,
      attributesToRetrieve: ["id", "type", "title", "url"],
      attributesToSearchOn: ["title", "tags", "subtitle", "keywords"],
    });
    return response.hits.map((h) => ({ id: h.id, type: h.type, title: h.title, url: h.url }));
  }

  async spellcheck(q: string, filter: string): Promise<string | null> {
    const words = q.split(/\s+/).filter(Boolean).slice(0, 6);
    const asked = words.filter((w) => w.length >= 4);
    if (asked.length === 0) return null;
    const fields = ["title", "subtitle", "body"] as const;
    const { results } = await this.reader.multiSearch({
      queries: asked.map((w) => ({
        indexUid: this.live,
        q: w,
        filter,
        limit: 10,
        attributesToSearchOn: [...fields],
        attributesToRetrieve: [...fields],
        showMatchesPosition: true,
        matchingStrategy: "all" as const,
      })),
    });
    const spellingOf = new Map<string, string | null>();
    asked.forEach((word, i) => {
      const matches: TMatchAt[] = [];
      for (const hit of results[i]?.hits ?? []) {
        const positions = (hit._matchesPosition ?? {}) as Record<string, { start: number }[]>;
        for (const field of fields) {
          const text = (hit as Record<string, unknown>)[field];
          if (typeof text !== "string") continue;
          for (const at of positions[field] ?? []) {
            matches.push({ text, startByte: at.start, weight: field === "title" ? 2 : 1 });
          }
        }
      }
      spellingOf.set(word, bestSpelling(word, matches));
    });
    return correctedQuery(
      words,
      words.map((w) => spellingOf.get(w) ?? null),
    );
  }

  async createShadowIndex(): Promise<string> {
    const name = `${this.live}_next_${Date.now().toString(36)}`;
    await this.prepare(name);
    return name;
  }

  async swapIn(shadow: string): Promise<void> {
    await this.ensureIndex();
    const expected = (await this.index(shadow).getStats()).numberOfDocuments;
    // A swap task has no index uid, so a key scoped to our indexes cannot read it back.
    // Tasks run in order: waiting for a later task on the live index is a barrier; the
    // document count then proves the swap happened before the old index is dropped.
    await this.writer.swapIndexes([{ indexes: [this.live, shadow], rename: false }]);
    await this.wait(this.index().updateSettings(germanSettings()));
    const now = (await this.index().getStats()).numberOfDocuments;
    const old = (await this.index(shadow).getStats()).numberOfDocuments;
    if (now !== expected && old === expected) throw new Error(`Index swap of ${shadow} did not happen`);
    await this.wait(this.writer.deleteIndex(shadow));
  }

  async allIds(): Promise<string[]> {
    const ids: string[] = [];
    const limit = 1000;
    for (let offset = 0; ; offset += limit) {
      const page = await this.index().getDocuments({ fields: ["id"], limit, offset });
      ids.push(...page.results.map((d) => d.id));
      if (page.results.length < limit) return ids;
    }
  }

  async stats(): Promise<TIndexStats> {
    const s = await this.index().getStats();
    return { documents: s.numberOfDocuments, isIndexing: s.isIndexing };
  }

  async flush(target = this.live): Promise<void> {
    for (;;) {
      const tasks = await this.writer.tasks.getTasks({ indexUids: [target], statuses: ["enqueued", "processing"] });
      if (tasks.results.length === 0) break;
      for (const task of tasks.results) await this.writer.tasks.waitForTask(task.uid, { timeout: 10 * this.waitMs });
    }
    const failed = await this.writer.tasks.getTasks({ indexUids: [target], statuses: ["failed"], limit: 1 });
    if (failed.results.length > 0)
      throw new Error(`Meilisearch task failed: ${JSON.stringify(failed.results[0]?.error)}`);
  }

  /** Drops every index of this prefix (tests, benchmark). */
  async dropAll(): Promise<void> {
    const all = await this.writer.getIndexes({ limit: 1000 });
    for (const index of all.results) {
      if (index.uid.startsWith(this.options.prefix)) await this.wait(this.writer.deleteIndex(index.uid));
    }
  }
}
