import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createContext, type TServices } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { createCaller } from "@kreisnetz/api/router";
import { createSession, resolveSession } from "@kreisnetz/api/session";
import { createDb, Prisma } from "@kreisnetz/db/client";
import { migrateDatabase } from "@kreisnetz/db/migrate";
import { startEmbeddedPostgres } from "@kreisnetz/embedded/postgres";
import { getFreePort } from "@kreisnetz/embedded/ports";
import { seedDemo } from "@kreisnetz/seeds/demo";
import { environmentInfo } from "./lib/environment.ts";
import { BenchBrokenError, type TBenchmark, type TRun, type TTarget } from "./lib/types.ts";

const POSTS = 5000;
const MAX_FEED_P95_MS = 100;
const MAX_VISIBLE_MS = 1000;
const VISIBILITY_ROUNDS = 20;

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1)!,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/** Calls `call` with `concurrency` workers for `seconds`; every call's own duration is a sample. */
async function measure(
  label: string,
  call: () => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<TRun> {
  const samples: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await call();
          samples.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  if (errors > 0 || samples.length === 0)
    throw new BenchBrokenError(`${label}: ${errors} errors, ${samples.length} calls`);
  const duration = (performance.now() - started) / 1000;
  const latencyMs = summarise(samples);
  return {
    url: `trpc:${label}`,
    connections: concurrency,
    durationSeconds: duration,
    rps: samples.length / duration,
    requests: samples.length,
    status2xx: samples.length,
    non2xx: 0,
    statusCodes: { "200": samples.length },
    errors: 0,
    timeouts: 0,
    latencyMs,
    autocannon: { rpsAverage: NaN, latencyP50: NaN, latencyP99: NaN, latencyMean: NaN },
    serverCpuMsPerRequest: null,
  };
}

/** 5,000 posts: 80 % live (a third of them for one unit only), drafts, stories, must-reads, read markers. */
async function seedPosts(db: ReturnType<typeof createDb>, readerId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO news_post (id, kind, status, author_id, title, teaser, body, body_html, body_text, audience,
                           publish_at, published_at, must_read, must_read_deadline, pinned_from, pinned_until, updated_at)
    SELECT gen_random_uuid(),
           (CASE WHEN i % 10 = 0 THEN 'STORY' ELSE 'NEWS' END)::"NewsKind",
           (CASE WHEN i % 5 = 0 THEN 'DRAFT' WHEN i % 17 = 0 THEN 'ARCHIVED' ELSE 'PUBLISHED' END)::"NewsStatus",
           (SELECT id FROM app_user WHERE NOT is_system ORDER BY email OFFSET (i % 100) LIMIT 1),
           'Benchmark-Meldung ' || i, 'Kurztext ' || i,
           '{"root":{"type":"root","version":1,"children":[]}}'::jsonb, '<p class="kn-rt-p">Text ' || i || '</p>', 'Text ' || i,
           (CASE WHEN i % 3 = 0 THEN 'UNITS' ELSE 'ALL' END)::"NewsAudience",
           (now() AT TIME ZONE 'UTC') - i * interval '37 minutes', (now() AT TIME ZONE 'UTC') - i * interval '37 minutes',
           i % 250 = 0, (now() AT TIME ZONE 'UTC') + interval '7 days',
           CASE WHEN i IN (2, 401, 801) THEN (now() AT TIME ZONE 'UTC') - interval '1 day' END,
           CASE WHEN i IN (2, 401, 801) THEN (now() AT TIME ZONE 'UTC') + interval '1 day' END,
           now() AT TIME ZONE 'UTC'
      FROM generate_series(1, ${POSTS}) AS i`;
  await db.$executeRaw`
    INSERT INTO news_post_unit (post_id, unit_id)
    SELECT p.id, (SELECT id FROM org_unit ORDER BY code OFFSET (abs(hashtext(p.id::text)) % 40) LIMIT 1)
      FROM news_post p WHERE p.audience = 'UNITS'`;
  await db.$executeRaw`
    INSERT INTO news_read (post_id, user_id) SELECT id, ${readerId} FROM news_post WHERE abs(hashtext(id::text)) % 2 = 0`;
  await db.$executeRaw`ANALYZE`;
}

/**
 * The start page's news procedure (`home.news`: feed, must-read banner, stories) with
 * 5,000 posts, against a trivial procedure (`profile.me`) in the same run, both
 * through the tRPC caller (server time without HTTP and rendering); then how long an
 * approved post takes from `publish` until the reader's feed shows it.
 */
export const newsFeed: TBenchmark = {
  name: "news-feed",
  description: "Start-page news feed p95 with 5,000 posts vs. profile.me; publish-to-visible time",
  async run(options, log) {
    const startedAt = new Date();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "kreisnetz-bench-news-"));
    log(`Starting PostgreSQL in ${dataDir} …`);
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pg"),
      port: await getFreePort(),
      database: "bench",
    });
    const db = createDb(pg.url);
    const events = new EventLog(db);
    try {
      await migrateDatabase(pg.url);
      await seedDemo(db);
      const services: TServices = { db, events, sessionSecret: "bench-secret-0123456789abcdef0123" };
      const callerOf = async (email: string) => {
        const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
        const resolved = await resolveSession(
          db,
          await createSession(db, user.id, { secondFactorOk: true, userAgent: "bench" }),
        );
        if (!resolved) throw new BenchBrokenError(`no session for ${email}`);
        const ctx = createContext(services, {
          actor: resolved.actor,
          session: resolved.session,
          locale: "de",
          ip: "127.0.0.1",
          userAgent: "bench",
        });
        return { caller: createCaller(ctx), id: user.id };
      };
      const reader = await callerOf("mitarbeiterin@demo.kreisnetz.de");
      const editor = await callerOf("redaktion@demo.kreisnetz.de");
      log(`Seeding ${POSTS} posts …`);
      await seedPosts(db, reader.id);
      const feed = await reader.caller.home.news();
      if (feed.items.length === 0) throw new BenchBrokenError("the reader's feed is empty");

      // One call at a time: the figure is the procedure's own time, not queueing in this process.
      const concurrency = 1;
      const seconds = Math.min(options.durationSeconds, 8);
      if (options.warmupSeconds > 0) {
        log(`Warm-up ${Math.min(options.warmupSeconds, 3)} s …`);
        await measure("warm-up", () => reader.caller.home.news(), concurrency, Math.min(options.warmupSeconds, 3));
      }
      const runs: Record<string, TRun> = {};
      log(`Measuring profile.me (baseline), ${concurrency} concurrent callers, ${seconds} s …`);
      runs["profile.me (trivial baseline)"] = await measure(
        "profile.me",
        () => reader.caller.profile.me(),
        concurrency,
        seconds,
      );
      log(`Measuring home.news, ${concurrency} concurrent callers, ${seconds} s …`);
      runs["home.news (start-page feed)"] = await measure(
        "home.news",
        () => reader.caller.home.news(),
        concurrency,
        seconds,
      );

      log(`Publish → visible, ${VISIBILITY_ROUNDS} rounds …`);
      const visible: number[] = [];
      for (let i = 0; i < VISIBILITY_ROUNDS; i += 1) {
        const post = await editor.caller.news.create({
          kind: "NEWS",
          title: `Sichtbarkeit ${i}`,
          teaser: "",
          body: {
            root: {
              type: "root",
              version: 1,
              children: [{ type: "paragraph", version: 1, children: [{ type: "text", version: 1, text: "x" }] }],
            },
          },
          audience: "ALL",
          unitIds: [],
          storyUnitIds: [],
          teamOfMonth: false,
        });
        await editor.caller.news.submit({ id: post.id });
        await editor.caller.news.approve({ id: post.id });
        const t0 = performance.now();
        await editor.caller.news.publish({ id: post.id });
        for (;;) {
          const items = (await reader.caller.home.news()).items;
          if (items.some((item) => item.id === post.id)) break;
          if (performance.now() - t0 > 10_000) throw new BenchBrokenError("published post never appeared");
        }
        visible.push(performance.now() - t0);
      }
      const visibility = summarise(visible);
      const feedRun = runs["home.news (start-page feed)"]!;
      const base = runs["profile.me (trivial baseline)"]!;
      const targets: TTarget[] = [
        {
          label: `home.news p95 with ${POSTS} posts (server time)`,
          actual: feedRun.latencyMs.p95,
          comparator: "<=",
          threshold: MAX_FEED_P95_MS,
          unit: "ms",
          pass: feedRun.latencyMs.p95 <= MAX_FEED_P95_MS,
        },
        {
          label: "publish → visible in the reader's feed, p95",
          actual: visibility.p95,
          comparator: "<=",
          threshold: MAX_VISIBLE_MS,
          unit: "ms",
          pass: visibility.p95 <= MAX_VISIBLE_MS,
        },
      ];
      await db.$queryRaw(Prisma.sql`SELECT 1`);
      return {
        benchmark: "news-feed",
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        environment: { ...environmentInfo(), serverMode: "in-process tRPC caller", posts: POSTS },
        options: { ...options, connections: concurrency, durationSeconds: seconds, server: "in-process" },
        runs,
        figures: {
          feedToBaselineP95Ratio: feedRun.latencyMs.p95 / base.latencyMs.p95,
          publishToVisibleP50Ms: visibility.p50,
          publishToVisibleP95Ms: visibility.p95,
          publishToVisibleMaxMs: visibility.max,
        },
        targets,
        notes: [
          "Server time = one tRPC caller call at a time (middleware, zod input/output, SQL on the pg pool), without HTTP and SSR; --connections is ignored.",
          "Publish → visible: from the editor's publish call until the reader's home.news contains the post (no cache: the next query sees it).",
        ],
      };
    } finally {
      log("Stopping PostgreSQL and deleting the data directory …");
      await db.$disconnect().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  },
};
