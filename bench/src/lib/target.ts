import { fork, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertWebBuild, startBenchServer } from "./server.ts";

export type TServerMode = "child" | "in-process";

export type TTarget = {
  mode: TServerMode;
  baseUrl: string;
  cookie: string;
  databaseUrl: string;
  dataDir: string;
  /**
   * CPU time used so far by the server's Node process (user + system, µs), or null
   * when it cannot be told apart from the load generator's (in-process mode).
   */
  cpuUsage(): Promise<NodeJS.CpuUsage | null>;
  /** The server process's memory (child mode; in-process: this process's). */
  memoryUsage(): Promise<NodeJS.MemoryUsage | null>;
  /** Stops the server (and its PostgreSQL/Meilisearch) and deletes the data directory. Idempotent. */
  stop(): Promise<void>;
};

const START_TIMEOUT_MS = 180_000;

/**
 * Starts the Kreisnetz server on a fresh temporary data directory.
 * - "child": a separate Node process (closer to production: the server has its own
 *   event loop; autocannon runs in this process). Default.
 * - "in-process": the server runs in this process and shares the event loop and CPU
 *   with the load generator, which lowers and distorts every figure.
 */
export async function startTarget(
  mode: TServerMode,
  log: (line: string) => void,
  options: { cpuProfileDir?: string | null } = {},
): Promise<TTarget> {
  assertWebBuild();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kreisnetz-bench-"));
  const removeDataDir = async () => {
    await stopLeftoverPostgres(dataDir, log);
    await fs.rm(dataDir, { recursive: true, force: true });
  };

  if (mode === "in-process") {
    try {
      const server = await startBenchServer(dataDir, (line) => log(`[server] ${line}`));
      let stopped = false;
      return {
        mode,
        baseUrl: server.baseUrl,
        cookie: server.cookie,
        databaseUrl: server.databaseUrl,
        dataDir,
        cpuUsage: async () => null,
        memoryUsage: async () => process.memoryUsage(),
        stop: async () => {
          if (stopped) return;
          stopped = true;
          await server.stop().finally(removeDataDir);
        },
      };
    } catch (error) {
      await removeDataDir();
      throw error;
    }
  }

  const entry = fileURLToPath(new URL("./server-child.ts", import.meta.url));
  const child = fork(entry, [dataDir], {
    // The child runs TypeScript through tsx's loader, like `tsx server/main.ts`.
    execArgv: [
      "--import",
      import.meta.resolve("tsx"),
      ...(options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ],
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  pipeLines(child, (line) => log(`[server] ${line}`));

  const stopChild = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: "stop" });
      else child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await removeDataDir();
  };

  try {
    const ready = await new Promise<{ baseUrl: string; cookie: string; databaseUrl: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Server start timed out")), START_TIMEOUT_MS);
      child.on(
        "message",
        (message: { type?: string; baseUrl?: string; cookie?: string; databaseUrl?: string; message?: string }) => {
          if (message.type === "ready" && message.baseUrl && message.cookie && message.databaseUrl) {
            clearTimeout(timer);
            resolve({ baseUrl: message.baseUrl, cookie: message.cookie, databaseUrl: message.databaseUrl });
          } else if (message.type === "failed") {
            clearTimeout(timer);
            reject(new Error(`Server start failed:\n${message.message}`));
          }
        },
      );
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`Server process exited during start (code ${code})`));
      });
    });
    let stopped = false;
    return {
      mode,
      ...ready,
      dataDir,
      cpuUsage: () => childCpuUsage(child),
      memoryUsage: () => childMemoryUsage(child),
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopChild();
      },
    };
  } catch (error) {
    await stopChild();
    throw error;
  }
}

function childCpuUsage(child: ChildProcess): Promise<NodeJS.CpuUsage | null> {
  if (!child.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 5_000);
    const onMessage = (message: { type?: string; usage?: NodeJS.CpuUsage }) => {
      if (message.type === "cpu-usage" && message.usage) done(message.usage);
    };
    const done = (usage: NodeJS.CpuUsage | null) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(usage);
    };
    child.on("message", onMessage);
    child.send({ type: "cpu-usage" });
  });
}

function childMemoryUsage(child: ChildProcess): Promise<NodeJS.MemoryUsage | null> {
  if (!child.connected) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 5_000);
    const onMessage = (message: { type?: string; usage?: NodeJS.MemoryUsage }) => {
      if (message.type === "memory" && message.usage) done(message.usage);
    };
    const done = (usage: NodeJS.MemoryUsage | null) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(usage);
    };
    child.on("message", onMessage);
    child.send({ type: "memory" });
  });
}

function pipeLines(child: ChildProcess, log: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log(line);
    });
    stream?.on("end", () => {
      if (rest.trim()) log(rest);
    });
  }
}

/**
 * Safety net after a crash: if the PostgreSQL started on this run's data directory
 * is still running (postmaster.pid left behind), stop that one process by its pid.
 */
async function stopLeftoverPostgres(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, "SIGTERM");
  log(`PostgreSQL (pid ${pid}) outlived the server process; stopping it …`);
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
