import type { Db } from "@kreisnetz/db/client";
import { documentId, jobKey } from "@kreisnetz/search/documents";
import type { TSearchEngine } from "@kreisnetz/search/engine";
import type { TEventHandler, TStoredEvent } from "../../events/types.ts";
import type { TIndexJob, TSearchSource } from "./sources/index.ts";

export const SEARCH_INDEXER = "search-indexer";

/** Unique jobs keyed `<type>:<id>`: ten events about one task become one index write. */
export function jobsForEvents(sources: readonly TSearchSource[], events: readonly TStoredEvent[]): TIndexJob[] {
  const jobs = new Map<string, TIndexJob>();
  for (const event of events) {
    for (const source of sources) {
      for (const job of source.jobsFor(event)) jobs.set(jobKey(job.type, job.objectId), job);
    }
  }
  return [...jobs.values()];
}

/**
 * Loads the current rows for the jobs and writes them: upsert what exists,
 * delete what is gone or no longer indexable. Idempotent (it writes the present
 * state, never a delta), so a retried or repeated batch does no harm.
 */
export async function runIndexJobs(
  db: Db,
  engine: TSearchEngine,
  sources: readonly TSearchSource[],
  jobs: readonly TIndexJob[],
  target?: string,
): Promise<{ upserted: number; deleted: number }> {
  const byType = new Map<string, Set<string>>();
  const add = (job: TIndexJob) => byType.set(job.type, (byType.get(job.type) ?? new Set()).add(job.objectId));
  for (const job of jobs) add(job);
  // Dependents of the jobs themselves, one level (a unit's projects, not their tasks):
  // taken from a snapshot so the outcome does not depend on the order of the sources.
  const direct = [...byType].map(([type, ids]) => [type, [...ids]] as const);
  for (const [type, ids] of direct) {
    const source = sources.find((s) => s.type === type);
    if (source?.dependents) for (const job of await source.dependents(db, ids)) add(job);
  }
  const upserts = [];
  const deletes: string[] = [];
  for (const [type, ids] of byType) {
    const source = sources.find((s) => s.type === type);
    if (!source) continue;
    const docs = await source.load(db, [...ids]);
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc) upserts.push(doc);
      else deletes.push(documentId(type, id));
    }
  }
  await engine.upsert(upserts, target);
  if (!target) await engine.delete(deletes);
  return { upserted: upserts.length, deleted: deletes.length };
}

/**
 * The outbox consumer that keeps the index current. Errors (Meilisearch down)
 * propagate, so the event log retries the batch with backoff; the write that
 * caused the event has long been committed.
 */
export function createSearchIndexer(db: Db, engine: TSearchEngine, sources: readonly TSearchSource[]): TEventHandler {
  return {
    name: SEARCH_INDEXER,
    matches: (event) => sources.some((s) => s.jobsFor({ ...event, objectId: "", projectId: null }).length > 0),
    async handle(events) {
      await runIndexJobs(db, engine, sources, jobsForEvents(sources, events));
    },
  };
}
