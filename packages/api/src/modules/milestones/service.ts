import type { Tx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import type {
  TCreateMilestoneInput,
  TListMilestonesInput,
  TMilestoneIdInput,
  TUpdateMilestoneInput,
} from "@kreisnetz/shared/schemas/meetings";
import type { TTaskStateGroup } from "@kreisnetz/shared/schemas/projects";
import { mutate } from "../../mutation.ts";
import { canEditTask, canReadProject } from "../projects/policy.ts";
import { fieldError, requireProject, type Ctx } from "../projects/service.ts";
import { berlinToday, formatTaskKey, fromDbDate, toDbDate } from "../tasks/rules.ts";
import { milestoneStatus } from "./rules.ts";

const OBJECT_TYPE = "milestone";

type TMilestoneContext = {
  id: string;
  projectId: string;
  visibility: "ALL_STAFF" | "MEMBERS";
  archivedAt: Date | null;
  role: "GUEST" | "MEMBER" | "LEAD" | null;
};

async function requireMilestone(db: Ctx["db"] | Tx, ctx: Ctx, id: string): Promise<TMilestoneContext> {
  const rows = await db.$queryRaw<TMilestoneContext[]>`
    SELECT ms.id, ms.project_id AS "projectId", p.visibility::text AS visibility, p.archived_at AS "archivedAt",
           m.role::text AS role
    FROM milestone ms
    JOIN project p ON p.id = ms.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${ctx.actor.id}
    WHERE ms.id = ${id}`;
  const row = rows[0];
  if (!row || !canReadProject(row)) throw new AppError("NOT_FOUND", "errors.notFound");
  if (row.archivedAt) throw new AppError("BAD_INPUT", "projects.error.archived");
  if (!canEditTask(row)) throw new AppError("FORBIDDEN", "errors.forbidden");
  return row;
}

/** Linked tasks must be tasks of this project; the date not before the project's start. */
async function checkRefs(tx: Tx, projectId: string, taskIds: readonly string[], dueDate: string | undefined) {
  if (taskIds.length > 0) {
    const found = await tx.task.count({ where: { projectId, id: { in: [...taskIds] } } });
    if (found !== taskIds.length) throw fieldError("NOT_FOUND", "milestones.error.taskNotFound", "taskIds");
  }
  if (dueDate) {
    const project = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { startDate: true } });
    const start = fromDbDate(project.startDate);
    if (start && dueDate < start) throw fieldError("BAD_INPUT", "milestones.error.beforeProjectStart", "dueDate");
  }
}

async function replaceTasks(tx: Tx, milestoneId: string, taskIds: readonly string[]) {
  await tx.milestoneTask.deleteMany({ where: { milestoneId } });
  if (taskIds.length > 0)
    await tx.milestoneTask.createMany({ data: taskIds.map((taskId) => ({ milestoneId, taskId })) });
}

/** A project's milestones by date, each with its tasks and the status derived from them. */
export async function list(ctx: Ctx, input: TListMilestonesInput) {
  const project = await requireProject(ctx.db, ctx.actor, input.projectId, null);
  const rows = await ctx.db.milestone.findMany({
    where: { projectId: project.id },
    select: {
      id: true,
      title: true,
      dueDate: true,
      tasks: {
        select: { task: { select: { id: true, number: true, title: true, state: { select: { group: true } } } } },
        orderBy: { task: { number: "asc" } },
      },
    },
    orderBy: [{ dueDate: "asc" }, { title: "asc" }],
  });
  const today = berlinToday(new Date());
  return rows.map((row) => {
    const dueDate = fromDbDate(row.dueDate)!;
    const groups: TTaskStateGroup[] = row.tasks.map((t) => t.task.state.group);
    return {
      id: row.id,
      title: row.title,
      dueDate,
      status: milestoneStatus(groups, dueDate, today),
      doneCount: groups.filter((g) => g === "DONE").length,
      taskCount: groups.length,
      tasks: row.tasks.map((t) => ({
        id: t.task.id,
        key: formatTaskKey(project.key, t.task.number),
        title: t.task.title,
        group: t.task.state.group,
      })),
    };
  });
}

export async function create(ctx: Ctx, input: TCreateMilestoneInput) {
  const taskIds = [...new Set(input.taskIds)];
  await mutate(ctx, async ({ tx, event }) => {
    const project = await requireProject(tx, ctx.actor, input.projectId, canEditTask);
    await checkRefs(tx, project.id, taskIds, input.dueDate);
    const milestone = await tx.milestone.create({
      data: { projectId: project.id, title: input.title, dueDate: toDbDate(input.dueDate)! },
      select: { id: true },
    });
    await replaceTasks(tx, milestone.id, taskIds);
    await event({
      verb: "milestone.created",
      objectType: OBJECT_TYPE,
      objectId: milestone.id,
      projectId: project.id,
      payload: { title: input.title, dueDate: input.dueDate, taskCount: taskIds.length },
    });
  });
  return list(ctx, { projectId: input.projectId });
}

export async function update(ctx: Ctx, input: TUpdateMilestoneInput) {
  const taskIds = input.taskIds ? [...new Set(input.taskIds)] : undefined;
  const projectId = await mutate(ctx, async ({ tx, event }) => {
    const milestone = await requireMilestone(tx, ctx, input.id);
    await checkRefs(tx, milestone.projectId, taskIds ?? [], input.dueDate);
    await tx.milestone.update({
      where: { id: milestone.id },
      data: { title: input.title, dueDate: input.dueDate ? toDbDate(input.dueDate)! : undefined },
      select: { id: true },
    });
    if (taskIds) await replaceTasks(tx, milestone.id, taskIds);
    const { id: _id, ...fields } = input;
    await event({
      verb: "milestone.updated",
      objectType: OBJECT_TYPE,
      objectId: milestone.id,
      projectId: milestone.projectId,
      payload: { fields: Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined) },
    });
    return milestone.projectId;
  });
  return list(ctx, { projectId });
}

export async function remove(ctx: Ctx, input: TMilestoneIdInput) {
  const projectId = await mutate(ctx, async ({ tx, event }) => {
    const milestone = await requireMilestone(tx, ctx, input.id);
    await tx.milestone.delete({ where: { id: milestone.id }, select: { id: true } });
    await event({
      verb: "milestone.removed",
      objectType: OBJECT_TYPE,
      objectId: milestone.id,
      projectId: milestone.projectId,
    });
    return milestone.projectId;
  });
  return list(ctx, { projectId });
}
