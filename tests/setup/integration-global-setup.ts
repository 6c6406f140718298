import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareTemplateDatabase } from "@kreisnetz/db/test-db";
import { startEmbeddedMeilisearch } from "@kreisnetz/embedded/meilisearch";
import { startEmbeddedPostgres } from "@kreisnetz/embedded/postgres";
import { getFreePort } from "@kreisnetz/embedded/ports";
import type { TestProject } from "vitest/node";

import type {} from "./provided-context.d.ts";

/**
 * One real PostgreSQL server and one real Meilisearch for the whole integration
 * run, in a temporary directory, with a migrated template database; each test
 * file copies the database and uses its own index-name prefix.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kreisnetz-it-"));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: await getFreePort(),
    database: "postgres",
  });
  const masterKey = randomBytes(24).toString("hex");
  const meiliPort = await getFreePort();
  const meili = await startEmbeddedMeilisearch({ dataDir: path.join(dir, "meili"), port: meiliPort, masterKey });
  await prepareTemplateDatabase(pg.urlFor("postgres"));
  project.provide("pgAdminUrl", pg.urlFor("postgres"));
  project.provide("meiliHost", meili.host);
  project.provide("meiliMasterKey", masterKey);
  return async () => {
    await meili.stop();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
