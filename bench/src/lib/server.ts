import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parsePlatformEnv } from "@kreisnetz/config/env";
import { getFreePort } from "@kreisnetz/embedded/ports";
import { createSession, SESSION_COOKIE } from "@kreisnetz/api/session";

/** The demo person whose start page is measured (plain staff role, no TOTP duty). */
export const BENCH_USER = "mitarbeiterin@demo.kreisnetz.de";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const webBuildDir = path.join(repoRoot, "apps", "web", "build");

export type TBenchServer = {
  baseUrl: string;
  /** `Cookie` header value of a complete (second factor done) session of BENCH_USER. */
  cookie: string;
  /** The platform's PostgreSQL (embedded), for benchmarks that prepare rows directly. */
  databaseUrl: string;
  stop(): Promise<void>;
};

export function assertWebBuild(): void {
  if (!existsSync(path.join(webBuildDir, "server", "index.js"))) {
    throw new Error(`No production build in ${webBuildDir}. Build it first: pnpm --filter @kreisnetz/web build`);
  }
}

/**
 * Starts the platform exactly as apps/web/server/main.ts does in production mode
 * (embedded PostgreSQL + Meilisearch under `dataDir`, migrations, demo seed, the
 * Express/Remix/tRPC/Socket.IO server), listening on 127.0.0.1 only, and creates a
 * logged-in session for BENCH_USER.
 */
export async function startBenchServer(dataDir: string, log: (line: string) => void): Promise<TBenchServer> {
  assertWebBuild();
  // React and Remix pick their production code paths from NODE_ENV at import time.
  process.env.NODE_ENV = "production";
  const [{ startPlatform }, { createApp }] = await Promise.all([
    import("../../../apps/web/server/platform.ts"),
    import("../../../apps/web/server/app.ts"),
  ]);

  const env = parsePlatformEnv({
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await getFreePort()),
    EMBEDDED_MEILI_PORT: String(await getFreePort()),
    SEED_DEMO: "true",
    LOG_LEVEL: "warn",
  });
  const platform = await startPlatform(env, log);
  try {
    const { db } = platform.services;
    const user = await db.user.findUniqueOrThrow({ where: { email: BENCH_USER }, select: { id: true } });
    const token = await createSession(db, user.id, { secondFactorOk: true, userAgent: "bench" });

    const { httpServer, sockets } = await createApp({
      services: platform.services,
      mode: { dev: false, buildDir: webBuildDir },
    });
    await new Promise<void>((resolve, reject) => {
      httpServer.once("error", reject);
      httpServer.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = httpServer.address() as AddressInfo;

    return {
      baseUrl: `http://127.0.0.1:${port}`,
      cookie: `${SESSION_COOKIE}=${token}`,
      databaseUrl: platform.databaseUrl,
      stop: async () => {
        await sockets.close();
        httpServer.closeAllConnections();
        await platform.stop();
      },
    };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}
