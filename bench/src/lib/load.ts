import type { EventEmitter } from "node:events";
import autocannon from "autocannon";

export type TLoadOptions = {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
};

export type TLatencySummary = {
  /** Exact percentiles (nearest rank) over every response, in milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
};

export type TLoadResult = {
  url: string;
  connections: number;
  /** Wall-clock seconds of the measured window, as autocannon reports it. */
  durationSeconds: number;
  /** Completed requests divided by the measured duration. */
  rps: number;
  requests: number;
  status2xx: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyMs: TLatencySummary;
  /** autocannon's own figures, kept for comparison (its histogram truncates to whole milliseconds). */
  autocannon: { rpsAverage: number; latencyP50: number; latencyP99: number; latencyMean: number };
};

/**
 * One autocannon run. autocannon reports p50/p97.5/p99 but no p95, and its latency
 * histogram records whole milliseconds. Instead of reading a percentile it does not
 * compute, every response time autocannon measures (process.hrtime, fractional ms,
 * the same value it feeds its own histogram) is collected from its `response` event
 * and the percentiles are taken exactly (nearest-rank) from the sorted samples. At
 * a few thousand requests per second for ≤ 60 s that is at most a few MB of numbers.
 */
export async function runLoad(options: TLoadOptions): Promise<TLoadResult> {
  const samples: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        headers: options.headers ?? {},
        connections: options.connections,
        duration: options.durationSeconds,
        pipelining: 1,
        timeout: 10,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    // @types/autocannon declares (statusCode, bytes, time); the tracker actually emits
    // (client, statusCode, bytes, time) – see autocannon/lib/run.js `onResponse`.
    (instance as unknown as EventEmitter).on(
      "response",
      (_client: unknown, _statusCode: number, _bytes: number, responseTimeMs: number) => {
        samples.push(responseTimeMs);
      },
    );
  });

  const codes: Record<string, number> = {};
  const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
  for (const [code, { count }] of Object.entries(stats)) codes[code] = count;

  const completed = samples.length;
  return {
    url: options.url,
    connections: options.connections,
    durationSeconds: result.duration,
    rps: completed / result.duration,
    requests: completed,
    status2xx: result["2xx"],
    non2xx: result.non2xx,
    statusCodes: codes,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: summarise(samples),
    autocannon: {
      rpsAverage: result.requests.average,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      latencyMean: result.latency.average,
    },
  };
}

function summarise(samples: number[]): TLatencySummary {
  if (samples.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}
