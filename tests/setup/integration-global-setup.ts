import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareTemplateDatabase } from "@kreisnetz/db/test-db";
import { startEmbeddedPostgres } from "@kreisnetz/embedded/postgres";
import { getFreePort } from "@kreisnetz/embedded/ports";
import type { TestProject } from "vitest/node";

import type {} from "./provided-context.d.ts";

/**
 * One real PostgreSQL server for the whole integration run, in a temporary
 * directory, with a migrated template database; each test file copies it.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kreisnetz-it-"));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: await getFreePort(),
    database: "postgres",
  });
  await prepareTemplateDatabase(pg.urlFor("postgres"));
  project.provide("pgAdminUrl", pg.urlFor("postgres"));
  return async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
