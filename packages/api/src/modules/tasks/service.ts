import type { Prisma, Tx } from "@kreisnetz/db/client";
import { renderRichText, validateRichText } from "@kreisnetz/editor/render";
import { AppError } from "@kreisnetz/shared/errors";
import type {
  TBoardInput,
  TCreateTaskInput,
  TDependencyInput,
  TMoveTaskInput,
  TMyTasksInput,
  TTaskIdInput,
  TUpdateTaskInput,
} from "@kreisnetz/shared/schemas/projects";
import { mutate, type TMutationTools } from "../../mutation.ts";
import { canBeAssigned, canEditTask, canReadProject } from "../projects/policy.ts";
import { fieldError, requireProject, type Ctx } from "../projects/service.ts";
import * as repo from "./repo.ts";
import {
  berlinToday,
  createsCycle,
  datesInOrder,
  formatTaskKey,
  fromDbDate,
  isOverdue,
  stateTransition,
  toDbDate,
} from "./rules.ts";

const OBJECT_TYPE = "task";
/** Gap between appended cards, so later moves can land between two cards with one write. */
const POSITION_STEP = 1024;

/**
 * The task with its project access facts. A task in a project the actor may
 * not read is NOT_FOUND; `edit` additionally requires the right to change tasks.
 */
export async function requireTask(
  db: Ctx["db"] | Tx,
  ctx: Ctx,
  taskId: string,
  edit: boolean,
): Promise<repo.TTaskContextRow> {
  const task = await repo.taskContext(db, taskId, ctx.actor.id);
  if (!task || !canReadProject(task)) throw new AppError("NOT_FOUND", "errors.notFound");
  if (edit && task.archivedAt) throw new AppError("BAD_INPUT", "projects.error.archived");
  if (edit && !canEditTask(task)) throw new AppError("FORBIDDEN", "errors.forbidden");
  return task;
}

function conflict(currentVersion: number) {
  return new AppError("CONFLICT", "tasks.error.conflict", { currentVersion });
}

export type TTaskDto = Awaited<ReturnType<typeof loadDto>>;

/** A description is checked against the editor's schema like news and articles: refused, never repaired. */
function cleanDescription(json: Record<string, unknown> | null | undefined) {
  if (json === undefined || json === null) return json;
  const checked = validateRichText(json);
  if (!checked.ok) throw fieldError("BAD_INPUT", "tasks.error.description", "description");
  return checked.state as unknown as Prisma.InputJsonValue;
}

/** The description as sanitised HTML (the shared renderer, ADR 0005); empty if it cannot be rendered. */
function descriptionHtml(json: unknown): string | null {
  if (json === null || json === undefined) return null;
  try {
    return renderRichText(json).html;
  } catch {
    return "";
  }
}

async function loadDto(db: Ctx["db"] | Tx, id: string) {
  const row = await repo.findTask(db, id);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFound");
  const dueDate = fromDbDate(row.dueDate);
  return {
    id: row.id,
    key: formatTaskKey(row.project.key, row.number),
    projectId: row.projectId,
    number: row.number,
    title: row.title,
    description: (row.description ?? null) as Record<string, unknown> | null,
    descriptionHtml: descriptionHtml(row.description),
    state: row.state,
    priority: row.priority,
    assignees: row.assignees.map((a) => a.user),
    responsibleUnitId: row.responsibleUnitId,
    startDate: fromDbDate(row.startDate),
    dueDate,
    overdue: isOverdue(dueDate, row.state.group, berlinToday(new Date())),
    labels: row.labels,
    position: row.position,
    version: row.version,
    completedAt: row.completedAt,
    blockedBy: row.blockedBy.map((d) => ({
      id: d.blockedBy.id,
      key: formatTaskKey(row.project.key, d.blockedBy.number),
      title: d.blockedBy.title,
      group: d.blockedBy.state.group,
    })),
    /** "aus Protokoll ...": the meeting whose action item this task came from. */
    fromMeeting: row.meetingAction
      ? {
          meetingId: row.meetingAction.meeting.id,
          title: row.meetingAction.meeting.title,
          startsAt: row.meetingAction.meeting.startsAt,
          actionItemId: row.meetingAction.id,
        }
      : null,
    milestones: row.milestones.map((m) => ({
      id: m.milestone.id,
      title: m.milestone.title,
      dueDate: fromDbDate(m.milestone.dueDate)!,
    })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function get(ctx: Ctx, input: TTaskIdInput): Promise<TTaskDto> {
  await requireTask(ctx.db, ctx, input.id, false);
  return loadDto(ctx.db, input.id);
}

/** Checks assignees (members, not guests), the responsible unit and the column against the project. */
async function validateRefs(
  tx: Tx,
  projectId: string,
  refs: { assigneeIds?: readonly string[]; responsibleUnitId?: string | null; stateId?: string },
) {
  if (refs.assigneeIds && refs.assigneeIds.length > 0) {
    const roles = await repo.memberRoles(tx, projectId, refs.assigneeIds);
    if (refs.assigneeIds.some((id) => !canBeAssigned(roles.get(id)))) {
      throw fieldError("BAD_INPUT", "tasks.error.assigneeNotMember", "assigneeIds");
    }
  }
  if (refs.responsibleUnitId && !(await repo.unitIsOpen(tx, refs.responsibleUnitId))) {
    throw fieldError("NOT_FOUND", "tasks.error.unitNotFound", "responsibleUnitId");
  }
  if (refs.stateId) {
    const state = await repo.findState(tx, projectId, refs.stateId);
    if (!state) throw fieldError("NOT_FOUND", "tasks.error.stateNotFound", "stateId");
    return state;
  }
  return null;
}

/** A new task gets the project's next number ("DIGI-43") and goes to the end of its column. */
export async function create(ctx: Ctx, input: TCreateTaskInput): Promise<TTaskDto> {
  const id = await mutate(ctx, async (tools) => {
    const project = await requireProject(tools.tx, ctx.actor, input.projectId, canEditTask);
    return (await createInTransaction(tools, project, input)).id;
  });
  return loadDto(ctx.db, id);
}

/**
 * The task insert inside a caller's transaction, for services that create a
 * task as part of their own change (an action item of the minutes becoming a
 * task). The caller has checked that the actor may edit tasks in `project`.
 */
export async function createInTransaction(
  { tx, event }: TMutationTools,
  project: { id: string; key: string },
  input: Omit<TCreateTaskInput, "projectId">,
  payload: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  if (!datesInOrder(input.startDate, input.dueDate)) {
    throw fieldError("BAD_INPUT", "tasks.error.dueBeforeStart", "dueDate");
  }
  const assigneeIds = [...new Set(input.assigneeIds)];
  const state =
    (await validateRefs(tx, project.id, {
      assigneeIds,
      responsibleUnitId: input.responsibleUnitId,
      stateId: input.stateId,
    })) ?? (await repo.firstOpenState(tx, project.id));
  if (!state) throw fieldError("NOT_FOUND", "tasks.error.stateNotFound", "stateId");
  const number = await repo.nextTaskNumber(tx, project.id);
  const last = await repo.lastPosition(tx, state.id);
  const now = new Date();
  const transition = stateTransition("OPEN", state.group, null, now);
  const task = await repo.insertTask(tx, {
    projectId: project.id,
    number,
    title: input.title,
    description: cleanDescription(input.description) ?? null,
    stateId: state.id,
    priority: input.priority,
    responsibleUnitId: input.responsibleUnitId ?? null,
    startDate: toDbDate(input.startDate ?? null),
    dueDate: toDbDate(input.dueDate ?? null),
    labels: [...new Set(input.labels)],
    position: (last ?? 0) + POSITION_STEP,
    completedAt: transition.completedAt,
    assigneeIds,
  });
  const key = formatTaskKey(project.key, number);
  const base = { objectType: OBJECT_TYPE, objectId: task.id, projectId: project.id };
  await event({ ...base, verb: "task.created", payload: { key, stateGroup: state.group, ...payload } });
  for (const assigneeId of assigneeIds) await event({ ...base, verb: "task.assigned", payload: { key, assigneeId } });
  if (transition.completed) await event({ ...base, verb: "task.completed", payload: { key } });
  return { id: task.id, key };
}

/**
 * Changes the fields given, only if the task is still at `version`: a second
 * writer gets CONFLICT with the current version instead of overwriting.
 */
export async function update(ctx: Ctx, input: TUpdateTaskInput): Promise<TTaskDto> {
  const id = await mutate(ctx, async (tools) => {
    const { tx, event } = tools;
    const task = await requireTask(tx, ctx, input.id, true);
    if (task.version !== input.version) throw conflict(task.version);
    const startDate = input.startDate === undefined ? task.startDate : input.startDate;
    const dueDate = input.dueDate === undefined ? task.dueDate : input.dueDate;
    if (!datesInOrder(startDate, dueDate)) throw fieldError("BAD_INPUT", "tasks.error.dueBeforeStart", "dueDate");
    const assigneeIds = input.assigneeIds ? [...new Set(input.assigneeIds)] : undefined;
    const state = await validateRefs(tx, task.projectId, {
      assigneeIds,
      responsibleUnitId: input.responsibleUnitId,
      stateId: input.stateId,
    });
    const transition = state ? stateTransition(task.stateGroup, state.group, task.completedAt, new Date()) : null;
    const written = await repo.updateTaskIfVersion(tx, task.id, input.version, {
      title: input.title,
      description: cleanDescription(input.description),
      stateId: state?.id,
      priority: input.priority,
      responsibleUnitId: input.responsibleUnitId,
      startDate: input.startDate === undefined ? undefined : toDbDate(input.startDate),
      dueDate: input.dueDate === undefined ? undefined : toDbDate(input.dueDate),
      labels: input.labels ? [...new Set(input.labels)] : undefined,
      ...(transition ? { completedAt: transition.completedAt } : {}),
    });
    if (!written) throw conflict((await repo.currentVersion(tx, task.id)) ?? input.version);
    const key = formatTaskKey(task.projectKey, task.number);
    const base = { objectType: OBJECT_TYPE, objectId: task.id, projectId: task.projectId };
    const { id: _id, version: _version, ...fields } = input;
    const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
    await event({ ...base, verb: "task.updated", payload: { key, fields: changed, version: input.version + 1 } });
    if (assigneeIds) await reassign(tools, task, assigneeIds);
    if (transition) await stateEvents(tools, task, state!.id, transition, input.version + 1);
    return task.id;
  });
  return loadDto(ctx.db, id);
}

async function reassign({ tx, event }: TMutationTools, task: repo.TTaskContextRow, wanted: readonly string[]) {
  const current = await repo.assigneeIds(tx, task.id);
  const add = wanted.filter((id) => !current.includes(id));
  const remove = current.filter((id) => !wanted.includes(id));
  await repo.setAssignees(tx, task.id, add, remove);
  const key = formatTaskKey(task.projectKey, task.number);
  const base = { objectType: OBJECT_TYPE, objectId: task.id, projectId: task.projectId };
  for (const assigneeId of add) await event({ ...base, verb: "task.assigned", payload: { key, assigneeId } });
  for (const assigneeId of remove) await event({ ...base, verb: "task.unassigned", payload: { key, assigneeId } });
}

async function stateEvents(
  { event }: TMutationTools,
  task: repo.TTaskContextRow,
  toStateId: string,
  transition: ReturnType<typeof stateTransition>,
  version: number,
) {
  const key = formatTaskKey(task.projectKey, task.number);
  const base = { objectType: OBJECT_TYPE, objectId: task.id, projectId: task.projectId };
  if (toStateId !== task.stateId) {
    await event({ ...base, verb: "task.moved", payload: { key, fromStateId: task.stateId, toStateId, version } });
  }
  if (transition.completed) await event({ ...base, verb: "task.completed", payload: { key, version } });
  if (transition.reopened) await event({ ...base, verb: "task.reopened", payload: { key, version } });
}

/**
 * The board's drag and drop: column and position in one guarded write. Four
 * statements in all (context, column, write, event) so a busy board stays fast.
 */
export async function move(ctx: Ctx, input: TMoveTaskInput) {
  return mutate(ctx, async (tools) => {
    const { tx } = tools;
    const task = await requireTask(tx, ctx, input.id, true);
    if (task.version !== input.version) throw conflict(task.version);
    const state =
      input.stateId === task.stateId
        ? { id: task.stateId, group: task.stateGroup }
        : await repo.findState(tx, task.projectId, input.stateId);
    if (!state) throw fieldError("NOT_FOUND", "tasks.error.stateNotFound", "stateId");
    const transition = stateTransition(task.stateGroup, state.group, task.completedAt, new Date());
    const written = await repo.updateTaskIfVersion(tx, task.id, input.version, {
      stateId: state.id,
      position: input.position,
      completedAt: transition.completedAt,
    });
    if (!written) throw conflict((await repo.currentVersion(tx, task.id)) ?? input.version);
    if (state.id === task.stateId) {
      await tools.event({
        verb: "task.reordered",
        objectType: OBJECT_TYPE,
        objectId: task.id,
        projectId: task.projectId,
        payload: { key: formatTaskKey(task.projectKey, task.number), version: input.version + 1 },
      });
    }
    await stateEvents(tools, task, state.id, transition, input.version + 1);
    return {
      id: task.id,
      stateId: state.id,
      position: input.position,
      version: input.version + 1,
      completedAt: transition.completedAt,
    };
  });
}

/** The kanban board: columns in order, each with its cards (key, assignees, due date, overdue flag). */
export async function board(ctx: Ctx, input: TBoardInput) {
  const project = await requireProject(ctx.db, ctx.actor, input.projectId, null);
  const [states, tasks, people] = await Promise.all([
    repo.listStates(ctx.db, project.id),
    repo.boardTasks(ctx.db, project.id),
    repo.boardAssignees(ctx.db, project.id),
  ]);
  // Assignees in name order on every card: rank each person once, then sort the (few) ids per card.
  const collator = new Intl.Collator("de");
  people.sort((a, b) => collator.compare(a.name, b.name));
  const rank = new Map(people.map((p, i) => [p.id, i]));
  const byRank = (a: string, b: string) => rank.get(a)! - rank.get(b)!;
  const today = berlinToday(new Date());
  const cardsByState = new Map(states.map((state) => [state.id, [] as TBoardCard[]]));
  const groupOf = new Map(states.map((state) => [state.id, state.group]));
  for (const t of tasks) {
    cardsByState.get(t.stateId)?.push({
      id: t.id,
      key: formatTaskKey(project.key, t.number),
      number: t.number,
      title: t.title,
      priority: t.priority,
      position: t.position,
      version: t.version,
      dueDate: t.dueDate,
      overdue: isOverdue(t.dueDate, groupOf.get(t.stateId)!, today),
      labels: t.labels,
      assignees: (t.assigneeIds ?? []).sort(byRank).map((id) => people[rank.get(id)!]!),
      fromMeeting: t.fromMeetingId ? { id: t.fromMeetingId, title: t.fromMeetingTitle ?? "" } : null,
    });
  }
  return {
    project: { id: project.id, key: project.key, archived: project.archivedAt !== null, myRole: project.role },
    columns: states.map((state) => ({ ...state, tasks: cardsByState.get(state.id)! })),
  };
}

type TBoardCard = Omit<repo.TBoardTaskRow, "stateId" | "assigneeIds" | "fromMeetingId" | "fromMeetingTitle"> & {
  assignees: { id: string; name: string }[];
  key: string;
  overdue: boolean;
  fromMeeting: { id: string; title: string } | null;
};

/** "My tasks" across every project the caller may read, soonest due first (undated last). */
export async function myTasks(ctx: Ctx, input: TMyTasksInput) {
  const rows = await repo.myTasks(ctx.db, ctx.actor.id, input.includeClosed);
  const today = berlinToday(new Date());
  return rows.map((row) => ({
    id: row.id,
    key: formatTaskKey(row.projectKey, row.number),
    projectId: row.projectId,
    projectTitle: row.projectTitle,
    title: row.title,
    priority: row.priority,
    stateName: row.stateName,
    stateGroup: row.stateGroup,
    dueDate: row.dueDate,
    overdue: isOverdue(row.dueDate, row.stateGroup, today),
    version: row.version,
  }));
}

/** "taskId is blocked by blockedById", both in the same project; a cycle is refused. */
export async function addDependency(ctx: Ctx, input: TDependencyInput): Promise<TTaskDto> {
  const id = await mutate(ctx, async ({ tx, event }) => {
    const task = await requireTask(tx, ctx, input.taskId, true);
    // Serialise dependency changes per project: two concurrent edges could otherwise close a cycle together.
    await requireProject(tx, ctx.actor, task.projectId, canEditTask, { lock: true });
    const other = await repo.taskContext(tx, input.blockedById, ctx.actor.id);
    if (!other || other.projectId !== task.projectId) {
      throw fieldError("NOT_FOUND", "tasks.error.dependencyNotFound", "blockedById");
    }
    if (await repo.dependencyExists(tx, task.id, other.id)) return task.id;
    if (createsCycle(await repo.dependencyGraph(tx, task.projectId), task.id, other.id)) {
      throw fieldError("BAD_INPUT", "tasks.error.cycle", "blockedById");
    }
    await repo.insertDependency(tx, task.id, other.id);
    await event({
      verb: "task.dependency-added",
      objectType: OBJECT_TYPE,
      objectId: task.id,
      projectId: task.projectId,
      payload: {
        key: formatTaskKey(task.projectKey, task.number),
        blockedBy: formatTaskKey(other.projectKey, other.number),
        blockedById: other.id,
      },
    });
    return task.id;
  });
  return loadDto(ctx.db, id);
}

export async function removeDependency(ctx: Ctx, input: TDependencyInput): Promise<TTaskDto> {
  const id = await mutate(ctx, async ({ tx, event }) => {
    const task = await requireTask(tx, ctx, input.taskId, true);
    if (!(await repo.deleteDependency(tx, task.id, input.blockedById))) {
      throw fieldError("NOT_FOUND", "tasks.error.dependencyNotFound", "blockedById");
    }
    await event({
      verb: "task.dependency-removed",
      objectType: OBJECT_TYPE,
      objectId: task.id,
      projectId: task.projectId,
      payload: { key: formatTaskKey(task.projectKey, task.number), blockedById: input.blockedById },
    });
    return task.id;
  });
  return loadDto(ctx.db, id);
}
