/**
 * Benchmark runner: `tsx src/run.ts [name ...] [--flags]` (or `pnpm bench -- …` from
 * the repository root). Runs the named benchmarks (all when none is named), prints a
 * table per benchmark and writes bench/results/<name>-<timestamp>.json.
 *
 * Benchmarks are not tests: targets are reported as PASS/MISS and never change the
 * exit code. Exit code 1 means the run itself broke (server did not start, wrong
 * status codes, connection errors) and the figures are invalid; 2 means bad usage.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatReport } from "./lib/report.ts";
import type { TBenchmark, TBenchOptions } from "./lib/types.ts";
import { coopIndex } from "./coop-index.ts";
import { newsFeed } from "./news-feed.ts";
import { projectBoard } from "./project-board.ts";
import { search } from "./search.ts";
import { sockets } from "./sockets.ts";
import { startPage } from "./start-page.ts";

const BENCHMARKS: TBenchmark[] = [startPage, newsFeed, projectBoard, search, sockets, coopIndex];

const resultsDir = path.resolve(import.meta.dirname, "..", "results");

/** Bounds keep a run short and the load on the machine limited. */
const LIMITS = {
  durationSeconds: { flag: "duration", min: 1, max: 60, default: 12 },
  connections: { flag: "connections", min: 1, max: 200, default: 50 },
  warmupSeconds: { flag: "warmup", min: 0, max: 30, default: 3 },
} as const;

const USAGE = `Usage: pnpm bench -- [name ...] [options]
       (in bench/: pnpm bench [name ...] [options], or tsx src/run.ts …)

Benchmarks (all when none is named):
${BENCHMARKS.map((b) => `  ${b.name.padEnd(14)} ${b.description}`).join("\n")}

Options (environment variable in brackets):
  --duration <s>      seconds per measured run, ${LIMITS.durationSeconds.min}-${LIMITS.durationSeconds.max} (BENCH_DURATION, default ${LIMITS.durationSeconds.default})
  --connections <n>   concurrent connections, ${LIMITS.connections.min}-${LIMITS.connections.max} (BENCH_CONNECTIONS, default ${LIMITS.connections.default})
  --warmup <s>        discarded warm-up per route, ${LIMITS.warmupSeconds.min}-${LIMITS.warmupSeconds.max} (BENCH_WARMUP, default ${LIMITS.warmupSeconds.default})
  --in-process        run the server in this process instead of a child process (BENCH_SERVER=in-process)
  --gzip              send Accept-Encoding: gzip like a browser (BENCH_GZIP=1)
  --cpu-prof          write a V8 CPU profile of the server process to bench/results/profiles/
                      (child mode; open in Chrome DevTools; profiling slows the server)
  --no-save           do not write bench/results/*.json
  --list              list benchmarks and exit
  -h, --help          this text`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function bounded(name: keyof typeof LIMITS, flag: string | undefined, envValue: string | undefined): number {
  const raw = flag ?? envValue;
  const limit = LIMITS[name];
  if (raw === undefined || raw === "") return limit.default;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < limit.min || value > limit.max) {
    fail(`--${limit.flag}: "${raw}" is not a number between ${limit.min} and ${limit.max}`);
  }
  return name === "connections" ? Math.round(value) : value;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      // pnpm passes a literal "--" through when called as `pnpm run bench -- …`.
      args: process.argv.slice(2).filter((arg) => arg !== "--"),
      allowPositionals: true,
      options: {
        duration: { type: "string" },
        connections: { type: "string" },
        warmup: { type: "string" },
        "in-process": { type: "boolean" },
        gzip: { type: "boolean" },
        "cpu-prof": { type: "boolean" },
        "no-save": { type: "boolean" },
        list: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list) {
    for (const b of BENCHMARKS) console.log(`${b.name.padEnd(14)} ${b.description}`);
    return 0;
  }

  const env = process.env;
  const options: TBenchOptions = {
    durationSeconds: bounded("durationSeconds", values.duration, env.BENCH_DURATION),
    connections: bounded("connections", values.connections, env.BENCH_CONNECTIONS),
    warmupSeconds: bounded("warmupSeconds", values.warmup, env.BENCH_WARMUP),
    server: values["in-process"] || env.BENCH_SERVER === "in-process" ? "in-process" : "child",
    gzip: Boolean(values.gzip) || env.BENCH_GZIP === "1" || env.BENCH_GZIP === "true",
    cpuProfileDir: values["cpu-prof"] ? path.join(resultsDir, "profiles") : null,
  };
  if (options.cpuProfileDir && options.server === "in-process") fail("--cpu-prof needs the child-process server");

  const unknown = positionals.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) fail(`Unknown benchmark(s): ${unknown.join(", ")}`);
  const selected = positionals.length > 0 ? BENCHMARKS.filter((b) => positionals.includes(b.name)) : BENCHMARKS;

  let broken = false;
  for (const benchmark of selected) {
    console.log(`\n=== ${benchmark.name}: ${benchmark.description}`);
    try {
      const report = await benchmark.run(options, (line) => console.log(`  ${line}`));
      console.log(`\n${formatReport(report)}`);
      if (!values["no-save"]) {
        await fs.mkdir(resultsDir, { recursive: true });
        const stamp = report.startedAt.replace(/[:.]/g, "-");
        const file = path.join(resultsDir, `${benchmark.name}-${stamp}.json`);
        await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
        console.log(`\nResults: ${path.relative(process.cwd(), file) || file}`);
      }
    } catch (error) {
      broken = true;
      console.error(`\n${benchmark.name} BROKE – no valid figures:\n${(error as Error).stack ?? String(error)}`);
    }
  }
  return broken ? 1 : 0;
}

process.exitCode = await main();
