import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma as PrismaNamespace } from "./generated/prisma/client.ts";

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

/** The pg pool under each client made by createDb (Prisma's adapter uses the same pool). */
const pools = new WeakMap<object, pg.Pool>();

/** A Prisma client on the pg driver adapter (no native engine, STACK.md). */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection that breaks (e.g. PostgreSQL restarted) is dropped by the pool
  // and replaced on the next query; without a listener the event would end the process.
  // (The adapter registers the same kind of listener, but only once Prisma connects.)
  pool.on("error", () => {});
  // The adapter ends the pool on `$disconnect()`, as it does with a pool of its own.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const db = new PrismaClient({ adapter });
  pools.set(db, pool);
  return db;
}

/**
 * Reads rows with one parameterised statement (a `Prisma.sql` template, so values
 * are always bound, never spliced into the SQL) directly on the client's pg pool.
 *
 * For the few reads on every request only (session lookup, start page): every
 * Prisma call, `$queryRaw` included, compiles a query plan in WebAssembly and runs
 * it through Prisma's interpreter, which costs 2–5× the CPU of the statement itself
 * in pg (bench/README.md). Same pool, same connections, same transaction-free
 * semantics as `db.$queryRaw`.
 *
 * Result columns must be text, integer (int4), boolean, arrays of these, or json:
 * pg and Prisma map those to the same JavaScript values. Timestamps, bigint and
 * numeric differ between the two (pg: local-time Date, string, string), so cast or
 * compare them in SQL. Inside a transaction, or for a client not made by createDb,
 * it falls back to `$queryRaw` on that client.
 */
export async function readRows<T>(db: DbOrTx, query: PrismaNamespace.Sql): Promise<T[]> {
  const pool = pools.get(db);
  if (!pool || pool.ending || pool.ended) return db.$queryRaw<T[]>(query);
  const result = await pool.query(query.text, query.values);
  return result.rows as T[];
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
