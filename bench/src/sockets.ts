import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb, Prisma, type Db } from "@kreisnetz/db/client";
import type { ClientToServerEvents, ServerToClientEvents, TPagePresencePayload } from "@kreisnetz/shared/realtime";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { environmentInfo } from "./lib/environment.ts";
import { BENCH_USER } from "./lib/server.ts";
import { startTarget, type TTarget as TServerTarget } from "./lib/target.ts";
import { BenchBrokenError, type TBenchmark, type TBenchReport, type TRun, type TTarget } from "./lib/types.ts";

type TClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const SOCKETS = 2000;
const VIEWERS = 200;
const JOINS = 40;
const MOVES = 40;
const TARGET_JOIN_P99_MS = 200;
const TARGET_FANOUT_P99_MS = 250;
const OPEN_BATCH = 100;

/**
 * Socket.IO at scale on one instance (production build, child process, embedded
 * PostgreSQL): 2,000 authenticated sockets (users and sessions written straight into
 * the database), memory per socket and server CPU; presence join to seen-by-others
 * latency; a board change (tasks.move over HTTP tRPC, through the outbox and the
 * realtime-broadcaster) fanned out to 200 viewers. Baselines in the same run: the
 * same paths with 1 watcher/viewer, and a bare Socket.IO broadcast to 200 clients.
 */
export const sockets: TBenchmark = {
  name: "sockets",
  description:
    "2,000 sockets: memory/socket, CPU, presence join p99, board fan-out to 200 p99 (vs 1 viewer, bare Socket.IO)",
  async run(options, log) {
    const startedAt = new Date();
    const environment = environmentInfo();
    log("Starting the server on a fresh data directory …");
    const target = await startTarget(options.server, log, { cpuProfileDir: options.cpuProfileDir });
    const db = createDb(target.databaseUrl, { max: 4 });
    const clients: TClient[] = [];
    try {
      log(`Server ready: ${target.baseUrl}`);
      const cookies = await createPeople(db, SOCKETS);
      const trpc = trpcClient(target);
      const { unitId } = await db.user.findUniqueOrThrow({ where: { email: BENCH_USER }, select: { unitId: true } });
      const board = await createBoard(trpc, unitId, "Live-Benchmark");
      const single = await createBoard(trpc, unitId, "Einzelbetrachtung");

      const memoryBefore = await settledMemory(target);
      const cpuBeforeOpen = await target.cpuUsage();
      const openStarted = performance.now();
      for (let i = 0; i < cookies.length; i += OPEN_BATCH) {
        clients.push(...(await Promise.all(cookies.slice(i, i + OPEN_BATCH).map((c) => open(target.baseUrl, c)))));
      }
      const openSeconds = (performance.now() - openStarted) / 1000;
      const cpuAfterOpen = await target.cpuUsage();
      const memoryAfter = await settledMemory(target);
      log(`${clients.length} sockets open in ${openSeconds.toFixed(1)} s`);

      const viewers = clients.slice(0, VIEWERS);
      const lone = clients[VIEWERS]!;
      const joiners = clients.slice(VIEWERS + 1, VIEWERS + 1 + JOINS);
      const loneJoiners = clients.slice(VIEWERS + 1 + JOINS, VIEWERS + 1 + 2 * JOINS);
      for (let i = 0; i < viewers.length; i += 50) {
        await Promise.all(viewers.slice(i, i + 50).map((v) => enterProject(v, board.projectId)));
      }
      await enterProject(lone, single.projectId);
      await settle();

      log(`Presence: ${JOINS} joins seen by ${VIEWERS} watchers, then by 1 …`);
      const cpuBeforeJoins = await target.cpuUsage();
      const joinMany = await presenceJoins(joiners, viewers, board.projectId);
      const cpuAfterJoins = await target.cpuUsage();
      const joinOne = await presenceJoins(loneJoiners, [lone], single.projectId);

      // Joiners leave again so the fan-out runs with exactly VIEWERS on the board (plus the page list).
      for (const j of [...joiners, ...loneJoiners]) j.emit("page:leave");
      await settle();

      log(`Fan-out: ${MOVES} board changes to ${VIEWERS} viewers, then to 1 …`);
      const cpuBeforeMoves = await target.cpuUsage();
      // Monotonic clock marks (µs, the clock of V8 CPU profiles) to cut the fan-out phase out of a --cpu-prof profile.
      const mark = (label: string) => log(`[mark] ${label} ${process.hrtime.bigint() / 1000n}`);
      mark("fan-out 200 start");
      const fanMany = await boardChanges(trpc, board, viewers);
      mark("fan-out 200 end");
      const cpuAfterMoves = await target.cpuUsage();
      mark("fan-out 1 start");
      const fanOne = await boardChanges(trpc, single, [lone]);
      mark("fan-out 1 end");
      const cpuAfterOne = await target.cpuUsage();

      log(`Baseline: bare Socket.IO broadcast to ${VIEWERS} clients in this process …`);
      const bare = await bareBroadcast(VIEWERS, MOVES);

      const cpuMs = (a: NodeJS.CpuUsage | null, b: NodeJS.CpuUsage | null) =>
        a && b ? (b.user - a.user + (b.system - a.system)) / 1000 : null;
      const perOp = (ms: number | null, ops: number) => (ms === null ? null : ms / ops);
      const runs: Record<string, TRun> = {
        [`presence join → ${VIEWERS} watchers`]: asRun(joinMany, perOp(cpuMs(cpuBeforeJoins, cpuAfterJoins), JOINS)),
        "presence join → 1 watcher (baseline)": asRun(joinOne, null),
        [`board change → ${VIEWERS} viewers`]: asRun(
          fanMany.samples,
          perOp(cpuMs(cpuBeforeMoves, cpuAfterMoves), MOVES),
        ),
        [`  of which after the HTTP answer (outbox + broadcast)`]: asRun(fanMany.afterAnswer, null),
        "board change → 1 viewer (baseline)": asRun(fanOne.samples, perOp(cpuMs(cpuAfterMoves, cpuAfterOne), MOVES)),
        [`bare Socket.IO broadcast → ${VIEWERS} (baseline)`]: asRun(bare, null),
      };

      const figures: Record<string, number> = {
        sockets: clients.length,
        openSeconds,
        serverCpuMsPerSocketOpen: (cpuMs(cpuBeforeOpen, cpuAfterOpen) ?? Number.NaN) / clients.length,
        heapKbPerSocket:
          memoryBefore && memoryAfter
            ? (memoryAfter.heapUsed - memoryBefore.heapUsed) / 1024 / clients.length
            : Number.NaN,
        rssKbPerSocket:
          memoryBefore && memoryAfter ? (memoryAfter.rss - memoryBefore.rss) / 1024 / clients.length : Number.NaN,
        serverRssMbWithSockets: memoryAfter ? memoryAfter.rss / 1024 / 1024 : Number.NaN,
        moveHttpP50Ms: percentile(fanMany.http, 50),
        moveHttpP99Ms: percentile(fanMany.http, 99),
        afterAnswerP99Ms: percentile(fanMany.afterAnswer, 99),
        fanout200ToFanout1P99Ratio: percentile(fanMany.samples, 99) / percentile(fanOne.samples, 99),
      };
      const targets: TTarget[] = [
        {
          label: `presence join → seen by ${VIEWERS} others, p99`,
          actual: percentile(joinMany, 99),
          comparator: "<=",
          threshold: TARGET_JOIN_P99_MS,
          unit: "ms",
          pass: percentile(joinMany, 99) <= TARGET_JOIN_P99_MS,
        },
        {
          label: `board change fanned out to ${VIEWERS} viewers, p99`,
          actual: percentile(fanMany.samples, 99),
          comparator: "<=",
          threshold: TARGET_FANOUT_P99_MS,
          unit: "ms",
          pass: percentile(fanMany.samples, 99) <= TARGET_FANOUT_P99_MS,
        },
      ];
      return {
        benchmark: "sockets",
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        environment: { ...environment, serverMode: options.server, benchUser: BENCH_USER },
        options,
        runs,
        figures,
        targets,
        notes: [
          `${SOCKETS} sockets of ${SOCKETS} distinct people (websocket transport), all held open during every phase; the load generator is this process.`,
          "Presence latency: page:enter sent by the joiner → presence:page showing the joiner (a delta) received by each watcher (one sample per watcher and join).",
          "Board change latency: POST /api/trpc/tasks.move sent → `changed` with the new version received by each viewer; includes the HTTP call, the transaction, the outbox and the broadcast.",
          "CPU ms/req column: server CPU per join / per board change while the 200-person runs ran (child mode only).",
          "Memory: server heap and RSS before and after opening the sockets (after a 2 s pause), divided by the number of sockets; no forced GC, so it is approximate.",
          "Bare Socket.IO baseline: a plain server and its 200 clients in this process; emit → receipt.",
        ],
      } satisfies TBenchReport;
    } finally {
      for (const client of clients) client.close();
      await db.$disconnect();
      log("Stopping the server and deleting the data directory …");
      await target.stop();
    }
  },
};

/** 2,000 people in the bench user's unit with complete sessions, in two statements. */
async function createPeople(db: Db, count: number): Promise<string[]> {
  const run = Date.now().toString(36);
  const { unitId } = await db.user.findUniqueOrThrow({ where: { email: BENCH_USER }, select: { unitId: true } });
  await db.$executeRaw(Prisma.sql`
    INSERT INTO app_user (id, email, name, password_hash, unit_id, updated_at)
    SELECT gen_random_uuid()::text, 'bench-' || ${run} || '-' || i || '@bench.kreisnetz.de',
           'Bench Person ' || lpad(i::text, 4, '0'), 'no-login', ${unitId}, now()
      FROM generate_series(1, ${count}::int) AS i`);
  const rows = await db.$queryRaw<{ token: string }[]>(Prisma.sql`
    WITH people AS (SELECT id, 'bench-token-' || id AS token FROM app_user WHERE email LIKE ${`bench-${run}-%`}),
         made AS (
           INSERT INTO session (id, user_id, second_factor_ok, csrf_token, expires_at)
           SELECT encode(sha256(convert_to(token, 'UTF8')), 'hex'), id, true, 'bench',
                  (now() AT TIME ZONE 'UTC') + interval '1 day'
             FROM people RETURNING user_id)
    SELECT token FROM people ORDER BY token`);
  if (rows.length !== count) throw new BenchBrokenError(`created ${rows.length} sessions instead of ${count}`);
  return rows.map((r) => `kn_session=${r.token}`);
}

type TTrpc = (procedure: string, input: unknown) => Promise<unknown>;

function trpcClient(target: TServerTarget): TTrpc {
  return async (procedure, input) => {
    const response = await fetch(`${target.baseUrl}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: target.cookie, origin: target.baseUrl },
      body: JSON.stringify({ json: input }),
    });
    const body = (await response.json()) as { result?: { data?: { json?: unknown } } };
    if (response.status !== 200)
      throw new BenchBrokenError(`${procedure} answered ${response.status}: ${JSON.stringify(body)}`);
    return body.result?.data?.json;
  };
}

type TBoard = { projectId: string; taskId: string; version: number; columns: string[] };

async function createBoard(trpc: TTrpc, leadUnitId: string, title: string): Promise<TBoard> {
  const key = `B${Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("")}`;
  const project = (await trpc("projects.create", { key, title, leadUnitId, visibility: "ALL_STAFF" })) as {
    id: string;
    states: { id: string }[];
  };
  const task = (await trpc("tasks.create", { projectId: project.id, title: "Wandernde Karte" })) as {
    id: string;
    version: number;
  };
  return { projectId: project.id, taskId: task.id, version: task.version, columns: project.states.map((s) => s.id) };
}

function open(baseUrl: string, cookie: string): Promise<TClient> {
  const socket: TClient = connect(baseUrl, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once("welcome", ({ userId }) => {
      ids.set(socket, userId);
      resolve(socket);
    });
    socket.once("connect_error", (error) => reject(new BenchBrokenError(`socket refused: ${error.message}`)));
  });
}

async function enterProject(socket: TClient, projectId: string): Promise<void> {
  const result = await socket.timeout(10_000).emitWithAck("page:enter", { type: "project", id: projectId });
  if (!result.ok) throw new BenchBrokenError("page:enter was refused");
}

/** Each joiner enters; every watcher's receipt of a list that contains the joiner is one sample. */
async function presenceJoins(joiners: TClient[], watchers: TClient[], projectId: string): Promise<number[]> {
  const samples: number[] = [];
  const room = `page:project:${projectId}`;
  for (const joiner of joiners) {
    const welcome = whoAmI(joiner);
    const sent = performance.now();
    const seen = watchers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new BenchBrokenError("a join was not seen within 10 s")), 10_000);
          const listener = (payload: TPagePresencePayload) => {
            if (payload.page !== room) return;
            const list =
              "people" in payload ? payload.people : payload.delta.flatMap((d) => (d.person ? [d.person] : []));
            if (!list.some((p) => p.userId === welcome)) return;
            samples.push(performance.now() - sent);
            clearTimeout(timer);
            w.off("presence:page", listener);
            resolve();
          };
          w.on("presence:page", listener);
        }),
    );
    joiner.emit("page:enter", { type: "project", id: projectId }, () => undefined);
    await Promise.all(seen);
    await pause(20);
  }
  return samples;
}

const ids = new WeakMap<TClient, string>();
function whoAmI(socket: TClient): string {
  const known = ids.get(socket);
  if (known) return known;
  throw new BenchBrokenError(`unknown socket ${socket.id}`);
}

/** Moves the card back and forth; every viewer's receipt of the new version is one sample. */
async function boardChanges(trpc: TTrpc, board: TBoard, viewers: TClient[]) {
  const samples: number[] = [];
  const http: number[] = [];
  /** Receipt after the HTTP answer: the outbox and broadcast part (negative: the change came first). */
  const afterAnswer: number[] = [];
  let answered = 0;
  for (let i = 0; i < MOVES; i += 1) {
    const version = board.version + 1;
    const sent = performance.now();
    const pending: number[] = [];
    const seen = viewers.map(
      (v) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new BenchBrokenError("a board change was not received within 10 s")),
            10_000,
          );
          const listener = (change: { objectId: string; version: number | null; verb: string }) => {
            if (change.objectId !== board.taskId || change.version !== version || change.verb !== "task.moved") return;
            const now = performance.now();
            samples.push(now - sent);
            pending.push(now);
            clearTimeout(timer);
            v.off("changed", listener);
            resolve();
          };
          v.on("changed", listener);
        }),
    );
    await trpc("tasks.move", {
      id: board.taskId,
      version: board.version,
      stateId: board.columns[(i + 1) % 2]!,
      position: 1024 * (i + 1),
    });
    answered = performance.now();
    http.push(answered - sent);
    board.version = version;
    await Promise.all(seen);
    for (const at of pending) afterAnswer.push(at - answered);
    await pause(20);
  }
  return { samples, http, afterAnswer };
}

/** The same fan-out with nothing but Socket.IO: a room of `count` clients, `rounds` emits. */
async function bareBroadcast(count: number, rounds: number): Promise<number[]> {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  io.on("connection", (socket) => void socket.join("room"));
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients = await Promise.all(
    Array.from({ length: count }, async () => {
      const socket = connect(url, { transports: ["websocket"], reconnection: false, forceNew: true });
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      return socket;
    }),
  );
  await settle();
  const samples: number[] = [];
  try {
    for (let i = 0; i < rounds; i += 1) {
      const sent = performance.now();
      const seen = clients.map(
        (c) =>
          new Promise<void>((resolve) => c.once("changed", () => resolve(void samples.push(performance.now() - sent)))),
      );
      io.to("room").emit("changed", { eventId: String(i), objectId: "x", version: i });
      await Promise.all(seen);
      await pause(20);
    }
  } finally {
    for (const c of clients) c.close();
    await new Promise<void>((resolve) => io.close(() => resolve()));
  }
  return samples;
}

function asRun(samples: number[], cpuMsPerOp: number | null): TRun {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (p: number) => percentile(sorted, p, true);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return {
    url: "socket.io",
    connections: SOCKETS,
    durationSeconds: 0,
    rps: Number.NaN,
    requests: samples.length,
    status2xx: samples.length,
    non2xx: 0,
    statusCodes: {},
    errors: 0,
    timeouts: 0,
    latencyMs: { p50: pick(50), p95: pick(95), p99: pick(99), max: sorted.at(-1) ?? Number.NaN, mean },
    autocannon: { rpsAverage: 0, latencyP50: 0, latencyP99: 0, latencyMean: 0 },
    serverCpuMsPerRequest: cpuMsPerOp,
  };
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number, sorted = false): number {
  if (values.length === 0) return Number.NaN;
  const list = sorted ? values : [...values].sort((a, b) => a - b);
  return list[Math.min(list.length - 1, Math.max(0, Math.ceil((p / 100) * list.length) - 1))]!;
}

async function settledMemory(target: TServerTarget): Promise<NodeJS.MemoryUsage | null> {
  await pause(2000);
  return target.memoryUsage();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settle = () => pause(500);
