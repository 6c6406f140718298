import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot, webBuildDir } from "./server.ts";

/** Where the figures come from: they are only comparable on the same machine and commit. */
export function environmentInfo(): Record<string, string | number | boolean | null> {
  const cpus = os.cpus();
  const status = git(["status", "--porcelain"]);
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model ?? null,
    cpuCount: cpus.length,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage1m: Number(os.loadavg()[0]?.toFixed(2) ?? 0),
    gitCommit: git(["rev-parse", "--short", "HEAD"]),
    gitDirty: status === null ? null : status !== "",
    /** The measured Remix bundle is whatever was built last; compare with the commit. */
    webBuildTime: buildTime(),
  };
}

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function buildTime(): string | null {
  try {
    return statSync(path.join(webBuildDir, "server", "index.js")).mtime.toISOString();
  } catch {
    return null;
  }
}
