import { Prisma } from "@kreisnetz/db/client";
import type {
  TDeadlineCalendarInput,
  TProjectIdInput,
  TTaskListInput,
  TTaskPriority,
  TTaskStateGroup,
} from "@kreisnetz/shared/schemas/projects";
import { milestoneStatus, monthGrid, monthRange, shiftMonth } from "../milestones/rules.ts";
import { instantToBerlinLocal } from "../meetings/rules.ts";
import { berlinToday, formatTaskKey, isOverdue } from "../tasks/rules.ts";
import { requireProject, type Ctx } from "./service.ts";
import { PROJECT_TEMPLATES } from "./templates.ts";

/** How far ahead the overview looks for deadlines. */
const UPCOMING_DAYS = 14;

/** Share of done tasks among those not cancelled (cancelled work is neither done nor left). */
export function progressShare(done: number, total: number, cancelled: number): number {
  const relevant = total - cancelled;
  return relevant <= 0 ? 0 : done / relevant;
}

/** Progress by state group, overdue count, and the next deadlines (tasks, milestones, meetings). */
export async function overview(ctx: Ctx, input: TProjectIdInput) {
  const project = await requireProject(ctx.db, ctx.actor, input.id, null);
  const today = berlinToday(new Date());
  const [groups, upcoming, overdueCount, milestones, meetings] = await Promise.all([
    ctx.db.$queryRaw<{ group: TTaskStateGroup; count: number }[]>`
      SELECT s."group"::text AS "group", count(*)::int AS count
      FROM task t JOIN task_state s ON s.id = t.state_id
      WHERE t.project_id = ${project.id} GROUP BY s."group"`,
    ctx.db.$queryRaw<{ id: string; number: number; title: string; dueDate: string; group: TTaskStateGroup }[]>`
      SELECT t.id, t.number, t.title, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", s."group"::text AS "group"
      FROM task t JOIN task_state s ON s.id = t.state_id
      WHERE t.project_id = ${project.id} AND s."group" IN ('OPEN', 'IN_PROGRESS')
        AND t.due_date IS NOT NULL AND t.due_date <= (${today}::date + ${UPCOMING_DAYS}::int)
      ORDER BY t.due_date, t.number LIMIT 15`,
    ctx.db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM task t JOIN task_state s ON s.id = t.state_id
      WHERE t.project_id = ${project.id} AND s."group" IN ('OPEN', 'IN_PROGRESS') AND t.due_date < ${today}::date`,
    ctx.db.$queryRaw<{ id: string; title: string; dueDate: string; groups: TTaskStateGroup[] }[]>`
      SELECT ms.id, ms.title, to_char(ms.due_date, 'YYYY-MM-DD') AS "dueDate",
             COALESCE(array_agg(s."group"::text) FILTER (WHERE s.id IS NOT NULL), '{}') AS groups
      FROM milestone ms
      LEFT JOIN milestone_task mt ON mt.milestone_id = ms.id
      LEFT JOIN task t ON t.id = mt.task_id
      LEFT JOIN task_state s ON s.id = t.state_id
      WHERE ms.project_id = ${project.id}
      GROUP BY ms.id ORDER BY ms.due_date LIMIT 50`,
    ctx.db.meeting.findMany({
      where: { projectId: project.id, startsAt: { gte: new Date(Date.now() - 12 * 3600_000) } },
      select: { id: true, title: true, startsAt: true, status: true },
      orderBy: { startsAt: "asc" },
      take: 3,
    }),
  ]);
  const count = (g: TTaskStateGroup) => groups.find((row) => row.group === g)?.count ?? 0;
  const total = groups.reduce((sum, row) => sum + row.count, 0);
  return {
    progress: {
      total,
      open: count("OPEN"),
      inProgress: count("IN_PROGRESS"),
      done: count("DONE"),
      cancelled: count("CANCELLED"),
      share: progressShare(count("DONE"), total, count("CANCELLED")),
    },
    overdueCount: overdueCount[0]?.count ?? 0,
    upcoming: upcoming.map((t) => ({
      id: t.id,
      key: formatTaskKey(project.key, t.number),
      title: t.title,
      dueDate: t.dueDate,
      overdue: isOverdue(t.dueDate, t.group, today),
    })),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      status: milestoneStatus(m.groups, m.dueDate, today),
    })),
    nextMeetings: meetings.map((m) => ({ ...m, startsAtLocal: instantToBerlinLocal(m.startsAt) })),
  };
}

export function templates() {
  return PROJECT_TEMPLATES.map((t) => ({
    key: t.key,
    states: t.states.map((s) => ({ ...s })),
    milestones: t.milestones.map((m) => m.title),
    taskCount: t.tasks.length,
  }));
}

const SORTS: Record<TTaskListInput["sort"], Prisma.Sql> = {
  due: Prisma.sql`t.due_date ASC NULLS LAST, t.number`,
  priority: Prisma.sql`t.priority DESC, t.due_date ASC NULLS LAST, t.number`,
  number: Prisma.sql`t.number`,
  title: Prisma.sql`lower(t.title), t.number`,
};

/** The list view: filters (group, assignee, label, overdue) and a sort, in one statement. */
export async function taskList(ctx: Ctx, input: TTaskListInput) {
  const project = await requireProject(ctx.db, ctx.actor, input.projectId, null);
  const today = berlinToday(new Date());
  const where = [Prisma.sql`t.project_id = ${project.id}`];
  if (input.group) where.push(Prisma.sql`s."group" = ${input.group}::"TaskStateGroup"`);
  if (input.assigneeId) {
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM task_assignee a WHERE a.task_id = t.id AND a.user_id = ${input.assigneeId})`,
    );
  }
  if (input.label) where.push(Prisma.sql`${input.label} = ANY(t.labels)`);
  if (input.overdue) {
    where.push(Prisma.sql`s."group" IN ('OPEN', 'IN_PROGRESS') AND t.due_date < ${today}::date`);
  }
  const rows = await ctx.db.$queryRaw<
    {
      id: string;
      number: number;
      title: string;
      priority: TTaskPriority;
      stateName: string;
      group: TTaskStateGroup;
      dueDate: string | null;
      labels: string[];
      version: number;
      assignees: { id: string; name: string }[];
      fromMeetingId: string | null;
      fromMeetingTitle: string | null;
    }[]
  >`
    SELECT t.id, t.number, t.title, t.priority::text AS priority, s.name AS "stateName", s."group"::text AS "group",
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.labels, t.version,
           COALESCE(
             (SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
              FROM task_assignee a JOIN app_user u ON u.id = a.user_id WHERE a.task_id = t.id),
             '[]'::json) AS assignees,
           mt.id AS "fromMeetingId", mt.title AS "fromMeetingTitle"
    FROM task t JOIN task_state s ON s.id = t.state_id
    LEFT JOIN meeting_action_item ai ON ai.task_id = t.id
    LEFT JOIN meeting mt ON mt.id = ai.meeting_id
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY ${SORTS[input.sort]}
    LIMIT 1000`;
  return rows.map(({ fromMeetingId, fromMeetingTitle, ...row }) => ({
    ...row,
    key: formatTaskKey(project.key, row.number),
    overdue: isOverdue(row.dueDate, row.group, today),
    fromMeeting: fromMeetingId ? { id: fromMeetingId, title: fromMeetingTitle ?? "" } : null,
  }));
}

/**
 * The deadline calendar of one month across the caller's projects (where they
 * are a member, archived ones left out): task due dates, milestones, meetings.
 */
export async function calendar(ctx: Ctx, input: TDeadlineCalendarInput) {
  const { first, last } = monthRange(input.month);
  const today = berlinToday(new Date());
  const userId = ctx.actor.id;
  const [tasks, milestones, meetings] = await Promise.all([
    ctx.db.$queryRaw<
      {
        id: string;
        projectId: string;
        projectKey: string;
        number: number;
        title: string;
        date: string;
        group: TTaskStateGroup;
      }[]
    >`
      SELECT t.id, p.id AS "projectId", p.key AS "projectKey", t.number, t.title,
             to_char(t.due_date, 'YYYY-MM-DD') AS date, s."group"::text AS "group"
      FROM project_member m
      JOIN project p ON p.id = m.project_id AND p.archived_at IS NULL
      JOIN task t ON t.project_id = p.id
      JOIN task_state s ON s.id = t.state_id
      WHERE m.user_id = ${userId} AND s."group" <> 'CANCELLED'
        AND t.due_date BETWEEN ${first}::date AND ${last}::date
      ORDER BY t.due_date, p.key, t.number LIMIT 2000`,
    ctx.db.$queryRaw<{ id: string; projectId: string; projectKey: string; title: string; date: string }[]>`
      SELECT ms.id, p.id AS "projectId", p.key AS "projectKey", ms.title, to_char(ms.due_date, 'YYYY-MM-DD') AS date
      FROM project_member m
      JOIN project p ON p.id = m.project_id AND p.archived_at IS NULL
      JOIN milestone ms ON ms.project_id = p.id
      WHERE m.user_id = ${userId} AND ms.due_date BETWEEN ${first}::date AND ${last}::date
      ORDER BY ms.due_date LIMIT 500`,
    ctx.db.$queryRaw<{ id: string; projectId: string; projectKey: string; title: string; startsAt: Date }[]>`
      SELECT mt.id, p.id AS "projectId", p.key AS "projectKey", mt.title, mt.starts_at AS "startsAt"
      FROM project_member m
      JOIN project p ON p.id = m.project_id AND p.archived_at IS NULL
      JOIN meeting mt ON mt.project_id = p.id
      WHERE m.user_id = ${userId}
        AND mt.starts_at >= (${first}::date - 1) AND mt.starts_at < (${last}::date + 2)
      ORDER BY mt.starts_at LIMIT 500`,
  ]);
  const items = [
    ...tasks.map((t) => ({
      kind: "TASK" as const,
      id: t.id,
      projectId: t.projectId,
      projectKey: t.projectKey,
      key: formatTaskKey(t.projectKey, t.number),
      title: t.title,
      date: t.date,
      time: null,
      overdue: isOverdue(t.date, t.group, today),
      done: t.group === "DONE",
    })),
    ...milestones.map((m) => ({
      kind: "MILESTONE" as const,
      id: m.id,
      projectId: m.projectId,
      projectKey: m.projectKey,
      key: null,
      title: m.title,
      date: m.date,
      time: null,
      overdue: false,
      done: false,
    })),
    ...meetings
      .map((m) => ({ m, local: instantToBerlinLocal(m.startsAt) }))
      .filter(({ local }) => local.slice(0, 10) >= first && local.slice(0, 10) <= last)
      .map(({ m, local }) => ({
        kind: "MEETING" as const,
        id: m.id,
        projectId: m.projectId,
        projectKey: m.projectKey,
        key: null,
        title: m.title,
        date: local.slice(0, 10),
        time: local.slice(11),
        overdue: false,
        done: false,
      })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind));
  return {
    month: input.month,
    previous: shiftMonth(input.month, -1),
    next: shiftMonth(input.month, 1),
    today,
    weeks: monthGrid(input.month),
    items,
  };
}
