import type { Db } from "@kreisnetz/db/client";
import type { EventLog } from "../../events/event-log.ts";
import { publishDue } from "./service.ts";

/**
 * The scheduled-publishing timer: every `intervalMs` it flips due SCHEDULED posts
 * to PUBLISHED and expired ones to ARCHIVED, writing their events. Readers do not
 * wait for it (queries treat due posts as live); it records the change and wakes
 * the event handlers (search, notifications). Safe on several instances: the
 * UPDATE only matches rows still in the old status.
 */
export function startNewsScheduler(
  db: Db,
  events: EventLog,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await publishDue(db, events);
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
