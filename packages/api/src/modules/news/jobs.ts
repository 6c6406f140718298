import type { Db } from "@kreisnetz/db/client";
import type { EventLog } from "../../events/event-log.ts";
import { remindMustReads } from "./reminders.ts";
import { publishDue } from "./service.ts";

/**
 * The scheduled-publishing timer: every `intervalMs` it flips due SCHEDULED posts
 * to PUBLISHED and expired ones to ARCHIVED, writing their events. Readers do not
 * wait for it (queries treat due posts as live); it records the change and wakes
 * the event handlers (search, notifications). Safe on several instances: the
 * UPDATE only matches rows still in the old status. Every 60th tick (5 min by
 * default) it also sends must-read reminders before their deadline (reminders.ts).
 */
export function startNewsScheduler(
  db: Db,
  events: EventLog,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  let running = false;
  let ticks = 0;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await publishDue(db, events);
      if (ticks++ % 60 === 0) await remindMustReads(db, new Date(), events);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 5000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
