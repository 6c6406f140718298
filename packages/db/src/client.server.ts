import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export { Prisma } from "./generated/prisma/client.ts";
export type Db = PrismaClient;
/** The client handed to a `db.$transaction(async (tx) => ...)` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** Either the client or a transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

export type CreateDbOptions = {
  /** Pool size; PostgreSQL's default of 100 connections is shared by all instances. */
  max?: number;
};

/** A Prisma client on the pg driver adapter (no native engine, STACK.md). */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { kreisnetzDb?: { url: string; db: Db } };

/**
 * The process-wide client. Kept on globalThis so that dev-mode hot reloads of the
 * server code do not open a new pool each time.
 */
export function getDb(url: string): Db {
  const existing = globalForDb.kreisnetzDb;
  if (existing && existing.url === url) return existing.db;
  const db = createDb(url);
  globalForDb.kreisnetzDb = { url, db };
  return db;
}
