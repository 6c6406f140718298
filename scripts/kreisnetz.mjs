#!/usr/bin/env node
/**
 * One entry point for a fresh machine with only Node 20 and npm:
 *   npm start   installs everything, builds, starts PostgreSQL + Meilisearch (embedded) and the app
 *   npm test    installs everything (Chromium too), typecheck, lint, unit + integration + e2e tests
 *   npm run dev hot-reload development server
 *   npm run bench -- <name>   benchmarks (see bench/README.md)
 * No dependencies: this file runs before anything is installed.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PNPM_VERSION = "10.34.8";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const toolsBin = path.join(root, ".tools", "node_modules", ".bin");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", PATH: `${toolsBin}${path.delimiter}${process.env.PATH ?? ""}` };

function step(title) {
  console.log(`\n\u25B6 ${title}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`\n\u2716 ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** pnpm in .tools/ (a pinned version), installed with npm on first use. */
function ensurePnpm() {
  if (existsSync(path.join(toolsBin, "pnpm"))) return;
  step(`pnpm ${PNPM_VERSION} installieren (.tools/)`);
  run("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefix", ".tools", `pnpm@${PNPM_VERSION}`]);
}

function install() {
  ensurePnpm();
  step("Abhängigkeiten installieren (pnpm install)");
  run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"]);
}

/** Playwright drives Debian's Chromium (browsers cannot be downloaded here, STACK.md). */
function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(configured)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium fehlt (${configured}). Bitte installieren: sudo apt-get install -y chromium (oder CHROMIUM_PATH setzen).`);
    process.exit(1);
  }
  step("Chromium installieren (apt-get)");
  run("apt-get", ["update", "-qq"]);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

function build() {
  step("Web-App bauen");
  run("pnpm", ["--filter", "@kreisnetz/web", "build"]);
}

/** Runs the server in the foreground and passes Ctrl-C / SIGTERM on, so it can stop its databases. */
function serve(args) {
  const child = spawn(path.join(root, "apps", "web", "node_modules", ".bin", "tsx"), ["server/main.ts", ...args], {
    cwd: path.join(root, "apps", "web"),
    env,
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

const [command = "start", ...rest] = process.argv.slice(2);
switch (command) {
  case "start":
    install();
    build();
    step("Kreisnetz starten");
    serve([]);
    break;
  case "dev":
    install();
    serve(["--dev"]);
    break;
  case "test": {
    install();
    ensureChromium();
    step("Typprüfung (tsc, alle Pakete)");
    run("pnpm", ["typecheck"]);
    step("Lint (ESLint)");
    run("pnpm", ["lint"]);
    step("Unit- und Integrationstests (Vitest, echtes PostgreSQL)");
    run("pnpm", ["test:unit"]);
    build();
    step("End-to-End-Tests (Playwright, Chromium)");
    run("pnpm", ["test:e2e"]);
    console.log("\n\u2714 Alle Prüfungen bestanden.");
    break;
  }
  case "bench":
    install();
    build();
    run("pnpm", ["--filter", "@kreisnetz/bench", "bench", ...rest]);
    break;
  default:
    console.error(`Unbekannter Befehl: ${command}. Erlaubt: start, dev, test, bench`);
    process.exit(2);
}
