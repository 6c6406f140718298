import type { Db } from "@kreisnetz/db/client";
import { notify } from "../notifications/notify.ts";
import { berlinToday } from "../tasks/rules.ts";
import { REVIEW_REMINDER_DAYS, articlePath, reviewStage } from "./rules.ts";

type TReviewRow = { id: string; title: string; ownerId: string; reviewDue: string };

/**
 * Reminds each live article's owner person of its review date: once when it is
 * at most REVIEW_REMINDER_DAYS away ("soon") and once when it is reached
 * ("due"). The occasion is the review date and the stage, so repeated runs and
 * several instances add nothing, and a verification that moves the date ends
 * the reminders for the old date. In-app, and by e-mail when the owner chose it
 * (notification preferences; e-mail is sent by the notifications' reminder job).
 * `now` is injectable for tests.
 */
export async function remindReviews(db: Db, now: Date = new Date()): Promise<number> {
  const today = berlinToday(now);
  const until = new Date(`${today}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + REVIEW_REMINDER_DAYS);
  const rows = await db.$queryRaw<TReviewRow[]>`
    SELECT a.id, a.title, a.owner_id AS "ownerId", to_char(a.review_due_at, 'YYYY-MM-DD') AS "reviewDue"
      FROM knowledge_article a
     WHERE a.archived_at IS NULL AND a.review_due_at IS NOT NULL
       AND a.review_due_at <= ${until.toISOString().slice(0, 10)}::date
     ORDER BY a.review_due_at, a.id`;
  let created = 0;
  for (const row of rows) {
    const stage = reviewStage(row.reviewDue, today);
    if (!stage) continue;
    created += await notify(db, {
      userIds: [row.ownerId],
      kind: "KNOWLEDGE_REVIEW",
      objectType: "article",
      objectId: row.id,
      occasion: `review:${row.reviewDue}:${stage}`,
      params: { title: row.title, due: row.reviewDue.split("-").reverse().join(".") },
      url: articlePath(row.id),
    });
  }
  return created;
}

/**
 * Runs the review reminders now and then every `intervalMs` (hourly by
 * default); returns a stop function. Safe on several instances (idempotent).
 */
export function startReviewReminderJob(
  db: Db,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await remindReviews(db);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 60 * 60 * 1000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
