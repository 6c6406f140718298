import { BenchBrokenError, type TBenchmark, type TBenchOptions, type TBenchReport, type TTarget } from "./lib/types.ts";
import { runLoad, type TLoadResult } from "./lib/load.ts";
import { BENCH_USER } from "./lib/server.ts";
import { startTarget } from "./lib/target.ts";
import { environmentInfo } from "./lib/environment.ts";

/** Targets of the issue, checked informationally. */
const MIN_THROUGHPUT_RATIO = 0.5;
const MAX_START_PAGE_P95_MS = 150;

/** Marker that only the rendered start page contains (locale-independent). */
const START_PAGE_MARKER = 'id="unit-heading"';

/**
 * Throughput and latency of the logged-in start page (`/`: session lookup,
 * `home.overview` tRPC procedure, Remix SSR) against `/healthz` (same server and
 * middleware stack, no session, no rendering) at the same concurrency.
 */
export const startPage: TBenchmark = {
  name: "start-page",
  description: "Logged-in start page `/` vs. minimal route `/healthz` (rps, p50/p95/p99, ratio)",
  async run(options, log) {
    const startedAt = new Date();
    const environment = environmentInfo();
    log(
      `Starting the server (${options.server === "child" ? "child process" : "in-process with the load generator"}) on a fresh data directory …`,
    );
    const target = await startTarget(options.server, log, { cpuProfileDir: options.cpuProfileDir });
    try {
      log(`Server ready: ${target.baseUrl} (data: ${target.dataDir})`);
      const headers = (cookie: boolean): Record<string, string> => ({
        ...(options.gzip ? { "accept-encoding": "gzip" } : {}),
        ...(cookie ? { cookie: target.cookie } : {}),
      });
      const healthUrl = `${target.baseUrl}/healthz`;
      const startUrl = `${target.baseUrl}/`;
      await checkResponse(healthUrl, headers(false), '"status":"ok"');
      await checkResponse(startUrl, headers(true), START_PAGE_MARKER);

      if (options.warmupSeconds > 0) {
        log(`Warm-up: ${options.warmupSeconds} s each on /healthz and / (discarded) …`);
        for (const [url, cookie] of [
          [healthUrl, false],
          [startUrl, true],
        ] as const) {
          const warm = await runLoad({
            url,
            headers: headers(cookie),
            connections: options.connections,
            durationSeconds: options.warmupSeconds,
          });
          assertClean(`warm-up ${url}`, warm);
          await drain(warm);
        }
      }

      const runs: Record<string, TLoadResult> = {};
      for (const [label, url, cookie] of [
        ["/healthz", healthUrl, false],
        ["/ (start page)", startUrl, true],
      ] as const) {
        log(`Measuring ${label}: ${options.connections} connections, ${options.durationSeconds} s …`);
        const result = await runLoad({
          url,
          headers: headers(cookie),
          connections: options.connections,
          durationSeconds: options.durationSeconds,
        });
        assertClean(label, result);
        runs[label] = result;
        await drain(result);
      }

      const health = runs["/healthz"]!;
      const start = runs["/ (start page)"]!;
      const ratio = start.rps / health.rps;
      const targets: TTarget[] = [
        {
          label: "start page rps / healthz rps",
          actual: ratio,
          comparator: ">=",
          threshold: MIN_THROUGHPUT_RATIO,
          unit: "",
          pass: ratio >= MIN_THROUGHPUT_RATIO,
        },
        {
          label: `start page p95 at ${options.connections} connections`,
          actual: start.latencyMs.p95,
          comparator: "<=",
          threshold: MAX_START_PAGE_P95_MS,
          unit: "ms",
          pass: start.latencyMs.p95 <= MAX_START_PAGE_P95_MS,
        },
      ];
      if (options.connections !== 50) {
        targets[1]!.label += " (target is defined for 50)";
      }

      return {
        benchmark: "start-page",
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        environment: { ...environment, serverMode: options.server, benchUser: BENCH_USER },
        options,
        runs,
        figures: { startPageToHealthzRpsRatio: ratio },
        targets,
        notes: notesFor(options, environment),
      } satisfies TBenchReport;
    } finally {
      log("Stopping the server and deleting the data directory …");
      await target.stop();
    }
  },
};

function notesFor(options: TBenchOptions, environment: ReturnType<typeof environmentInfo>): string[] {
  const notes = [
    options.server === "child"
      ? "Server in its own Node process; autocannon, PostgreSQL and Meilisearch share the same machine."
      : "Server in-process: it shares one event loop with autocannon, figures are pessimistic.",
    "Latency percentiles are exact nearest-rank values over all responses (not autocannon's whole-ms histogram).",
  ];
  if (!options.gzip) notes.push("No Accept-Encoding sent: responses are not compressed (browsers would get gzip).");
  const load = Number(environment.loadAverage1m);
  if (load > Number(environment.cpuCount) * 0.5) {
    notes.push(
      `Machine was busy before the run (load average ${load} on ${environment.cpuCount} CPUs): figures are low.`,
    );
  }
  if (options.cpuProfileDir) {
    notes.push(
      `CPU profile of the server process (includes start-up) in ${options.cpuProfileDir}; profiling slows it.`,
    );
  }
  return notes;
}

/** One request before any load: the route must answer 200 with the expected content. */
async function checkResponse(url: string, headers: Record<string, string>, marker: string): Promise<void> {
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) {
    const location = response.headers.get("location");
    throw new BenchBrokenError(
      `${url} answered ${response.status}${location ? ` → ${location}` : ""} instead of 200` +
        (location?.startsWith("/login") ? " (the session cookie was not accepted)" : ""),
    );
  }
  if (!body.includes(marker)) {
    throw new BenchBrokenError(`${url} answered 200 but without "${marker}" – not the expected page`);
  }
}

/** Any non-2xx answer, connection error or timeout invalidates the figures. */
function assertClean(label: string, result: TLoadResult): void {
  const problems: string[] = [];
  if (result.non2xx > 0) problems.push(`${result.non2xx} non-2xx responses ${JSON.stringify(result.statusCodes)}`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors`);
  if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`);
  if (result.requests === 0) problems.push("no responses at all");
  if (problems.length > 0) {
    throw new BenchBrokenError(
      `${label}: ${problems.join(", ")}. ` +
        "Redirects (3xx) on the start page mean the session cookie was not accepted; figures are invalid.",
    );
  }
}

/**
 * autocannon ends a run by destroying its sockets; requests in flight at that moment
 * keep running in the server (they do not notice the closed socket until they answer).
 * Wait until they are done so that they neither overlap the next run nor meet a closed
 * database pool when the server stops: about twice the slowest response seen, 1–10 s.
 */
function drain(previous: TLoadResult): Promise<void> {
  const ms = Math.min(10_000, Math.max(1000, 2 * previous.latencyMs.max));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
