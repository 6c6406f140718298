/**
 * Entry point: `tsx server/main.ts` (production build) or `--dev` (Vite, hot reload).
 * Validates configuration, starts the platform, serves on PORT, and shuts
 * everything down cleanly on Ctrl-C / SIGTERM.
 */
import path from "node:path";
import { parsePlatformEnv } from "@kreisnetz/config/env";
import pg from "pg";
import { createApp } from "./app.ts";
import { printDemoLogins, startPlatform } from "./platform.ts";

const dev = process.argv.includes("--dev");
let env;
try {
  env = parsePlatformEnv({ ...process.env, NODE_ENV: process.env.NODE_ENV ?? (dev ? "development" : "production") });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const platform = await startPlatform(env).catch((error: unknown) => {
  console.error(`Kreisnetz konnte nicht starten: ${(error as Error).message}`);
  process.exit(1);
});

const appDir = path.resolve(import.meta.dirname, "..");
const mode = dev
  ? {
      dev: true as const,
      vite: await (await import("vite")).createServer({ root: appDir, server: { middlewareMode: true } }),
    }
  : { dev: false as const, buildDir: path.join(appDir, "build") };

// Scale-out: a small pool of its own for the Socket.IO adapter (one connection LISTENs).
const socketAdapterPool =
  env.REALTIME_ADAPTER === "postgres" ? new pg.Pool({ connectionString: platform.databaseUrl, max: 3 }) : undefined;
socketAdapterPool?.on("error", (error) => console.error("[socket] adapter pool:", error.message));

const { httpServer, sockets } = await createApp({
  services: platform.services,
  mode,
  publicUrl: env.PUBLIC_URL,
  socketAdapterPool,
});

httpServer.listen(env.PORT, env.HOST, () => {
  const url = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  console.log(`\nKreisnetz läuft auf ${url}${dev ? " (Entwicklungsmodus)" : ""}`);
  if (env.SEED_DEMO) printDemoLogins();
  console.log("Beenden mit Strg+C.\n");
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: Kreisnetz wird beendet …`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await sockets.close();
  httpServer.closeAllConnections();
  await socketAdapterPool?.end();
  if (mode.dev) await mode.vite.close();
  await platform.stop();
  console.log("Beendet.");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
