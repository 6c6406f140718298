import type { MeiliSearchEngine } from "@kreisnetz/search/meilisearch";
import { createTestEngine } from "@kreisnetz/search/testing";
import { afterAll, beforeAll, inject } from "vitest";
import { createSearchIndexer } from "../src/modules/search/indexer.ts";
import { SEARCH_SOURCES } from "../src/modules/search/sources/index.ts";
import type { THarness } from "./harness.ts";

export type TSearchHarness = { engine: MeiliSearchEngine; drain(): Promise<void> };

/**
 * Gives the harness a search engine on the shared test Meilisearch under this
 * file's own index prefix, with the indexer registered on its event log.
 * Call right after `setupHarness()`.
 */
export function attachSearch(h: THarness): TSearchHarness {
  const s = {} as TSearchHarness;
  beforeAll(async () => {
    const engine = await createTestEngine(inject("meiliHost"), inject("meiliMasterKey"));
    h.services.search = engine;
    h.services.events.register(createSearchIndexer(h.services.db, engine, SEARCH_SOURCES));
    Object.assign(s, {
      engine,
      /** Runs the outbox until nothing is due (the indexer waits for Meilisearch's tasks). */
      async drain() {
        await h.services.events.kick();
        while ((await h.services.events.drainOnce()) > 0) {
          // keep going
        }
      },
    });
  });
  afterAll(async () => {
    await s.engine?.dropAll();
  });
  return s;
}
