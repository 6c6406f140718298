import type { Db } from "@kreisnetz/db/client";
import { ensureScopedKeys, MeiliSearchEngine } from "@kreisnetz/search/meilisearch";
import type { EventLog } from "../../events/event-log.ts";
import { createSearchIndexer, runIndexJobs } from "./indexer.ts";
import { checkDrift, reindexAll } from "./reindex.ts";
import { loadReader } from "./service.ts";
import { SEARCH_SOURCES } from "./sources/index.ts";

export type TSearchConfig = {
  host: string;
  /** Index-name prefix ("kn_"): several installations or tests can share one server. */
  prefix: string;
  /** With the master key, scoped keys are created (idempotently) at start ... */
  masterKey?: string;
  /** ... or they are given directly (production with keys made by an operator). */
  searchKey?: string;
  indexKey?: string;
};

/** The engine with scoped keys; the master key is used once here and then dropped. */
export async function createSearchEngine(config: TSearchConfig): Promise<MeiliSearchEngine> {
  let keys: { searchKey: string; indexKey: string };
  if (config.searchKey && config.indexKey) keys = { searchKey: config.searchKey, indexKey: config.indexKey };
  else if (config.masterKey) keys = await ensureScopedKeys(config.host, config.masterKey, config.prefix);
  else throw new Error("Meilisearch: set MEILI_MASTER_KEY or both MEILI_SEARCH_KEY and MEILI_INDEX_KEY");
  const engine = new MeiliSearchEngine({ host: config.host, prefix: config.prefix, ...keys });
  await engine.ensureIndex();
  return engine;
}

/** Registers the indexer on the event log (before the first write of this process). */
export function registerSearchIndexer(events: EventLog, db: Db, engine: MeiliSearchEngine): void {
  events.register(createSearchIndexer(db, engine, SEARCH_SOURCES));
}

/**
 * At start: an empty index (new installation, fresh demo data) is built in full;
 * otherwise differences from PostgreSQL (rows written while no indexer ran, e.g.
 * by a seed) are repaired. Runs in the background; errors are only logged.
 */
export async function syncIndexAtStart(db: Db, engine: MeiliSearchEngine, log: (line: string) => void): Promise<void> {
  const stats = await engine.stats();
  if (stats.documents === 0) {
    const result = await reindexAll(db, engine, SEARCH_SOURCES);
    log(`Suchindex aufgebaut: ${result.documents} Dokumente.`);
    return;
  }
  const drift = await checkDrift(db, engine, SEARCH_SOURCES);
  if (drift.missing.length === 0 && drift.extra.length === 0) return;
  const jobs = [...drift.missing, ...drift.extra].map((id) => {
    const at = id.indexOf("_");
    return { type: id.slice(0, at), objectId: id.slice(at + 1) };
  });
  for (let i = 0; i < jobs.length; i += 1000) await runIndexJobs(db, engine, SEARCH_SOURCES, jobs.slice(i, i + 1000));
  log(`Suchindex abgeglichen: ${drift.missing.length} ergänzt, ${drift.extra.length} entfernt.`);
}

/** Maintenance entry points for scripts and the benchmark (same code as the CLI). */
export const searchMaintenance = {
  reindex: (db: Db, engine: MeiliSearchEngine) => reindexAll(db, engine, SEARCH_SOURCES),
  drift: (db: Db, engine: MeiliSearchEngine) => checkDrift(db, engine, SEARCH_SOURCES),
  loadReader,
};
