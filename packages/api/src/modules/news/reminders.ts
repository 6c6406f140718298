import type { Db } from "@kreisnetz/db/client";
import { notify, type TNotificationSignals } from "../notifications/notify.ts";
import { LIVE } from "./repo.ts";

/** How long before a must-read deadline the reminder goes out. */
export const MUST_READ_REMINDER_HOURS = 48;

type TDueRow = { postId: string; title: string; deadline: string; userIds: string[] };

/**
 * Reminds everyone in a live must-read post's audience (units with their subunits,
 * or all staff) who has not acknowledged it yet, once per post and deadline, when
 * the deadline is less than MUST_READ_REMINDER_HOURS away. In-app, and by e-mail
 * for those who chose it (notification preferences). Idempotent: the dedupe key is
 * (person, post, deadline), so a second run and a second instance add nothing.
 */
export async function remindMustReads(
  db: Db,
  now: Date = new Date(),
  signals: TNotificationSignals | null = null,
): Promise<number> {
  const until = new Date(now.getTime() + MUST_READ_REMINDER_HOURS * 3_600_000);
  const due = await db.$queryRaw<TDueRow[]>`
    WITH RECURSIVE audience AS (
      SELECT pu.post_id, pu.unit_id AS id, 0 AS depth FROM news_post_unit pu
      UNION ALL
      SELECT a.post_id, o.id, a.depth + 1 FROM org_unit o JOIN audience a ON o.parent_id = a.id WHERE a.depth < 64
    )
    SELECT p.id AS "postId", p.title, to_char(p.must_read_deadline, 'YYYY-MM-DD"T"HH24:MI') AS deadline,
           coalesce(array_agg(u.id) FILTER (WHERE u.id IS NOT NULL), '{}') AS "userIds"
      FROM news_post p
      JOIN app_user u ON u.deactivated_at IS NULL AND NOT u.is_system
       AND (p.audience = 'ALL' OR u.unit_id IN (SELECT a.id FROM audience a WHERE a.post_id = p.id))
       AND NOT EXISTS (SELECT 1 FROM news_acknowledgement k WHERE k.post_id = p.id AND k.user_id = u.id)
     WHERE p.must_read AND p.must_read_deadline IS NOT NULL
       AND p.must_read_deadline > (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       AND p.must_read_deadline <= (${until.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       AND ${LIVE}
     GROUP BY p.id, p.title, p.must_read_deadline`;
  let created = 0;
  for (const post of due) {
    created += await notify(
      db,
      {
        userIds: post.userIds,
        kind: "NEWS_MUST_READ",
        objectType: "news-post",
        objectId: post.postId,
        occasion: `deadline:${post.deadline}`,
        params: { title: post.title },
        url: `/news/${post.postId}`,
      },
      signals,
    );
  }
  return created;
}
