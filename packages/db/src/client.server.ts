import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { CopyOut } from "./copy-out.server.ts";
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

/**
 * Reads the result of one read-only statement in PostgreSQL's binary COPY format (docs: "COPY",
 * "Binary Format"), handing the bytes to `onData` as they come off the socket: a chunk may end
 * inside a row, and `onData` runs while PostgreSQL is still scanning, so reading and scanning
 * overlap, and no per-row JavaScript value is made (`CopyOut`). For scans of a million rows (the
 * cooperation index), where building row objects costs more than the statement.
 *
 * COPY binds no parameters: `statement` is a complete SELECT built from constants and
 * `timestampLiteral` values only, never from user input. Answers false, without reading, inside
 * a transaction or for a client not made by createDb (the caller reads with `readRows` then).
 * An error thrown by `onData` fails the call once the copy has been read to its end.
 */
export async function copyBinary(db: DbOrTx, statement: string, onData: (bytes: Buffer) => void): Promise<boolean> {
  const pool = pools.get(db);
  if (!pool || pool.ending || pool.ended) return false;
  const client = await pool.connect();
  try {
    await client.query(new CopyOut(`COPY (${statement}) TO STDOUT (FORMAT binary)`, onData)).done;
  } catch (error) {
    client.release(true);
    throw error;
  }
  client.release();
  return true;
}

/** A timestamp as an SQL literal for `copyBinary` (ISO 8601 UTC from the Date itself, checked). */
export function timestampLiteral(d: Date): string {
  const iso = d.toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) throw new RangeError(`not a plain timestamp: ${iso}`);
  return `'${iso}'::timestamptz`;
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
