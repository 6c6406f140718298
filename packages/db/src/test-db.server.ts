import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "./client.server.ts";
import { migrateDatabase } from "./migrate.server.ts";

export const TEMPLATE_DATABASE = "kreisnetz_template";

/** Run once per test run (vitest globalSetup): migrates the template database. */
export async function prepareTemplateDatabase(adminUrl: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  await migrateDatabase(databaseUrl(adminUrl, TEMPLATE_DATABASE));
}

export type TestDatabase = { db: Db; url: string; drop(): Promise<void> };

/**
 * A fresh, migrated database for one test file, copied from the template
 * (CREATE DATABASE ... TEMPLATE takes well under a second).
 */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = databaseUrl(adminUrl, name);
  const db = createDb(url, { max: 5 });
  return {
    db,
    url,
    drop: async () => {
      await db.$disconnect();
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
