import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";

/**
 * A port offset (0-99) from the checkout's path, so that two checkouts on one machine
 * (git worktrees) can run their end-to-end suites at the same time.
 */
const checkoutOffset = createHash("sha256").update(path.resolve(import.meta.dirname, "../..")).digest().readUInt16BE(0) % 100;

/**
 * Where the end-to-end server runs. Unusual default ports, so that a developer's own
 * `npm start` (3000, 54329, 7701) can keep running; each can be overridden.
 */
const port = Number(process.env.E2E_PORT ?? 3310 + checkoutOffset);
const pgPort = Number(process.env.E2E_PG_PORT ?? 54340 + checkoutOffset);
const meiliPort = Number(process.env.E2E_MEILI_PORT ?? 7710 + checkoutOffset);

export const e2e = {
  port,
  pgPort,
  meiliPort,
  baseUrl: `http://127.0.0.1:${port}`,
  /** Thrown away at the start of every run (playwright.config.ts). */
  dataDir: process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `kreisnetz-e2e-${port}`),
  /** Fixed, so fixtures can encrypt TOTP secrets exactly as the server does. Test-only value. */
  sessionSecret: "e2e-only-session-secret-never-use-in-production",
  /** The embedded server's credentials (packages/embedded/src/postgres.server.ts). */
  databaseUrl: `postgresql://kreisnetz:kreisnetz@127.0.0.1:${pgPort}/kreisnetz`,
} as const;
