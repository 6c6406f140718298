import { Prisma, readRows, type DbOrTx, type Tx } from "@kreisnetz/db/client";
import type { TNotificationChannel } from "@kreisnetz/shared/schemas/notifications";

export type TRecipientRow = {
  id: string;
  active: boolean;
  /** False when the project is members-only and the person is not (or no longer) a member. */
  canRead: boolean;
  dailyDigest: boolean;
  channel: TNotificationChannel | null;
};

/** Each recipient's state, read right: active account, may read the project, preference and digest choice. */
export async function recipients(
  db: DbOrTx,
  userIds: readonly string[],
  kind: string,
  projectId: string | null,
): Promise<TRecipientRow[]> {
  if (userIds.length === 0) return [];
  return db.$queryRaw<TRecipientRow[]>`
    SELECT u.id, (u.deactivated_at IS NULL AND NOT u.is_system) AS active,
           (${projectId}::text IS NULL OR p.visibility = 'ALL_STAFF' OR m.user_id IS NOT NULL) AS "canRead",
           COALESCE(s.daily_digest, false) AS "dailyDigest", np.channel::text AS channel
    FROM app_user u
    LEFT JOIN project p ON p.id = ${projectId}
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = u.id
    LEFT JOIN notification_setting s ON s.user_id = u.id
    LEFT JOIN notification_preference np ON np.user_id = u.id AND np.kind = ${kind}
    WHERE u.id IN (${Prisma.join([...userIds])})
      AND (${projectId}::text IS NULL OR p.id IS NOT NULL)`;
}

export type TNewNotification = {
  userId: string;
  kind: string;
  objectType: string;
  objectId: string;
  projectId: string | null;
  dedupeKey: string;
  params: Prisma.InputJsonValue;
  url: string;
  emailState: "NONE" | "PENDING" | "DIGEST";
};

/** ON CONFLICT (user_id, dedupe_key) DO NOTHING: a repeated occasion writes nothing. Returns how many are new. */
export async function insertNotifications(tx: DbOrTx, rows: TNewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  return (await tx.notification.createMany({ data: rows, skipDuplicates: true })).count;
}

/** The same insert, returning the rows that are new (for the realtime signal). */
export async function insertNotificationsReturning(
  tx: Tx,
  rows: TNewNotification[],
): Promise<{ id: string; userId: string }[]> {
  if (rows.length === 0) return [];
  return tx.notification.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true, userId: true } });
}

/** Members-only filter for the inbox: a removed member no longer sees the project's notifications. */
function readable(userId: string) {
  return Prisma.sql`(n.project_id IS NULL OR EXISTS (
      SELECT 1 FROM project p LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}
      WHERE p.id = n.project_id AND (p.visibility = 'ALL_STAFF' OR m.user_id IS NOT NULL)))`;
}

export type TInboxRow = {
  id: string;
  kind: string;
  objectType: string;
  objectId: string;
  projectId: string | null;
  params: Record<string, string | number>;
  url: string;
  readAt: Date | null;
  createdAt: Date;
};

export async function inbox(db: DbOrTx, userId: string, unreadOnly: boolean, limit: number): Promise<TInboxRow[]> {
  const unread = unreadOnly ? Prisma.sql`AND n.read_at IS NULL` : Prisma.empty;
  return db.$queryRaw<TInboxRow[]>`
    SELECT n.id, n.kind, n.object_type AS "objectType", n.object_id AS "objectId", n.project_id AS "projectId",
           n.params, n.url, n.read_at AS "readAt", n.created_at AS "createdAt"
    FROM notification n
    WHERE n.user_id = ${userId} ${unread} AND ${readable(userId)}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${limit}`;
}

/** The header badge, asked on every page: on the pg pool (`readRows`), not through Prisma's interpreter. */
export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const rows = await readRows<{ n: number }>(
    db,
    Prisma.sql`
    SELECT count(*)::int AS n FROM notification n
    WHERE n.user_id = ${userId} AND n.read_at IS NULL AND ${readable(userId)}`,
  );
  return rows[0]?.n ?? 0;
}

export async function markRead(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const result = await db.notification.updateMany({
    where: { id, userId },
    data: { readAt: new Date() },
  });
  return result.count === 1;
}

export async function markAllRead(db: DbOrTx, userId: string): Promise<number> {
  return (await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })).count;
}

export async function preferences(db: DbOrTx, userId: string) {
  const [prefs, setting] = await Promise.all([
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } }),
    db.notificationSetting.findUnique({ where: { userId }, select: { dailyDigest: true } }),
  ]);
  return { prefs, dailyDigest: setting?.dailyDigest ?? false };
}

export async function savePreferences(
  tx: Tx,
  userId: string,
  prefs: readonly { kind: string; channel: TNotificationChannel }[],
  dailyDigest: boolean | undefined,
) {
  for (const pref of prefs) {
    await tx.notificationPreference.upsert({
      where: { userId_kind: { userId, kind: pref.kind } },
      create: { userId, kind: pref.kind, channel: pref.channel },
      update: { channel: pref.channel },
      select: { userId: true },
    });
  }
  if (dailyDigest !== undefined) {
    await tx.notificationSetting.upsert({
      where: { userId },
      create: { userId, dailyDigest },
      update: { dailyDigest },
      select: { userId: true },
    });
  }
}

export type TMailRow = {
  id: string;
  userId: string;
  email: string;
  locale: "de" | "dsb" | "en";
  kind: string;
  params: Record<string, string | number>;
  url: string;
  emailTries: number;
};

/**
 * Leases pending e-mails (FOR UPDATE SKIP LOCKED, several instances may run) by
 * marking them SENT up front; a failed send puts them back. Mail to people who
 * can no longer read the object is dropped, too old mail too.
 */
/**
 * Leases up to `limit` queued e-mails for sending: they stay PENDING with `emailed_at` set to now,
 * so no other run takes them for `leaseMs`. Only `mailSent` marks them SENT; if the process dies
 * mid-send, the lease runs out and the next run sends them again (at least once, never lost).
 */
export async function claimPendingMail(
  db: DbOrTx,
  limit: number,
  maxAgeMs: number,
  leaseMs: number,
): Promise<TMailRow[]> {
  await db.$executeRaw`
    UPDATE notification SET email_state = 'NONE'
    WHERE email_state = 'PENDING' AND created_at < now() - make_interval(secs => ${maxAgeMs / 1000})`;
  return db.$queryRaw<TMailRow[]>`
    WITH due AS (
      SELECT n.id FROM notification n
      WHERE n.email_state = 'PENDING'
        AND (n.emailed_at IS NULL OR n.emailed_at < now() - make_interval(secs => ${leaseMs / 1000}))
      ORDER BY n.created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE notification n SET emailed_at = now(), email_tries = n.email_tries + 1
    FROM due, app_user u
    WHERE n.id = due.id AND u.id = n.user_id
    RETURNING n.id, n.user_id AS "userId", u.email, u.locale::text AS locale, n.kind, n.params, n.url,
              n.email_tries AS "emailTries"`;
}

/** The e-mails went out (single mails after their lease, digest rows after the digest). */
export async function mailSent(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db.notification.updateMany({
    where: { id: { in: [...ids] } },
    data: { emailState: "SENT", emailedAt: new Date() },
  });
}

/** Not to be sent any more (the reader lost access to what it is about). */
export async function mailDropped(db: DbOrTx, id: string) {
  await db.notification.update({ where: { id }, data: { emailState: "NONE" }, select: { id: true } });
}

export async function mailFailed(db: DbOrTx, id: string, giveUp: boolean) {
  await db.notification.update({
    where: { id },
    data: { emailState: giveUp ? "FAILED" : "PENDING", emailedAt: null },
    select: { id: true },
  });
}

export async function stillReadable(db: DbOrTx, notificationId: string, userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ ok: boolean }[]>`
    SELECT ${readable(userId)} AS ok FROM notification n WHERE n.id = ${notificationId}`;
  return rows[0]?.ok ?? false;
}

export type TDigestUser = { userId: string; email: string; locale: "de" | "dsb" | "en" };

/** People with collected mail whose digest for `today` has not gone out yet. */
export async function digestDue(db: DbOrTx, today: string): Promise<TDigestUser[]> {
  return db.$queryRaw<TDigestUser[]>`
    SELECT u.id AS "userId", u.email, u.locale::text AS locale
    FROM app_user u
    JOIN notification_setting s ON s.user_id = u.id AND s.daily_digest
    WHERE u.deactivated_at IS NULL
      AND (s.last_digest_on IS NULL OR s.last_digest_on < ${today}::date)
      AND EXISTS (SELECT 1 FROM notification n WHERE n.user_id = u.id AND n.email_state = 'DIGEST')`;
}

/**
 * Takes the user's digest for today (only one instance wins) and returns their collected mail,
 * still in state DIGEST: `mailSent` marks it once the digest is out, so mail of a digest that
 * never went out (a crash, a refusing server) comes with tomorrow's.
 */
export async function claimDigest(tx: Tx, userId: string, today: string): Promise<TMailRow[] | null> {
  const won = await tx.$executeRaw`
    UPDATE notification_setting SET last_digest_on = ${today}::date
    WHERE user_id = ${userId} AND (last_digest_on IS NULL OR last_digest_on < ${today}::date)`;
  if (won !== 1) return null;
  return tx.$queryRaw<TMailRow[]>`
    UPDATE notification n SET email_tries = n.email_tries + 1
    FROM app_user u
    WHERE n.user_id = ${userId} AND n.email_state = 'DIGEST' AND u.id = n.user_id AND ${readable(userId)}
    RETURNING n.id, n.user_id AS "userId", u.email, u.locale::text AS locale, n.kind, n.params, n.url,
              n.email_tries AS "emailTries"`;
}

export type TDeadlineRow = {
  taskId: string;
  projectId: string;
  projectKey: string;
  number: number;
  title: string;
  dueDate: string;
  userId: string;
};

/**
 * Open tasks due by `until` (inclusive) with their assignees, in projects that
 * are not archived, leaving out reminders already given (the same dedupe key as
 * notify() writes), so a run over many old overdue tasks stays a single query.
 */
export async function deadlineAssignments(db: DbOrTx, today: string, until: string): Promise<TDeadlineRow[]> {
  return db.$queryRaw<TDeadlineRow[]>`
    SELECT t.id AS "taskId", t.project_id AS "projectId", p.key AS "projectKey", t.number, t.title,
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", a.user_id AS "userId"
    FROM task t
    JOIN task_state s ON s.id = t.state_id AND s."group" IN ('OPEN', 'IN_PROGRESS')
    JOIN project p ON p.id = t.project_id AND p.archived_at IS NULL
    JOIN task_assignee a ON a.task_id = t.id
    WHERE t.due_date IS NOT NULL AND t.due_date <= ${until}::date
      AND NOT EXISTS (
        SELECT 1 FROM notification n
        WHERE n.user_id = a.user_id
          AND n.dedupe_key = (CASE WHEN t.due_date < ${today}::date THEN 'TASK_OVERDUE' ELSE 'TASK_DUE_SOON' END)
                             || ':task:' || t.id || ':' || to_char(t.due_date, 'YYYY-MM-DD'))
    ORDER BY t.due_date, t.id`;
}

export type TTaskInfo = { id: string; projectId: string; key: string; title: string };

export async function taskInfo(db: DbOrTx, taskId: string): Promise<TTaskInfo | null> {
  const rows = await db.$queryRaw<TTaskInfo[]>`
    SELECT t.id, t.project_id AS "projectId", p.key || '-' || t.number AS key, t.title
    FROM task t JOIN project p ON p.id = t.project_id WHERE t.id = ${taskId}`;
  return rows[0] ?? null;
}

export async function userName(db: DbOrTx, userId: string | null): Promise<string> {
  if (!userId) return "Kreisnetz";
  return (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "Kreisnetz";
}

export async function projectMemberIds(db: DbOrTx, projectId: string): Promise<string[]> {
  return (await db.projectMember.findMany({ where: { projectId }, select: { userId: true } })).map((m) => m.userId);
}

export async function projectTitle(db: DbOrTx, projectId: string): Promise<string | null> {
  return (await db.project.findUnique({ where: { id: projectId }, select: { title: true } }))?.title ?? null;
}

export async function commentExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.taskComment.count({ where: { id } })) === 1;
}
