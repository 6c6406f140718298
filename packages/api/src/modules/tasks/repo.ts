import { Prisma, readRows, type DbOrTx, type Tx } from "@kreisnetz/db/client";
import type {
  TProjectRole,
  TProjectVisibility,
  TTaskPriority,
  TTaskStateGroup,
} from "@kreisnetz/shared/schemas/projects";

/** Everything a task write needs to decide, in one statement: the task, its column, the project and the actor's role. */
export type TTaskContextRow = {
  id: string;
  projectId: string;
  projectKey: string;
  number: number;
  version: number;
  stateId: string;
  stateGroup: TTaskStateGroup;
  completedAt: Date | null;
  startDate: string | null;
  dueDate: string | null;
  visibility: TProjectVisibility;
  archivedAt: Date | null;
  role: TProjectRole | null;
};

export async function taskContext(db: DbOrTx, taskId: string, userId: string): Promise<TTaskContextRow | null> {
  const rows = await db.$queryRaw<TTaskContextRow[]>`
    SELECT t.id, t.project_id AS "projectId", p.key AS "projectKey", t.number, t.version,
           t.state_id AS "stateId", s."group"::text AS "stateGroup", t.completed_at AS "completedAt",
           to_char(t.start_date, 'YYYY-MM-DD') AS "startDate", to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
           p.visibility::text AS visibility, p.archived_at AS "archivedAt", m.role::text AS role
    FROM task t
    JOIN project p ON p.id = t.project_id
    JOIN task_state s ON s.id = t.state_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}
    WHERE t.id = ${taskId}`;
  return rows[0] ?? null;
}

export type TStateRow = { id: string; name: string; group: TTaskStateGroup; position: number };

export async function findState(db: DbOrTx, projectId: string, stateId: string): Promise<TStateRow | null> {
  return db.taskState.findFirst({
    where: { id: stateId, projectId },
    select: { id: true, name: true, group: true, position: true },
  });
}

export async function firstOpenState(db: DbOrTx, projectId: string): Promise<TStateRow | null> {
  return db.taskState.findFirst({
    where: { projectId, group: "OPEN" },
    select: { id: true, name: true, group: true, position: true },
    orderBy: { position: "asc" },
  });
}

export async function listStates(db: DbOrTx, projectId: string): Promise<TStateRow[]> {
  return db.taskState.findMany({
    where: { projectId },
    select: { id: true, name: true, group: true, position: true },
    orderBy: { position: "asc" },
  });
}

/** Roles of these people in the project (people who are not members are missing from the map). */
export async function memberRoles(db: DbOrTx, projectId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return new Map<string, TProjectRole>();
  const rows = await db.projectMember.findMany({
    where: { projectId, userId: { in: [...userIds] } },
    select: { userId: true, role: true },
  });
  return new Map(rows.map((r) => [r.userId, r.role]));
}

export async function unitIsOpen(db: DbOrTx, unitId: string): Promise<boolean> {
  return (await db.orgUnit.count({ where: { id: unitId, dissolvedAt: null } })) === 1;
}

/** Hands out the next task number; the UPDATE also locks the project row until commit. */
export async function nextTaskNumber(tx: Tx, projectId: string): Promise<number> {
  const project = await tx.project.update({
    where: { id: projectId },
    data: { taskCounter: { increment: 1 } },
    select: { taskCounter: true },
  });
  return project.taskCounter;
}

export async function lastPosition(db: DbOrTx, stateId: string): Promise<number | null> {
  const row = await db.task.aggregate({ where: { stateId }, _max: { position: true } });
  return row._max.position;
}

export async function insertTask(
  tx: Tx,
  data: {
    projectId: string;
    number: number;
    title: string;
    description: Prisma.InputJsonValue | null;
    stateId: string;
    priority: TTaskPriority;
    responsibleUnitId: string | null;
    startDate: Date | null;
    dueDate: Date | null;
    labels: string[];
    position: number;
    completedAt: Date | null;
    assigneeIds: readonly string[];
  },
): Promise<{ id: string }> {
  const { assigneeIds, description, ...rest } = data;
  const task = await tx.task.create({
    data: { ...rest, description: description ?? Prisma.DbNull },
    select: { id: true },
  });
  if (assigneeIds.length > 0) {
    await tx.taskAssignee.createMany({ data: assigneeIds.map((userId) => ({ taskId: task.id, userId })) });
  }
  return task;
}

/**
 * Writes only if nobody else wrote since `version` was read, and bumps it.
 * Returns false on a lost race: the caller reports CONFLICT, never overwrites.
 */
export async function updateTaskIfVersion(
  tx: DbOrTx,
  id: string,
  version: number,
  data: {
    title?: string;
    description?: Prisma.InputJsonValue | null;
    stateId?: string;
    priority?: TTaskPriority;
    responsibleUnitId?: string | null;
    startDate?: Date | null;
    dueDate?: Date | null;
    labels?: string[];
    position?: number;
    completedAt?: Date | null;
  },
): Promise<boolean> {
  const { description, ...rest } = data;
  const result = await tx.task.updateMany({
    where: { id, version },
    data: {
      ...rest,
      ...(description === undefined ? {} : { description: description ?? Prisma.DbNull }),
      version: { increment: 1 },
    },
  });
  return result.count === 1;
}

export async function currentVersion(db: DbOrTx, id: string): Promise<number | null> {
  return (await db.task.findUnique({ where: { id }, select: { version: true } }))?.version ?? null;
}

export async function assigneeIds(db: DbOrTx, taskId: string): Promise<string[]> {
  return (await db.taskAssignee.findMany({ where: { taskId }, select: { userId: true } })).map((a) => a.userId);
}

export async function setAssignees(tx: Tx, taskId: string, add: readonly string[], remove: readonly string[]) {
  if (remove.length > 0) await tx.taskAssignee.deleteMany({ where: { taskId, userId: { in: [...remove] } } });
  if (add.length > 0) await tx.taskAssignee.createMany({ data: add.map((userId) => ({ taskId, userId })) });
}

const TASK_SELECT = {
  id: true,
  projectId: true,
  number: true,
  title: true,
  description: true,
  priority: true,
  responsibleUnitId: true,
  startDate: true,
  dueDate: true,
  labels: true,
  position: true,
  version: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  project: { select: { key: true } },
  state: { select: { id: true, name: true, group: true } },
  assignees: { select: { user: { select: { id: true, name: true } } }, orderBy: { user: { name: "asc" } } },
  blockedBy: {
    select: { blockedBy: { select: { id: true, number: true, title: true, state: { select: { group: true } } } } },
    orderBy: { blockedBy: { number: "asc" } },
  },
  meetingAction: { select: { id: true, meeting: { select: { id: true, title: true, startsAt: true } } } },
  milestones: { select: { milestone: { select: { id: true, title: true, dueDate: true } } } },
} as const satisfies Prisma.TaskSelect;

export type TTaskRow = Prisma.TaskGetPayload<{ select: typeof TASK_SELECT }>;

export async function findTask(db: DbOrTx, id: string): Promise<TTaskRow | null> {
  return db.task.findUnique({ where: { id }, select: TASK_SELECT });
}

export type TBoardTaskRow = {
  id: string;
  stateId: string;
  number: number;
  title: string;
  priority: TTaskPriority;
  position: number;
  version: number;
  dueDate: string | null;
  labels: string[];
  /** Ids of the people assigned, in no particular order; null when nobody is. */
  assigneeIds: string[] | null;
  /** The meeting whose action item became this task ("aus Protokoll ..."), if any. */
  fromMeetingId: string | null;
  fromMeetingTitle: string | null;
};

/**
 * All tasks of a project, for the board: one statement for the cards and one for the names of
 * everyone assigned, both on the pg pool (`readRows`), because the board is the project space's
 * hottest read and Prisma's raw-query path costs several times the statement's own CPU for
 * 2,000 rows. Assignees travel as id arrays (not JSON objects per card) and are ordered by name in
 * Node; the service sorts cards into columns, so PostgreSQL does not sort by the text state id.
 */
export async function boardTasks(db: DbOrTx, projectId: string): Promise<TBoardTaskRow[]> {
  return readRows<TBoardTaskRow>(
    db,
    Prisma.sql`
    SELECT t.id, t.state_id AS "stateId", t.number, t.title, t.priority::text AS priority, t.position, t.version,
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.labels, asg.ids AS "assigneeIds",
           mt.id AS "fromMeetingId", mt.title AS "fromMeetingTitle"
    FROM task t
    LEFT JOIN (
      SELECT a.task_id, array_agg(a.user_id) AS ids
      FROM task_assignee a JOIN task tt ON tt.id = a.task_id
      WHERE tt.project_id = ${projectId}
      GROUP BY a.task_id
    ) asg ON asg.task_id = t.id
    LEFT JOIN meeting_action_item ai ON ai.task_id = t.id
    LEFT JOIN meeting mt ON mt.id = ai.meeting_id
    WHERE t.project_id = ${projectId}
    ORDER BY t.position, t.number`,
  );
}

/** Everyone assigned to a task of the project, once each. */
export async function boardAssignees(db: DbOrTx, projectId: string): Promise<{ id: string; name: string }[]> {
  return readRows<{ id: string; name: string }>(
    db,
    Prisma.sql`
    SELECT DISTINCT u.id, u.name
    FROM task_assignee a JOIN task t ON t.id = a.task_id JOIN app_user u ON u.id = a.user_id
    WHERE t.project_id = ${projectId}`,
  );
}

export type TMyTaskRow = {
  id: string;
  projectId: string;
  projectKey: string;
  projectTitle: string;
  number: number;
  title: string;
  priority: TTaskPriority;
  stateName: string;
  stateGroup: TTaskStateGroup;
  dueDate: string | null;
  version: number;
};

/** Tasks assigned to the user in projects they may read (never archived ones), soonest due first. */
export async function myTasks(db: DbOrTx, userId: string, includeClosed: boolean): Promise<TMyTaskRow[]> {
  const open = includeClosed ? Prisma.empty : Prisma.sql`AND s."group" IN ('OPEN', 'IN_PROGRESS')`;
  return db.$queryRaw<TMyTaskRow[]>`
    SELECT t.id, t.project_id AS "projectId", p.key AS "projectKey", p.title AS "projectTitle", t.number, t.title,
           t.priority::text AS priority, s.name AS "stateName", s."group"::text AS "stateGroup",
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", t.version
    FROM task_assignee a
    JOIN task t ON t.id = a.task_id
    JOIN task_state s ON s.id = t.state_id
    JOIN project p ON p.id = t.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = a.user_id
    WHERE a.user_id = ${userId}
      AND p.archived_at IS NULL
      AND (p.visibility = 'ALL_STAFF' OR m.user_id IS NOT NULL)
      ${open}
    ORDER BY t.due_date ASC NULLS LAST, t.priority DESC, p.key, t.number`;
}

/** The project's whole dependency graph (task -> tasks it is blocked by) for the cycle check. */
export async function dependencyGraph(db: DbOrTx, projectId: string): Promise<Map<string, string[]>> {
  const rows = await db.taskDependency.findMany({
    where: { task: { projectId } },
    select: { taskId: true, blockedById: true },
  });
  const graph = new Map<string, string[]>();
  for (const row of rows) graph.set(row.taskId, [...(graph.get(row.taskId) ?? []), row.blockedById]);
  return graph;
}

export async function dependencyExists(db: DbOrTx, taskId: string, blockedById: string): Promise<boolean> {
  return (await db.taskDependency.count({ where: { taskId, blockedById } })) > 0;
}

export async function insertDependency(tx: Tx, taskId: string, blockedById: string): Promise<void> {
  await tx.taskDependency.create({ data: { taskId, blockedById }, select: { taskId: true } });
}

export async function deleteDependency(tx: Tx, taskId: string, blockedById: string): Promise<boolean> {
  return (await tx.taskDependency.deleteMany({ where: { taskId, blockedById } })).count === 1;
}
