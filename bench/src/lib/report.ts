import type { TBenchReport } from "./types.ts";

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

/** Plain-text table of a report, for the terminal. */
export function formatReport(report: TBenchReport): string {
  const header = [
    "route",
    "req/s",
    "CPU ms/req",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "requests",
    "non-2xx",
    "errors",
  ];
  const rows = Object.entries(report.runs).map(([label, run]) => [
    label,
    fixed(run.rps, 0),
    run.serverCpuMsPerRequest === null ? "–" : fixed(run.serverCpuMsPerRequest, 2),
    fixed(run.latencyMs.p50, 1),
    fixed(run.latencyMs.p95, 1),
    fixed(run.latencyMs.p99, 1),
    fixed(run.latencyMs.max, 1),
    String(run.requests),
    String(run.non2xx),
    String(run.errors + run.timeouts),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");

  const { options, environment } = report;
  const out = [
    `${report.benchmark}: ${options.connections} connections, ${options.durationSeconds} s per route, ` +
      `${options.warmupSeconds} s warm-up, server ${options.server === "child" ? "in a child process" : "in-process"}` +
      `${options.gzip ? ", gzip" : ""}`,
    `node ${environment.node}, ${environment.cpuCount} × ${environment.cpuModel}, ` +
      `load average ${environment.loadAverage1m} at start, commit ${environment.gitCommit}${environment.gitDirty ? " (dirty)" : ""}`,
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
  const figures = Object.entries(report.figures);
  if (figures.length > 0) {
    out.push("");
    for (const [name, value] of figures) out.push(`${name}: ${fixed(value, 3)}`);
  }
  if (report.targets.length > 0) {
    out.push("", "Targets (informational):");
    for (const t of report.targets) {
      const digits = t.unit === "ms" ? 1 : 3;
      out.push(
        `  ${t.pass ? "PASS" : "MISS"}  ${t.label}: ${fixed(t.actual, digits)}${t.unit} ` +
          `(target ${t.comparator} ${t.threshold}${t.unit})`,
      );
    }
  }
  if (report.notes.length > 0) out.push("", ...report.notes.map((note) => `Note: ${note}`));
  return out.join("\n");
}
