import type { Db } from "@kreisnetz/db/client";
import { documentId } from "@kreisnetz/search/documents";
import type { TSearchEngine } from "@kreisnetz/search/engine";
import type { TStoredEvent } from "../../events/types.ts";
import { jobsForEvents, runIndexJobs } from "./indexer.ts";
import type { TSearchSource } from "./sources/index.ts";

export type TProgress = { type: string; done: number; total: number };

/**
 * Builds a complete new index from PostgreSQL and swaps it in atomically;
 * searches keep answering from the old index meanwhile. Changes made during
 * the build are re-applied from the event log after the swap (catch-up), so
 * nothing written while it ran is lost.
 */
export async function reindexAll(
  db: Db,
  engine: TSearchEngine,
  sources: readonly TSearchSource[],
  onProgress: (p: TProgress) => void = () => undefined,
): Promise<{ documents: number; caughtUp: number }> {
  const since = (await db.activityEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const idsByType = new Map<string, string[]>();
  for (const source of sources) {
    const ids: string[] = [];
    for await (const page of source.allIds(db)) ids.push(...page);
    idsByType.set(source.type, ids);
  }
  const total = [...idsByType.values()].reduce((n, ids) => n + ids.length, 0);
  const shadow = await engine.createShadowIndex();
  let done = 0;
  for (const source of sources) {
    const ids = idsByType.get(source.type) ?? [];
    for (let i = 0; i < ids.length; i += 1000) {
      const docs = await source.load(db, ids.slice(i, i + 1000));
      // Enqueued without waiting: Meilisearch batches them, which is many times faster.
      await engine.upsert([...docs.values()], shadow, { wait: false });
      done += Math.min(1000, ids.length - i);
      onProgress({ type: source.type, done, total });
    }
  }
  await engine.flush(shadow);
  await engine.swapIn(shadow);
  const later = (await db.activityEvent.findMany({ where: { id: { gt: since } } })) as TStoredEvent[];
  const jobs = jobsForEvents(sources, later);
  if (jobs.length > 0) await runIndexJobs(db, engine, sources, jobs);
  return { documents: total, caughtUp: jobs.length };
}

export type TDrift = {
  /** Documents PostgreSQL has that the index lacks. */
  missing: string[];
  /** Documents in the index that PostgreSQL no longer has (or no longer indexes). */
  extra: string[];
  database: number;
  index: number;
};

/** Compares the ids in PostgreSQL with the ids in the live index. */
export async function checkDrift(db: Db, engine: TSearchEngine, sources: readonly TSearchSource[]): Promise<TDrift> {
  const expected = new Set<string>();
  for (const source of sources) {
    for await (const page of source.allIds(db)) for (const id of page) expected.add(documentId(source.type, id));
  }
  const known = new Set(sources.map((s) => s.type));
  const indexed = new Set((await engine.allIds()).filter((id) => known.has(id.slice(0, id.indexOf("_")))));
  return {
    missing: [...expected].filter((id) => !indexed.has(id)),
    extra: [...indexed].filter((id) => !expected.has(id)),
    database: expected.size,
    index: indexed.size,
  };
}
