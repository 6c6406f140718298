import type { Prisma, Tx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import type { MessageKey } from "@kreisnetz/shared/i18n";
import type {
  TAddMemberInput,
  TCreateProjectInput,
  TListProjectsInput,
  TProjectIdInput,
  TProjectRole,
  TRemoveMemberInput,
  TRenameStateInput,
  TSetMembersInput,
  TUpdateProjectInput,
} from "@kreisnetz/shared/schemas/projects";
import type { TActor, TContext } from "../../context.ts";
import { mutate, type TMutationTools } from "../../mutation.ts";
import { berlinToday, DEFAULT_STATES, datesInOrder, fromDbDate, toDbDate } from "../tasks/rules.ts";
import { canEditProject, canManageMembers, canReadProject, hasLead, type TProjectAccess } from "./policy.ts";
import * as repo from "./repo.ts";
import { applyTemplate, projectTemplate } from "./templates.ts";

export type Ctx = TContext & { actor: TActor };

const OBJECT_TYPE = "project";

/**
 * Loads the project's access facts and applies a policy. A project the actor
 * may not read is NOT_FOUND (its existence must not leak), an archived one
 * refuses changes, anything else the policy refuses is FORBIDDEN.
 */
export async function requireProject(
  db: Ctx["db"] | Tx,
  actor: TActor,
  projectId: string,
  allowed: ((access: TProjectAccess) => boolean) | null,
  options: { lock?: boolean } = {},
): Promise<repo.TProjectAccessRow> {
  const access = await repo.projectAccess(db, projectId, actor.id, options);
  if (!access || !canReadProject(access)) throw new AppError("NOT_FOUND", "errors.notFound");
  if (allowed && access.archivedAt) throw new AppError("BAD_INPUT", "projects.error.archived");
  if (allowed && !allowed(access)) throw new AppError("FORBIDDEN", "errors.forbidden");
  return access;
}

export type TProjectDto = ReturnType<typeof toDto>;

function toDto(row: repo.TProjectRow, actorId: string) {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    description: (row.description ?? null) as Record<string, unknown> | null,
    status: row.status,
    visibility: row.visibility,
    startDate: fromDbDate(row.startDate),
    endDate: fromDbDate(row.endDate),
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    leadUnit: row.leadUnit,
    units: row.units.map((u) => u.unit),
    members: row.members.map((m) => ({ userId: m.user.id, name: m.user.name, unitId: m.user.unitId, role: m.role })),
    states: row.states,
    myRole: row.members.find((m) => m.user.id === actorId)?.role ?? null,
  };
}

async function loadDto(db: Ctx["db"] | Tx, id: string, actorId: string): Promise<TProjectDto> {
  const row = await repo.findProject(db, id);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFound");
  return toDto(row, actorId);
}

/** Readable projects only: members-only projects of others never show up, not even as a count. */
export async function list(ctx: Ctx, input: TListProjectsInput) {
  const rows = await repo.listReadable(ctx.db, ctx.actor.id, input);
  return rows.map((row) => ({
    id: row.id,
    key: row.key,
    title: row.title,
    status: row.status,
    visibility: row.visibility,
    startDate: fromDbDate(row.startDate),
    endDate: fromDbDate(row.endDate),
    archivedAt: row.archivedAt,
    leadUnit: row.leadUnit,
    myRole: row.members[0]?.role ?? null,
    memberCount: row._count.members,
    openTaskCount: row._count.tasks,
  }));
}

export async function get(ctx: Ctx, input: TProjectIdInput): Promise<TProjectDto> {
  await requireProject(ctx.db, ctx.actor, input.id, null);
  return loadDto(ctx.db, input.id, ctx.actor.id);
}

/** Any logged-in person may start a project; they become its first lead. */
export async function create(ctx: Ctx, input: TCreateProjectInput): Promise<TProjectDto> {
  if (!datesInOrder(input.startDate, input.endDate)) {
    throw fieldError("BAD_INPUT", "projects.error.endBeforeStart", "endDate");
  }
  const unitIds = [...new Set(input.unitIds)].filter((id) => id !== input.leadUnitId);
  const template = input.templateKey ? projectTemplate(input.templateKey) : null;
  const id = await mutate(ctx, async (tools) => {
    const { tx, event } = tools;
    await requireUnits(tx, input.leadUnitId, unitIds);
    if (await repo.keyExists(tx, input.key)) throw fieldError("CONFLICT", "projects.error.keyTaken", "key");
    const project = await repo
      .insertProject(tx, {
        key: input.key,
        title: input.title,
        description: (input.description ?? null) as Prisma.InputJsonValue | null,
        leadUnitId: input.leadUnitId,
        unitIds,
        status: input.status,
        visibility: input.visibility,
        startDate: toDbDate(input.startDate ?? null),
        endDate: toDbDate(input.endDate ?? null),
        leadUserId: ctx.actor.id,
        states: template?.states ?? DEFAULT_STATES,
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw fieldError("CONFLICT", "projects.error.keyTaken", "key");
        throw error;
      });
    await event({
      verb: "project.created",
      objectType: OBJECT_TYPE,
      objectId: project.id,
      projectId: project.id,
      payload: {
        key: input.key,
        leadUnitId: input.leadUnitId,
        unitIds,
        visibility: input.visibility,
        templateKey: input.templateKey ?? null,
      },
    });
    if (template) {
      await applyTemplate(
        tools,
        { id: project.id, key: input.key },
        template,
        input.startDate ?? berlinToday(new Date()),
      );
    }
    return project.id;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

/** Changes the fields given; dates are checked against the stored ones they are paired with. */
export async function update(ctx: Ctx, input: TUpdateProjectInput): Promise<TProjectDto> {
  const id = await mutate(ctx, async ({ tx, event }) => {
    await requireProject(tx, ctx.actor, input.id, canEditProject, { lock: true });
    const before = await repo.findProjectFields(tx, input.id);
    if (!before) throw new AppError("NOT_FOUND", "errors.notFound");
    const startDate = input.startDate === undefined ? fromDbDate(before.startDate) : input.startDate;
    const endDate = input.endDate === undefined ? fromDbDate(before.endDate) : input.endDate;
    if (!datesInOrder(startDate, endDate)) throw fieldError("BAD_INPUT", "projects.error.endBeforeStart", "endDate");
    const leadUnitId = input.leadUnitId ?? before.leadUnitId;
    const unitIds =
      input.unitIds === undefined ? undefined : [...new Set(input.unitIds)].filter((id) => id !== leadUnitId);
    await requireUnits(tx, input.leadUnitId ?? null, unitIds ?? []);
    const { id: _id, unitIds: _ignored, ...fields } = input;
    const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
    await repo.updateProject(tx, input.id, {
      title: input.title,
      description: input.description as Prisma.InputJsonValue | null | undefined,
      leadUnitId: input.leadUnitId,
      status: input.status,
      visibility: input.visibility,
      startDate: input.startDate === undefined ? undefined : toDbDate(input.startDate),
      endDate: input.endDate === undefined ? undefined : toDbDate(input.endDate),
    });
    if (unitIds) await repo.replaceUnits(tx, input.id, unitIds);
    await event({
      verb: "project.updated",
      objectType: OBJECT_TYPE,
      objectId: input.id,
      projectId: input.id,
      payload: { fields: unitIds ? [...changed, "unitIds"] : changed },
    });
    if (input.status && input.status !== before.status) {
      await event({
        verb: "project.status-changed",
        objectType: OBJECT_TYPE,
        objectId: input.id,
        projectId: input.id,
        payload: { from: before.status, to: input.status },
      });
    }
    return input.id;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

/** Freezes the project: it stays readable, nothing in it can change any more. */
export async function archive(ctx: Ctx, input: TProjectIdInput): Promise<TProjectDto> {
  const id = await mutate(ctx, async ({ tx, event }) => {
    await requireProject(tx, ctx.actor, input.id, canEditProject, { lock: true });
    await repo.updateProject(tx, input.id, { archivedAt: new Date() });
    await event({ verb: "project.archived", objectType: OBJECT_TYPE, objectId: input.id, projectId: input.id });
    return input.id;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

/** Renames a board column; its group, and so the completion rules, stay as they are. */
export async function renameState(ctx: Ctx, input: TRenameStateInput): Promise<TProjectDto> {
  const id = await mutate(ctx, async ({ tx, event }) => {
    await requireProject(tx, ctx.actor, input.projectId, canEditProject);
    const before = await repo.renameState(tx, input.projectId, input.stateId, input.name);
    if (!before) throw fieldError("NOT_FOUND", "tasks.error.stateNotFound", "stateId");
    await event({
      verb: "project.state-renamed",
      objectType: OBJECT_TYPE,
      objectId: input.projectId,
      projectId: input.projectId,
      payload: { stateId: input.stateId, from: before.name, to: input.name },
    });
    return input.projectId;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

/** Replaces the whole member list; it must keep at least one lead. */
export async function setMembers(ctx: Ctx, input: TSetMembersInput): Promise<TProjectDto> {
  const id = await mutate(ctx, async (tools) => {
    const { tx } = tools;
    await requireProject(tx, ctx.actor, input.projectId, (a) => canManageMembers(ctx.actor, a), { lock: true });
    if (!hasLead(input.members)) throw fieldError("BAD_INPUT", "projects.error.lastLead", "members");
    await requireUsers(
      tx,
      input.members.map((m) => m.userId),
    );
    const before = new Map((await repo.listMembers(tx, input.projectId)).map((m) => [m.userId, m.role]));
    const after = new Map(input.members.map((m) => [m.userId, m.role]));
    for (const [userId] of before) {
      if (!after.has(userId)) await removeOne(tools, input.projectId, userId);
    }
    for (const [userId, role] of after) await putOne(tools, input.projectId, userId, role, before.get(userId) ?? null);
    return input.projectId;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

/** Adds a person or changes their role; demoting the last lead is refused. */
export async function addMember(ctx: Ctx, input: TAddMemberInput): Promise<TProjectDto> {
  const id = await mutate(ctx, async (tools) => {
    const { tx } = tools;
    await requireProject(tx, ctx.actor, input.projectId, (a) => canManageMembers(ctx.actor, a), { lock: true });
    await requireUsers(tx, [input.userId], "userId");
    const members = await repo.listMembers(tx, input.projectId);
    const current = members.find((m) => m.userId === input.userId)?.role ?? null;
    const next = [...members.filter((m) => m.userId !== input.userId), { userId: input.userId, role: input.role }];
    if (!hasLead(next)) throw fieldError("BAD_INPUT", "projects.error.lastLead", "role");
    await putOne(tools, input.projectId, input.userId, input.role, current);
    return input.projectId;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

/** Removes a person (and their assignments in the project); the last lead stays. */
export async function removeMember(ctx: Ctx, input: TRemoveMemberInput): Promise<TProjectDto> {
  const id = await mutate(ctx, async (tools) => {
    const { tx } = tools;
    await requireProject(tx, ctx.actor, input.projectId, (a) => canManageMembers(ctx.actor, a), { lock: true });
    const members = await repo.listMembers(tx, input.projectId);
    if (!members.some((m) => m.userId === input.userId)) {
      throw fieldError("NOT_FOUND", "projects.error.notMember", "userId");
    }
    if (!hasLead(members.filter((m) => m.userId !== input.userId))) {
      throw fieldError("BAD_INPUT", "projects.error.lastLead", "userId");
    }
    await removeOne(tools, input.projectId, input.userId);
    return input.projectId;
  });
  return loadDto(ctx.db, id, ctx.actor.id);
}

async function putOne(
  { tx, event }: TMutationTools,
  projectId: string,
  userId: string,
  role: TProjectRole,
  current: TProjectRole | null,
): Promise<void> {
  if (current === role) return;
  if (role === "GUEST") await tx.taskAssignee.deleteMany({ where: { userId, task: { projectId } } });
  await repo.upsertMember(tx, projectId, userId, role);
  await event({
    verb: current ? "project.member-role-changed" : "project.member-added",
    objectType: OBJECT_TYPE,
    objectId: projectId,
    projectId,
    payload: current ? { userId, from: current, to: role } : { userId, role },
  });
}

async function removeOne({ tx, event }: TMutationTools, projectId: string, userId: string): Promise<void> {
  await repo.deleteMember(tx, projectId, userId);
  await event({
    verb: "project.member-removed",
    objectType: OBJECT_TYPE,
    objectId: projectId,
    projectId,
    payload: { userId },
  });
}

async function requireUnits(tx: Tx, leadUnitId: string | null, unitIds: readonly string[]): Promise<void> {
  if (leadUnitId && (await repo.countOpenUnits(tx, [leadUnitId])) !== 1) {
    throw fieldError("NOT_FOUND", "projects.error.leadUnitNotFound", "leadUnitId");
  }
  if (unitIds.length > 0 && (await repo.countOpenUnits(tx, unitIds)) !== unitIds.length) {
    throw fieldError("NOT_FOUND", "projects.error.unitNotFound", "unitIds");
  }
}

async function requireUsers(tx: Tx, userIds: readonly string[], field = "members"): Promise<void> {
  if (userIds.length > 0 && (await repo.countActiveUsers(tx, userIds)) !== userIds.length) {
    throw fieldError("NOT_FOUND", "projects.error.userNotFound", field);
  }
}

export function fieldError(code: "BAD_INPUT" | "NOT_FOUND" | "CONFLICT", key: MessageKey, field: string, params = {}) {
  return new AppError(code, key, params, { [field]: key });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
