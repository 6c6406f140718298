import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedMeilisearch, type EmbeddedMeiliHandle } from "@kreisnetz/embedded/meilisearch";
import { getFreePort } from "@kreisnetz/embedded/ports";
import { createTestEngine } from "@kreisnetz/search/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, projectCast } from "../../../test/projects.ts";
import { createSearchIndexer, SEARCH_INDEXER } from "./indexer.ts";
import { SEARCH_SOURCES } from "./sources/index.ts";

// This file stops its search server, so it runs its own Meilisearch, not the shared one.
const h = setupHarness();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kreisnetz-outage-"));
const masterKey = "outage-test-master-key-0123456789";
let port: number;
let meili: EmbeddedMeiliHandle;

const start = () => startEmbeddedMeilisearch({ dataDir: dir, port, masterKey });

beforeAll(async () => {
  port = await getFreePort();
  meili = await start();
  const engine = await createTestEngine(meili.host, masterKey);
  h.services.search = engine;
  h.services.events.register(createSearchIndexer(h.services.db, engine, SEARCH_SOURCES));
});
afterAll(async () => {
  await meili?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("keeps writing while Meilisearch is down and indexes the backlog when it is back", async () => {
  const cast = await projectCast(h);
  const project = await castProject(h, cast);
  const member = await cast.as(cast.member);
  await meili.stop();

  const ids: string[] = [];
  for (let i = 1; i <= 100; i++) {
    const task = await member.tasks.create({ projectId: project.id, title: `Ausfallaufgabe Nummer ${i}` });
    ids.push(task.id);
  }
  await h.services.events.kick();
  const failed = await h.services.db.eventDelivery.count({
    where: { handler: SEARCH_INDEXER, status: "PENDING", attempts: { gt: 0 }, lastError: { not: null } },
  });
  expect(failed).toBeGreaterThan(0);

  meili = await start();
  const deadline = Date.now() + 60_000;
  let found = 0;
  let pending = -1;
  // A batch can fail after Meilisearch took its documents (it was still starting): its deliveries
  // wait for their retry, so the loop waits for both the hits and the backlog.
  while (Date.now() < deadline) {
    await h.services.events.kick();
    const result = await member.search.query({ q: "Ausfallaufgabe", types: ["task"], pageSize: 1 });
    found = result.total;
    pending = await h.services.db.eventDelivery.count({
      where: { handler: SEARCH_INDEXER, status: { not: "DONE" } },
    });
    if (found === 100 && pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(found).toBe(100);
  expect(pending).toBe(0);
  const page = await member.search.query({ q: "Ausfallaufgabe Nummer 77", types: ["task"] });
  expect(page.hits[0]?.id).toBe(`task_${ids[76]}`);
}, 120_000);
