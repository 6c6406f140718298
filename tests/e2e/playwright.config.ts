import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { e2e } from "./e2e-env.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const ci = process.env.CI === "true" || process.env.CI === "1";

// Workers load this file too: only the main process starts from an empty data directory.
if (!process.env.KREISNETZ_E2E_MAIN) {
  process.env.KREISNETZ_E2E_MAIN = String(process.pid);
  fs.rmSync(e2e.dataDir, { recursive: true, force: true });
}

/**
 * End-to-end tests against the production build (`pnpm --filter @kreisnetz/web build`
 * first) with embedded PostgreSQL and Meilisearch in a throwaway data directory.
 * Browsers cannot be downloaded here: Debian's Chromium is used (STACK.md).
 */
export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: true,
  forbidOnly: ci,
  workers: 2,
  retries: ci ? 1 : 0,
  reporter: "list",
  // Generous: axe runs on every page, and CI has two cores for server, database and browser.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: e2e.baseUrl,
    locale: "de-DE",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `${path.join(repoRoot, "node_modules", ".bin", "tsx")} apps/web/server/main.ts`,
    cwd: repoRoot,
    url: `${e2e.baseUrl}/healthz`,
    // A fresh data directory per run: never attach to a server with another run's data.
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(e2e.port),
      PUBLIC_URL: e2e.baseUrl,
      DATA_DIR: e2e.dataDir,
      // Empty means "embedded": a DATABASE_URL or MEILI_HOST from the shell must not leak in.
      DATABASE_URL: "",
      MEILI_HOST: "",
      EMBEDDED_PG_PORT: String(e2e.pgPort),
      EMBEDDED_MEILI_PORT: String(e2e.meiliPort),
      SESSION_SECRET: e2e.sessionSecret,
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
    },
  },
});
