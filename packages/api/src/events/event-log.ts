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
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly onError: (error: unknown, handler: string) => void = () => undefined,
  ) {}

  register(handler: TEventHandler): void {
    this.handlers.set(handler.name, handler);
  }

  async record(tx: Tx, input: TEventInput): Promise<bigint> {
    const event = await tx.activityEvent.create({
      data: {
        actorId: input.actorId,
        actorUnitId: input.actorUnitId,
        verb: input.verb,
        objectType: input.objectType,
        objectId: input.objectId,
        projectId: input.projectId ?? null,
        payload: (input.payload ?? {}) as object,
        isSystem: input.isSystem ?? false,
      },
      select: { id: true },
    });
    const interested = [...this.handlers.values()].filter((h) => h.matches(input));
    if (interested.length > 0) {
      await tx.eventDelivery.createMany({
        data: interested.map((h) => ({ eventId: event.id, handler: h.name })),
      });
    }
    return event.id;
  }

  /** Starts draining now (after a commit); concurrent calls coalesce. */
  kick(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.drainOnce()) > 0) {
            // keep going while there is work
          }
        } while (this.again);
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
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

  /** One batch per handler; returns how many deliveries it processed. */
  async drainOnce(): Promise<number> {
    const claimed = await this.db.$queryRaw<{ event_id: bigint; handler: string; attempts: number }[]>`
      UPDATE event_delivery d
         SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = d.attempts + 1
        FROM (SELECT event_id, handler FROM event_delivery
               WHERE status = 'PENDING' AND next_attempt_at <= now()
               ORDER BY event_id LIMIT ${BATCH_SIZE}
               FOR UPDATE SKIP LOCKED) due
       WHERE d.event_id = due.event_id AND d.handler = due.handler
   RETURNING d.event_id, d.handler, d.attempts`;
    if (claimed.length === 0) return 0;

    const events = await this.db.activityEvent.findMany({
      where: { id: { in: [...new Set(claimed.map((c) => c.event_id))] } },
      orderBy: { id: "asc" },
    });
    const byId = new Map(events.map((e) => [e.id, e as TStoredEvent]));
    const byHandler = new Map<string, typeof claimed>();
    for (const row of claimed) byHandler.set(row.handler, [...(byHandler.get(row.handler) ?? []), row]);

    for (const [name, rows] of byHandler) {
      const handler = this.handlers.get(name);
      const ids = rows.map((r) => r.event_id);
      if (!handler) {
        // A handler that is not registered in this instance: leave it for one that is.
        await this.db.eventDelivery.updateMany({
          where: { handler: name, eventId: { in: ids } },
          data: { nextAttemptAt: new Date(Date.now() + 5000), attempts: { decrement: 1 } },
        });
        continue;
      }
      try {
        await handler.handle(ids.map((id) => byId.get(id)).filter((e): e is TStoredEvent => Boolean(e)));
        await this.db.eventDelivery.updateMany({
          where: { handler: name, eventId: { in: ids } },
          data: { status: "DONE", doneAt: new Date(), lastError: null },
        });
      } catch (error) {
        this.onError(error, name);
        const attempts = Math.max(...rows.map((r) => r.attempts));
        await this.db.eventDelivery.updateMany({
          where: { handler: name, eventId: { in: ids } },
          data: {
            status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
            lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
            nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
          },
        });
      }
    }
    return claimed.length;
  }
}
