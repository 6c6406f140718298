import { hashToken, randomToken } from "@kreisnetz/auth/tokens";
import { Prisma, type DbOrTx } from "@kreisnetz/db/client";
import { translate, type TLocale } from "@kreisnetz/shared/i18n";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import { buildCalendar, type TCalendarEntry } from "./ical.ts";

type Ctx = TContext & { actor: TActor };

/**
 * Where a person's feed entries come from. Task deadlines are built in; the
 * milestones and meetings feature adds its own source here (see
 * `registerCalendarSource`). A source must return only what the person may
 * read: members-only projects for members only.
 */
export type TCalendarSource = (
  db: DbOrTx,
  user: { id: string; locale: TLocale },
  publicUrl: string,
) => Promise<TCalendarEntry[]>;

const sources: TCalendarSource[] = [];

/** Extension point for milestones and meetings (issue 4, other slice). */
export function registerCalendarSource(source: TCalendarSource): void {
  if (!sources.includes(source)) sources.push(source);
}

type TDeadlineRow = {
  id: string;
  projectId: string;
  projectTitle: string;
  key: string;
  title: string;
  dueDate: string;
  updatedAt: Date;
};

/** Open tasks assigned to the person, with a due date, in projects they can still read (not archived). */
export const taskDeadlines: TCalendarSource = async (db, user, publicUrl) => {
  const rows = await db.$queryRaw<TDeadlineRow[]>`
    SELECT t.id, p.id AS "projectId", p.title AS "projectTitle", p.key || '-' || t.number AS key, t.title,
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.updated_at AS "updatedAt"
    FROM task_assignee a
    JOIN task t ON t.id = a.task_id AND t.due_date IS NOT NULL
    JOIN task_state s ON s.id = t.state_id AND s."group" IN ('OPEN', 'IN_PROGRESS')
    JOIN project p ON p.id = t.project_id AND p.archived_at IS NULL
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = a.user_id
    WHERE a.user_id = ${user.id} AND (p.visibility = 'ALL_STAFF' OR m.user_id IS NOT NULL)
    ORDER BY t.due_date, t.id`;
  return rows.map((row) => ({
    uid: `task-${row.id}@kreisnetz`,
    summary: `${translate(user.locale, "calendar.deadline")}: ${row.key} ${row.title}`,
    description: `${row.projectTitle}\n${publicUrl}/projects/${row.projectId}/tasks/${row.id}`,
    date: row.dueDate,
    stamp: row.updatedAt,
    url: `${publicUrl}/projects/${row.projectId}/tasks/${row.id}`,
    categories: [row.projectTitle],
  }));
};
registerCalendarSource(taskDeadlines);

type TProjectDateRow = {
  id: string;
  projectId: string;
  projectTitle: string;
  title: string;
  date: string;
  time: string | null;
  updatedAt: Date;
};

/** Projects whose dates belong in a person's calendar: those they are a member of (any role), not archived. */
const MEMBER_PROJECTS = (userId: string) => Prisma.sql`
  SELECT p.id, p.title FROM project p JOIN project_member m ON m.project_id = p.id
   WHERE m.user_id = ${userId} AND p.archived_at IS NULL`;

/** Milestones of the person's projects, as all-day entries. */
export const milestoneDates: TCalendarSource = async (db, user, publicUrl) => {
  const rows = await db.$queryRaw<TProjectDateRow[]>`
    WITH mine AS (${MEMBER_PROJECTS(user.id)})
    SELECT ms.id, mine.id AS "projectId", mine.title AS "projectTitle", ms.title,
           to_char(ms.due_date, 'YYYY-MM-DD') AS date, NULL AS time, ms.updated_at AS "updatedAt"
      FROM milestone ms JOIN mine ON mine.id = ms.project_id
     ORDER BY ms.due_date, ms.id`;
  return rows.map((row) =>
    projectEntry(
      "milestone",
      row,
      `${translate(user.locale, "calendar.milestone")}: ${row.title}`,
      publicUrl,
      "milestones",
    ),
  );
};

/**
 * Meetings of the person's projects, on their day in Europe/Berlin with the start
 * time in the title (the feed holds all-day entries only, see ical.ts).
 */
export const meetingDates: TCalendarSource = async (db, user, publicUrl) => {
  const rows = await db.$queryRaw<TProjectDateRow[]>`
    WITH mine AS (${MEMBER_PROJECTS(user.id)})
    SELECT mt.id, mine.id AS "projectId", mine.title AS "projectTitle", mt.title,
           to_char((mt.starts_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS date,
           to_char((mt.starts_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin', 'HH24:MI') AS time,
           mt.updated_at AS "updatedAt"
      FROM meeting mt JOIN mine ON mine.id = mt.project_id
     ORDER BY mt.starts_at, mt.id`;
  return rows.map((row) =>
    projectEntry(
      "meeting",
      row,
      `${translate(user.locale, "calendar.meeting")} ${row.time ?? ""}: ${row.title}`,
      publicUrl,
      `meetings/${row.id}`,
    ),
  );
};

function projectEntry(
  kind: string,
  row: TProjectDateRow,
  summary: string,
  publicUrl: string,
  path: string,
): TCalendarEntry {
  const url = `${publicUrl}/projects/${row.projectId}/${path}`;
  return {
    uid: `${kind}-${row.id}@kreisnetz`,
    summary,
    description: `${row.projectTitle}\n${url}`,
    date: row.date,
    stamp: row.updatedAt,
    url,
    categories: [row.projectTitle],
  };
}
registerCalendarSource(milestoneDates);
registerCalendarSource(meetingDates);

export const FEED_PATH = "/calendar/";

/** Whether the person has a feed (the token itself is never stored, only its SHA-256). */
export async function feedStatus(ctx: Ctx) {
  const feed = await ctx.db.calendarFeed.findUnique({ where: { userId: ctx.actor.id }, select: { createdAt: true } });
  return { active: feed !== null, createdAt: feed?.createdAt ?? null };
}

/** A new token replaces the old one, which stops working at once. Shown once. */
export async function regenerate(ctx: Ctx) {
  const token = randomToken(32);
  await mutate(ctx, async ({ tx, event }) => {
    await tx.calendarFeed.upsert({
      where: { userId: ctx.actor.id },
      create: { userId: ctx.actor.id, tokenHash: hashToken(token) },
      update: { tokenHash: hashToken(token), createdAt: new Date() },
      select: { userId: true },
    });
    await event({ verb: "calendar-feed.regenerated", objectType: "user", objectId: ctx.actor.id, isSystem: true });
  });
  return { path: `${FEED_PATH}${token}.ics` };
}

export async function revoke(ctx: Ctx) {
  await mutate(ctx, async ({ tx, event }) => {
    await tx.calendarFeed.deleteMany({ where: { userId: ctx.actor.id } });
    await event({ verb: "calendar-feed.revoked", objectType: "user", objectId: ctx.actor.id, isSystem: true });
  });
  return { active: false };
}

/**
 * The feed for a token, or null for an unknown or revoked token or a
 * deactivated account. Calendar clients cannot log in: the token is the key.
 */
export async function feedForToken(db: DbOrTx, token: string, publicUrl: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { user: { select: { id: true, locale: true, deactivatedAt: true } } },
  });
  if (!feed || feed.user.deactivatedAt) return null;
  const user = { id: feed.user.id, locale: feed.user.locale as TLocale };
  const entries = (await Promise.all(sources.map((source) => source(db, user, publicUrl)))).flat();
  return buildCalendar(translate(user.locale, "calendar.name"), entries);
}
