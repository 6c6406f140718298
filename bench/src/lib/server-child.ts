/**
 * Child-process entry of the benchmark server (forked by target.ts with an IPC
 * channel). Argument: the data directory. Messages to the parent:
 * `{ type: "ready", baseUrl, cookie, databaseUrl }` or `{ type: "failed", message }`; it answers
 * `{ type: "cpu-usage" }` with `{ type: "cpu-usage", usage: process.cpuUsage() }` and
 * `{ type: "memory" }` with `{ type: "memory", usage: process.memoryUsage() }`; it
 * stops on `{ type: "stop" }`, on SIGTERM/SIGINT or when the parent goes away.
 */
import { startBenchServer } from "./server.ts";

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error("server-child: needs a data directory argument and an IPC channel");
  process.exit(2);
}
const send = (message: object) => {
  if (process.connected) process.send?.(message);
};

// Started first so that a stop request during start-up still shuts everything down.
const starting = startBenchServer(dataDir, (line) => console.log(line));
let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  try {
    const server = await starting.catch(() => undefined);
    await server?.stop();
  } catch (error) {
    console.error("server-child: stop failed:", error);
    code = 1;
  }
  send({ type: "stopped" });
  process.disconnect?.();
  process.exit(code);
}

process.on("message", (message: { type?: string }) => {
  if (message?.type === "stop") void stop(0);
  // The parent reads the server's own CPU time around each measured run (ms per request).
  if (message?.type === "cpu-usage") send({ type: "cpu-usage", usage: process.cpuUsage() });
  if (message?.type === "memory") send({ type: "memory", usage: process.memoryUsage() });
});
process.on("disconnect", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

try {
  const server = await starting;
  if (!stopping)
    send({ type: "ready", baseUrl: server.baseUrl, cookie: server.cookie, databaseUrl: server.databaseUrl });
} catch (error) {
  send({ type: "failed", message: (error as Error).stack ?? String(error) });
  await stop(1);
}
