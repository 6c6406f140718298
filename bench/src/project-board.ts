import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createContext, type TServices } from "@kreisnetz/api/context";
import { createCaller } from "@kreisnetz/api/router";
import { createSession, resolveSession } from "@kreisnetz/api/session";
import { parsePlatformEnv } from "@kreisnetz/config/env";
import { getFreePort } from "@kreisnetz/embedded/ports";
import { environmentInfo } from "./lib/environment.ts";
import type { TLatencySummary } from "./lib/load.ts";
import { BENCH_USER } from "./lib/server.ts";
import type { TBenchmark, TBenchReport, TRun, TTarget } from "./lib/types.ts";

/** Targets of issue 4 (server time, p95). */
const TARGETS = { board: 100, move: 30, myTasks: 80 } as const;
const BOARD_TASKS = 2000;
const PROJECTS_FOR_ME = 30;
const TASKS_PER_OTHER_PROJECT = 60;
/** Each measurement stops after this many calls even if time is left. */
const MAX_CALLS = 2000;

type TCaller = ReturnType<typeof createCaller>;

/**
 * Server time of the project space's hot procedures, called through the tRPC caller
 * exactly as the Remix loaders call them (no HTTP, no rendering): the board of a
 * project with 2,000 tasks, moving one of its cards, and "Meine Aufgaben" for a person
 * in 30 projects. Baseline in the same run: `home.overview`, the start page's
 * procedure (session-resolved actor, one statement).
 */
export const projectBoard: TBenchmark = {
  name: "project-board",
  description: "tasks.board (2,000 tasks), tasks.move, tasks.myTasks (30 projects) vs. home.overview (p95 server time)",
  async run(options, log) {
    const startedAt = new Date();
    const environment = environmentInfo();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kreisnetz-bench-board-"));
    process.env.NODE_ENV = "production";
    const { startPlatform } = await import("../../apps/web/server/platform.ts");
    const env = parsePlatformEnv({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await getFreePort()),
      EMBEDDED_MEILI_PORT: String(await getFreePort()),
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
    });
    log("Starting PostgreSQL, Meilisearch, migrations and the demo seed …");
    const platform = await startPlatform(env, () => undefined);
    try {
      const { services } = platform;
      const caller = await callerFor(services, BENCH_USER);
      log(`Creating a project with ${BOARD_TASKS} tasks and ${PROJECTS_FOR_ME - 1} more projects …`);
      const setupStart = performance.now();
      const { projectId, tasks, states } = await createData(services, caller);
      log(`Data ready in ${((performance.now() - setupStart) / 1000).toFixed(1)} s.`);

      const seconds = Math.max(2, options.durationSeconds / 2);
      const warm = Math.max(1, options.warmupSeconds / 3);
      let moveIndex = 0;
      const versions = new Map(tasks.map((t) => [t.id, { version: t.version, state: t.stateId }]));
      const move = async () => {
        const task = tasks[(moveIndex * 7919) % tasks.length]!;
        moveIndex += 1;
        const current = versions.get(task.id)!;
        const target = states[(states.indexOf(current.state) + 1) % 2]!;
        const moved = await caller.tasks.move({
          id: task.id,
          version: current.version,
          stateId: target,
          position: moveIndex,
        });
        versions.set(task.id, { version: moved.version, state: moved.stateId });
      };
      const procedures: [string, () => Promise<unknown>][] = [
        ["home.overview (baseline)", () => caller.home.overview()],
        [`tasks.board (${BOARD_TASKS} tasks)`, () => caller.tasks.board({ projectId })],
        ["tasks.move", move],
        [`tasks.myTasks (${PROJECTS_FOR_ME} projects)`, () => caller.tasks.myTasks()],
      ];
      const runs: Record<string, TRun> = {};
      for (const [label, call] of procedures) {
        log(`Warm-up ${label}: ${warm.toFixed(1)} s …`);
        await measure(call, warm);
        log(`Measuring ${label}: ${seconds} s, one call at a time …`);
        runs[label] = await measure(call, seconds);
      }
      const [baseline, board, moveRun, mine] = Object.values(runs) as [TRun, TRun, TRun, TRun];
      const target = (label: string, run: TRun, threshold: number): TTarget => ({
        label,
        actual: run.latencyMs.p95,
        comparator: "<=",
        threshold,
        unit: "ms",
        pass: run.latencyMs.p95 <= threshold,
      });
      const boardSize = await services.db.task.count({ where: { projectId } });
      return {
        benchmark: "project-board",
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        environment: { ...environment, serverMode: "in-process", benchUser: BENCH_USER, boardTasks: boardSize },
        options,
        runs,
        figures: {
          boardP95ToBaselineP95: board.latencyMs.p95 / baseline.latencyMs.p95,
          moveP95ToBaselineP95: moveRun.latencyMs.p95 / baseline.latencyMs.p95,
          myTasksP95ToBaselineP95: mine.latencyMs.p95 / baseline.latencyMs.p95,
        },
        targets: [
          target(`board load p95 (${BOARD_TASKS} tasks)`, board, TARGETS.board),
          target("moving a task p95", moveRun, TARGETS.move),
          target(`"Meine Aufgaben" p95 (${PROJECTS_FOR_ME} projects)`, mine, TARGETS.myTasks),
        ],
        notes: [
          "Server time: procedures called through the tRPC caller with a session-resolved actor, one call at a time (no HTTP, no SSR).",
          "The connections option does not apply; CPU ms/req is this process's CPU (the database runs in its own process).",
          `Baseline home.overview measured in the same run; its p95 was ${baseline.latencyMs.p95.toFixed(1)} ms.`,
        ],
      } satisfies TBenchReport;
    } finally {
      log("Stopping and deleting the data directory …");
      await platform.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

async function callerFor(services: TServices, email: string): Promise<TCaller> {
  const user = await services.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const token = await createSession(services.db, user.id, { secondFactorOk: true, userAgent: "bench" });
  const resolved = await resolveSession(services.db, token);
  if (!resolved) throw new Error("bench session was not accepted");
  return createCaller(
    createContext(services, {
      actor: resolved.actor,
      session: resolved.session,
      locale: "de",
      ip: "127.0.0.1",
      userAgent: "bench",
    }),
  );
}

function key(i: number): string {
  return `BENCH${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
}

/**
 * One big project (2,000 tasks, a third of them assigned, every tenth to the bench
 * user) and 29 smaller ones where the bench user has tasks too. Bulk rows are written
 * with set-based SQL: the procedures are measured, not the set-up.
 */
async function createData(services: TServices, caller: TCaller) {
  const db = services.db;
  const me = await db.user.findUniqueOrThrow({ where: { email: BENCH_USER }, select: { id: true, unitId: true } });
  const others = await db.user.findMany({
    where: { id: { not: me.id }, isSystem: false, deactivatedAt: null },
    select: { id: true },
    take: 4,
  });
  const projectIds: string[] = [];
  for (let i = 0; i < PROJECTS_FOR_ME; i += 1) {
    const project = await caller.projects.create({
      key: key(i),
      title: i === 0 ? "Große Tafel" : `Projekt ${i}`,
      leadUnitId: me.unitId,
      visibility: i % 2 === 0 ? "MEMBERS" : "ALL_STAFF",
    });
    await caller.projects.setMembers({
      projectId: project.id,
      members: [{ userId: me.id, role: "LEAD" }, ...others.map((o) => ({ userId: o.id, role: "MEMBER" as const }))],
    });
    projectIds.push(project.id);
  }
  for (const [index, projectId] of projectIds.entries()) {
    const count = index === 0 ? BOARD_TASKS : TASKS_PER_OTHER_PROJECT;
    await db.$executeRaw`
      INSERT INTO task (id, project_id, number, title, state_id, priority, position, version, due_date, labels, updated_at)
      SELECT gen_random_uuid(), ${projectId}, n, 'Aufgabe Nummer ' || n,
             (SELECT id FROM task_state WHERE project_id = ${projectId} ORDER BY position OFFSET (n % 3) LIMIT 1),
             'NORMAL', n * 1024, 1, current_date + (n % 90 - 20), ARRAY['Bench'], now()
      FROM generate_series(1, ${count}::int) AS n`;
    await db.$executeRaw`UPDATE project SET task_counter = ${count}::int WHERE id = ${projectId}`;
    await db.$executeRaw`
      INSERT INTO task_assignee (task_id, user_id)
      SELECT t.id, CASE WHEN t.number % 10 = 0 OR ${index} > 0 AND t.number % 4 = 0 THEN ${me.id}
                        ELSE (${others.map((o) => o.id)}::text[])[1 + t.number % ${others.length}::int] END
      FROM task t WHERE t.project_id = ${projectId} AND (t.number % 3 = 0 OR t.number % 10 = 0 OR t.number % 4 = 0)`;
  }
  await db.$executeRaw`ANALYZE`;
  const bigId = projectIds[0]!;
  const states = (await db.taskState.findMany({ where: { projectId: bigId }, orderBy: { position: "asc" } })).map(
    (s) => s.id,
  );
  const tasks = await db.task.findMany({
    where: { projectId: bigId },
    select: { id: true, version: true, stateId: true },
  });
  return { projectId: bigId, tasks, states };
}

/** Calls `call` one at a time for `seconds` (at most MAX_CALLS) and summarises exact latencies. */
async function measure(call: () => Promise<unknown>, seconds: number): Promise<TRun> {
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end && samples.length < MAX_CALLS) {
    const t0 = performance.now();
    await call();
    samples.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const latencyMs = summarise(samples);
  return {
    url: "tRPC caller",
    connections: 1,
    durationSeconds: elapsed,
    rps: samples.length / elapsed,
    requests: samples.length,
    status2xx: samples.length,
    non2xx: 0,
    statusCodes: {},
    errors: 0,
    timeouts: 0,
    latencyMs,
    autocannon: { rpsAverage: 0, latencyP50: 0, latencyP99: 0, latencyMean: 0 },
    serverCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, samples.length),
  };
}

function summarise(samples: number[]): TLatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return {
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}
