import type { TLoadResult } from "./load.ts";
import type { TServerMode } from "./target.ts";

export type TBenchOptions = {
  /** Concurrent connections of the measured runs. */
  connections: number;
  /** Seconds per measured run. */
  durationSeconds: number;
  /** Seconds of discarded warm-up load per route. */
  warmupSeconds: number;
  server: TServerMode;
  /** Send `Accept-Encoding: gzip` like a browser (the server then compresses HTML). */
  gzip: boolean;
  /** Directory for a V8 CPU profile of the server process (child mode only), or null. */
  cpuProfileDir: string | null;
};

/** One measured run, plus the server process's own CPU time per completed response. */
export type TRun = TLoadResult & {
  /**
   * CPU time (user + system) of the server's Node process during the run divided by
   * the completed responses, in ms; null in in-process mode. Unlike req/s it hardly
   * depends on what else runs on the machine, so it is the figure to compare changes by.
   */
  serverCpuMsPerRequest: number | null;
};

export type TTarget = {
  label: string;
  actual: number;
  comparator: ">=" | "<=";
  threshold: number;
  unit: string;
  pass: boolean;
};

export type TBenchReport = {
  benchmark: string;
  startedAt: string;
  finishedAt: string;
  environment: Record<string, string | number | boolean | null>;
  options: TBenchOptions;
  /** Measured runs by label, in the order they ran. */
  runs: Record<string, TRun>;
  /** Derived figures (e.g. throughput ratios). */
  figures: Record<string, number>;
  /** Informational targets from the issue; a MISS does not fail the run. */
  targets: TTarget[];
  notes: string[];
};

export type TBenchmark = {
  name: string;
  description: string;
  run(options: TBenchOptions, log: (line: string) => void): Promise<TBenchReport>;
};

/** The run itself is invalid (wrong status codes, connection errors): exit non-zero. */
export class BenchBrokenError extends Error {
  override name = "BenchBrokenError";
}
