import type { Db, Tx } from "@kreisnetz/db/client";
import type { TEventHandler, TEventInput, TStoredEvent } from "./types.ts";

const MAX_ATTEMPTS = 10;
const LEASE_SECONDS = 60;
const BATCH_SIZE = 200;

/** Exponential backoff: 2 s, 4 s, 8 s ... capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 10 * 60 * 1000);
}

/**
 * The transactional outbox. `record` writes an event and one delivery row per
 * interested handler inside the caller's transaction; `drain` runs after commit
 * (and on a timer, so nothing is lost after a crash) and hands events to handlers,
 * with retries and backoff. Several app instances can drain at once: rows are
 * leased with FOR UPDATE SKIP LOCKED.
 */
export class EventLog {
  private readonly handlers = new Map<string, TEventHandler>();
  /** One drain loop per handler: `again` asks a running loop for one more round. */
  private readonly loops = new Map<string, { running: Promise<void> | null; again: boolean }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown, handler: string) => void = () => undefined,
  ) {}

  register(handler: TEventHandler): void {
    this.handlers.set(handler.name, handler);
  }

  /**
   * One statement for the event and its deliveries (raw SQL: the ORM's per-call
   * query compilation cost more CPU than the insert itself, on every mutation).
   */
  async record(tx: Tx, input: TEventInput): Promise<bigint> {
    const interested = [...this.handlers.values()].filter((h) => h.matches(input)).map((h) => h.name);
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      WITH e AS (
        INSERT INTO activity_event
               (actor_id, actor_unit_id, verb, object_type, object_id, project_id, payload, is_system, created_at)
        VALUES (${input.actorId}, ${input.actorUnitId}, ${input.verb}, ${input.objectType}, ${input.objectId},
                ${input.projectId ?? null}, ${JSON.stringify(input.payload ?? {})}::jsonb, ${input.isSystem ?? false},
                now() AT TIME ZONE 'UTC')
        RETURNING id
      ), d AS (
        INSERT INTO event_delivery (event_id, handler) SELECT e.id, h FROM e, unnest(${interested}::text[]) AS h
      )
      SELECT id FROM e`;
    return rows[0]!.id;
  }

  /**
   * Starts draining now (after a commit); concurrent calls coalesce. Each handler
   * drains on its own, so a slow one (the search indexer waiting for Meilisearch)
   * never delays another (the realtime broadcaster). Resolves once no registered
   * handler has due deliveries left, including those one handler wrote for another
   * (a new notification for the broadcaster).
   */
  async kick(): Promise<void> {
    for (;;) {
      const due = await this.dueHandlers();
      // Loops running now count too: the deliveries they leased are not "due" any more.
      const running = [...this.loops].filter(([, loop]) => loop.running).map(([name]) => name);
      const names = new Set([...due, ...running]);
      if (names.size === 0) return;
      await Promise.all([...names].map((name) => this.kickHandler(name)));
    }
  }

  /** The registered handlers with due deliveries (one indexed query). */
  private async dueHandlers(): Promise<string[]> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return [];
    const rows = await this.db.$queryRaw<{ handler: string }[]>`
      SELECT DISTINCT handler FROM event_delivery
       WHERE status = 'PENDING' AND next_attempt_at <= now() AND handler = ANY(${names}::text[])`;
    return rows.map((r) => r.handler);
  }

  /** Runs one handler's loop until its queue is drained; a kick during a run asks for one more round. */
  private kickHandler(name: string): Promise<void> {
    let loop = this.loops.get(name);
    if (!loop) {
      loop = { running: null, again: false };
      this.loops.set(name, loop);
    }
    if (loop.running) {
      loop.again = true;
      return loop.running;
    }
    const state = loop;
    state.running = (async () => {
      try {
        do {
          state.again = false;
          // A batch smaller than BATCH_SIZE emptied the queue; later writes kick again.
          while ((await this.drainHandler(name)) === BATCH_SIZE) {
            // keep going while there is a backlog
          }
        } while (state.again);
      } finally {
        state.running = null;
      }
    })();
    return state.running;
  }

  /** Polls for due deliveries (retries, and anything a crashed instance left). */
  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.kick().catch((e) => this.onError(e, "*")), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One batch for every registered handler, side by side; returns how many deliveries were processed. */
  async drainOnce(): Promise<number> {
    const counts = await Promise.all([...this.handlers.keys()].map((name) => this.drainHandler(name)));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  /**
   * One batch of one handler: leases its due deliveries (FOR UPDATE SKIP LOCKED, so
   * other instances take others), hands the events over in order, then marks them
   * done or schedules the retry. Deliveries of handlers this instance does not run
   * are never touched: an instance that runs them takes them.
   */
  private async drainHandler(name: string): Promise<number> {
    const handler = this.handlers.get(name);
    if (!handler) return 0;
    // Lease and read in one statement (raw SQL, see `record`).
    const claimed = await this.db.$queryRaw<(TStoredEvent & { attempts: number })[]>`
      WITH due AS (
        SELECT event_id, handler FROM event_delivery
         WHERE status = 'PENDING' AND handler = ${name} AND next_attempt_at <= now()
         ORDER BY event_id LIMIT ${BATCH_SIZE}
         FOR UPDATE SKIP LOCKED
      ), leased AS (
        UPDATE event_delivery d
           SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = d.attempts + 1
          FROM due
         WHERE d.event_id = due.event_id AND d.handler = due.handler
        RETURNING d.event_id, d.attempts
      )
      SELECT e.id, e.actor_id AS "actorId", e.actor_unit_id AS "actorUnitId", e.verb, e.object_type AS "objectType",
             e.object_id AS "objectId", e.project_id AS "projectId", e.payload, e.is_system AS "isSystem",
             (e.created_at AT TIME ZONE 'UTC') AS "createdAt", l.attempts
        FROM leased l JOIN activity_event e ON e.id = l.event_id
       ORDER BY e.id`;
    if (claimed.length === 0) return 0;

    const ids = claimed.map((c) => c.id);
    const events: TStoredEvent[] = claimed.map(({ attempts: _attempts, ...event }) => event);
    try {
      await handler.handle(events);
      await this.db.$executeRaw`
        UPDATE event_delivery SET status = 'DONE', done_at = now() AT TIME ZONE 'UTC', last_error = NULL
         WHERE handler = ${name} AND event_id = ANY(${ids}::bigint[])`;
    } catch (error) {
      this.onError(error, name);
      const attempts = Math.max(...claimed.map((r) => r.attempts));
      await this.db.eventDelivery.updateMany({
        where: { handler: name, eventId: { in: ids } },
        data: {
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
        },
      });
    }
    return claimed.length;
  }
}
