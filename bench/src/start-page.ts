import {
  BenchBrokenError,
  type TBenchmark,
  type TBenchOptions,
  type TBenchReport,
  type TRun,
  type TTarget,
} from "./lib/types.ts";
import { runLoad, type TLoadResult } from "./lib/load.ts";
import { BENCH_USER } from "./lib/server.ts";
import { startTarget } from "./lib/target.ts";
import { environmentInfo } from "./lib/environment.ts";

/** Targets of the issue, checked informationally. */
const MIN_THROUGHPUT_RATIO = 0.5;
const MAX_START_PAGE_P95_MS = 150;

type TRoute = {
  label: string;
  path: string;
  /** Send the session cookie of BENCH_USER. */
  cookie: boolean;
  /** Text only the expected response contains (locale-independent). */
  marker: string;
};

/** Measured in this order; the first two are the baselines the start page is compared with. */
const HEALTHZ: TRoute = { label: "/healthz", path: "/healthz", cookie: false, marker: '"status":"ok"' };
const MINIMAL_PAGE: TRoute = {
  label: "/status (minimal page)",
  path: "/status",
  cookie: false,
  marker: 'id="status-heading"',
};
const START_PAGE: TRoute = { label: "/ (start page)", path: "/", cookie: true, marker: 'id="unit-heading"' };
const ROUTES = [HEALTHZ, MINIMAL_PAGE, START_PAGE];

/**
 * Throughput and latency of the logged-in start page (`/`: session lookup,
 * `home.overview` tRPC procedure, Remix SSR) against two baselines of the same server
 * at the same concurrency: `/healthz` (Express only: same middleware stack, no
 * session, no rendering) and `/status` (the smallest Remix page: root loader, root
 * layout and React SSR, but no session and no database).
 */
export const startPage: TBenchmark = {
  name: "start-page",
  description: "Logged-in start page `/` vs. `/healthz` and the minimal page `/status` (rps, CPU/req, p95, ratios)",
  async run(options, log) {
    const startedAt = new Date();
    const environment = environmentInfo();
    log(
      `Starting the server (${options.server === "child" ? "child process" : "in-process with the load generator"}) on a fresh data directory …`,
    );
    const target = await startTarget(options.server, log, { cpuProfileDir: options.cpuProfileDir });
    try {
      log(`Server ready: ${target.baseUrl} (data: ${target.dataDir})`);
      const headers = (route: TRoute): Record<string, string> => ({
        ...(options.gzip ? { "accept-encoding": "gzip" } : {}),
        ...(route.cookie ? { cookie: target.cookie } : {}),
      });
      const load = (route: TRoute, durationSeconds: number) =>
        runLoad({
          url: `${target.baseUrl}${route.path}`,
          headers: headers(route),
          connections: options.connections,
          durationSeconds,
        });
      for (const route of ROUTES) await checkResponse(`${target.baseUrl}${route.path}`, headers(route), route.marker);

      if (options.warmupSeconds > 0) {
        log(`Warm-up: ${options.warmupSeconds} s each on ${ROUTES.map((r) => r.path).join(", ")} (discarded) …`);
        for (const route of ROUTES) {
          const warm = await load(route, options.warmupSeconds);
          assertClean(`warm-up ${route.path}`, warm);
          await drain(warm);
        }
      }

      const runs: Record<string, TRun> = {};
      for (const route of ROUTES) {
        log(`Measuring ${route.label}: ${options.connections} connections, ${options.durationSeconds} s …`);
        const cpuBefore = await target.cpuUsage();
        const result = await load(route, options.durationSeconds);
        const cpuAfter = await target.cpuUsage();
        assertClean(route.label, result);
        runs[route.label] = { ...result, serverCpuMsPerRequest: cpuMsPerRequest(cpuBefore, cpuAfter, result) };
        await drain(result);
      }

      const health = runs[HEALTHZ.label]!;
      const minimal = runs[MINIMAL_PAGE.label]!;
      const start = runs[START_PAGE.label]!;
      const toHealthz = start.rps / health.rps;
      const toMinimal = start.rps / minimal.rps;
      const ratioTarget = (label: string, actual: number): TTarget => ({
        label,
        actual,
        comparator: ">=",
        threshold: MIN_THROUGHPUT_RATIO,
        unit: "",
        pass: actual >= MIN_THROUGHPUT_RATIO,
      });
      const targets: TTarget[] = [
        ratioTarget("start page rps / healthz rps (Express-only baseline)", toHealthz),
        ratioTarget("start page rps / minimal page rps (Remix baseline, /status)", toMinimal),
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
        targets[2]!.label += " (target is defined for 50)";
      }

      const figures: Record<string, number> = {
        startPageToHealthzRpsRatio: toHealthz,
        startPageToMinimalPageRpsRatio: toMinimal,
        minimalPageToHealthzRpsRatio: minimal.rps / health.rps,
      };
      if (start.serverCpuMsPerRequest !== null && minimal.serverCpuMsPerRequest !== null) {
        figures.startPageCpuMsPerRequest = start.serverCpuMsPerRequest;
        figures.minimalPageCpuMsPerRequest = minimal.serverCpuMsPerRequest;
        figures.startPageToMinimalPageCpuRatio = start.serverCpuMsPerRequest / minimal.serverCpuMsPerRequest;
      }

      return {
        benchmark: "start-page",
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        environment: { ...environment, serverMode: options.server, benchUser: BENCH_USER },
        options,
        runs,
        figures,
        targets,
        notes: notesFor(options, environment),
      } satisfies TBenchReport;
    } finally {
      log("Stopping the server and deleting the data directory …");
      await target.stop();
    }
  },
};

/**
 * Server CPU per completed response. Responses still in flight when the run ends are
 * not counted but their CPU partly is: with 50 connections that overstates the figure
 * by at most 50 requests' worth spread over the run (≈ 1–3 % for the start page).
 */
function cpuMsPerRequest(
  before: NodeJS.CpuUsage | null,
  after: NodeJS.CpuUsage | null,
  result: TLoadResult,
): number | null {
  if (!before || !after || result.requests === 0) return null;
  const micros = after.user - before.user + (after.system - before.system);
  return micros / 1000 / result.requests;
}

function notesFor(options: TBenchOptions, environment: ReturnType<typeof environmentInfo>): string[] {
  const notes = [
    options.server === "child"
      ? "Server in its own Node process; autocannon, PostgreSQL and Meilisearch share the same machine."
      : "Server in-process: it shares one event loop with autocannon, figures are pessimistic.",
    "Ratios: the start page against /healthz (Express only, no Remix) and against /status (the smallest Remix page, no session or database).",
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
