import type { Tx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import type {
  TActionItemRefInput,
  TAddActionItemInput,
  TAddAgendaItemInput,
  TAgendaItemRefInput,
  TApproveMinutesInput,
  TCreateMeetingInput,
  TListMeetingsInput,
  TMeetingIdInput,
  TMoveAgendaItemInput,
  TRecordAttendanceInput,
  TUpdateAgendaItemInput,
  TUpdateMeetingInput,
} from "@kreisnetz/shared/schemas/meetings";
import { mutate, type TMutationTools } from "../../mutation.ts";
import { canBeAssigned, canEditTask, canReadProject } from "../projects/policy.ts";
import * as projectsRepo from "../projects/repo.ts";
import { fieldError, requireProject, type Ctx } from "../projects/service.ts";
import * as tasksRepo from "../tasks/repo.ts";
import { formatTaskKey, fromDbDate, toDbDate } from "../tasks/rules.ts";
import { createInTransaction } from "../tasks/service.ts";
import * as repo from "./repo.ts";
import {
  berlinLocalToInstant,
  canApproveMinutes,
  canCreateTaskFromAction,
  canEditMinutes,
  instantToBerlinLocal,
  meetingTemplate,
  MEETING_TEMPLATES,
  reorder,
  type TMeetingAccess,
} from "./rules.ts";

const OBJECT_TYPE = "meeting";

type TPolicy = (meeting: TMeetingAccess, actorId: string) => boolean;

/**
 * The meeting with its access facts. Unreadable is NOT_FOUND (members-only
 * projects do not leak), archived and approved refuse changes with a reason,
 * anything else the policy refuses is FORBIDDEN.
 */
async function requireMeeting(db: Ctx["db"] | Tx, ctx: Ctx, meetingId: string, allowed: TPolicy | null) {
  const meeting = await repo.meetingContext(db, meetingId, ctx.actor.id);
  if (!meeting || !canReadProject(meeting)) throw new AppError("NOT_FOUND", "errors.notFound");
  if (!allowed || allowed(meeting, ctx.actor.id)) return meeting;
  if (meeting.archivedAt) throw new AppError("BAD_INPUT", "projects.error.archived");
  if (meeting.status === "APPROVED" && canEditTask(meeting)) throw new AppError("BAD_INPUT", "meetings.error.approved");
  throw new AppError("FORBIDDEN", "errors.forbidden");
}

async function conflict(db: Ctx["db"] | Tx, meetingId: string, readVersion: number) {
  const last = await repo.lastWrite(db, meetingId);
  return new AppError("CONFLICT", "meetings.error.conflict", {
    currentVersion: last?.version ?? readVersion,
    changedBy: last?.name ?? "?",
  });
}

/**
 * Every minutes write: access, the version the writer read, one guarded bump
 * of the version (which also serialises concurrent writers on the row), then
 * the change itself. The loser of a race gets CONFLICT naming the other writer.
 */
async function writeMinutes(
  ctx: Ctx,
  input: { meetingId: string; version: number },
  allowed: TPolicy,
  work: (tools: TMutationTools, meeting: repo.TMeetingContextRow) => Promise<void>,
  data: Parameters<typeof repo.bumpIfVersion>[4] = {},
): Promise<TMeetingDto> {
  await mutate(ctx, async (tools) => {
    const meeting = await requireMeeting(tools.tx, ctx, input.meetingId, allowed);
    if (meeting.version !== input.version) throw await conflict(tools.tx, meeting.id, input.version);
    if (!(await repo.bumpIfVersion(tools.tx, meeting.id, input.version, ctx.actor.id, data))) {
      throw await conflict(tools.tx, meeting.id, input.version);
    }
    await work(tools, meeting);
  });
  return loadDto(ctx, input.meetingId);
}

export type TMeetingDto = Awaited<ReturnType<typeof loadDto>>;

async function loadDto(ctx: Ctx, id: string) {
  const row = await repo.findMeeting(ctx.db, id);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFound");
  const access = await requireMeeting(ctx.db, ctx, id, null);
  return {
    id: row.id,
    projectId: row.projectId,
    projectKey: row.project.key,
    projectTitle: row.project.title,
    title: row.title,
    startsAt: row.startsAt,
    startsAtLocal: instantToBerlinLocal(row.startsAt),
    endsAt: row.endsAt,
    endsAtLocal: row.endsAt ? instantToBerlinLocal(row.endsAt) : null,
    location: row.location,
    onlineUrl: row.onlineUrl,
    status: row.status,
    templateKey: row.templateKey,
    version: row.version,
    approvedAt: row.approvedAt,
    approvedBy: row.approvedBy,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    participants: row.participants.map((p) => ({ ...p.user, invited: p.invited, attended: p.attended })),
    units: row.units.map((u) => u.unit),
    agendaItems: row.agendaItems,
    actionItems: row.actionItems.map((a) => ({
      id: a.id,
      agendaItemId: a.agendaItemId,
      title: a.title,
      dueDate: fromDbDate(a.dueDate),
      owner: a.owner,
      task: a.task ? { id: a.task.id, key: formatTaskKey(row.project.key, a.task.number) } : null,
    })),
    myRole: access.role,
    canEdit: canEditMinutes(access),
    canApprove: canApproveMinutes(access, ctx.actor.id),
    canCreateTasks: canCreateTaskFromAction(access),
  };
}

export async function get(ctx: Ctx, input: TMeetingIdInput): Promise<TMeetingDto> {
  return loadDto(ctx, input.id);
}

/** The project's meetings, newest first; unreadable projects are NOT_FOUND. */
export async function list(ctx: Ctx, input: TListMeetingsInput) {
  const project = await requireProject(ctx.db, ctx.actor, input.projectId, null);
  const rows = await repo.listMeetings(ctx.db, project.id);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    startsAt: row.startsAt,
    startsAtLocal: instantToBerlinLocal(row.startsAt),
    location: row.location,
    onlineUrl: row.onlineUrl,
    status: row.status,
    version: row.version,
    agendaItemCount: row._count.agendaItems,
    actionItemCount: row._count.actionItems,
  }));
}

export function templates() {
  return MEETING_TEMPLATES.map((t) => ({ key: t.key, agenda: t.agenda.map((a) => ({ ...a })) }));
}

function times(startsAt: string, endsAt: string | null | undefined) {
  const start = berlinLocalToInstant(startsAt);
  const end = endsAt ? berlinLocalToInstant(endsAt) : null;
  if (end && end.getTime() < start.getTime()) throw fieldError("BAD_INPUT", "meetings.error.endBeforeStart", "endsAt");
  return { start, end };
}

/** Invitees must be project members (guests may be invited); units must exist and be open. */
async function checkInvitations(
  tx: Tx,
  projectId: string,
  participantIds: readonly string[],
  unitIds: readonly string[],
) {
  const roles = await tasksRepo.memberRoles(tx, projectId, participantIds);
  if (participantIds.some((id) => !roles.has(id))) {
    throw fieldError("BAD_INPUT", "meetings.error.participantNotMember", "participantIds");
  }
  if (unitIds.length > 0 && (await projectsRepo.countOpenUnits(tx, unitIds)) !== unitIds.length) {
    throw fieldError("NOT_FOUND", "projects.error.unitNotFound", "unitIds");
  }
}

/** A meeting in a project, its agenda optionally prefilled from a template. */
export async function create(ctx: Ctx, input: TCreateMeetingInput): Promise<TMeetingDto> {
  const { start, end } = times(input.startsAt, input.endsAt);
  const participantIds = [...new Set(input.participantIds)];
  const unitIds = [...new Set(input.unitIds)];
  const id = await mutate(ctx, async ({ tx, event }) => {
    const project = await requireProject(tx, ctx.actor, input.projectId, canEditTask);
    await checkInvitations(tx, project.id, participantIds, unitIds);
    const meeting = await repo.insertMeeting(tx, {
      projectId: project.id,
      title: input.title,
      startsAt: start,
      endsAt: end,
      location: input.location || null,
      onlineUrl: input.onlineUrl || null,
      templateKey: input.templateKey ?? null,
      userId: ctx.actor.id,
    });
    await repo.replaceInvitees(tx, meeting.id, participantIds);
    await repo.replaceUnits(tx, meeting.id, unitIds);
    const agenda = input.templateKey ? meetingTemplate(input.templateKey).agenda : [];
    if (agenda.length > 0) {
      await tx.meetingAgendaItem.createMany({
        data: agenda.map((item, i) => ({ meetingId: meeting.id, position: i + 1, ...item })),
      });
    }
    await event({
      verb: "meeting.created",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: project.id,
      payload: { title: input.title, templateKey: input.templateKey ?? null, participantIds, unitIds },
    });
    return meeting.id;
  });
  return loadDto(ctx, id);
}

export async function update(ctx: Ctx, input: TUpdateMeetingInput): Promise<TMeetingDto> {
  const participantIds = input.participantIds ? [...new Set(input.participantIds)] : undefined;
  const unitIds = input.unitIds ? [...new Set(input.unitIds)] : undefined;
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const stored = await tx.meeting.findUniqueOrThrow({
      where: { id: meeting.id },
      select: { startsAt: true, endsAt: true },
    });
    const startLocal = input.startsAt ?? instantToBerlinLocal(stored.startsAt);
    const endLocal =
      input.endsAt === undefined ? (stored.endsAt ? instantToBerlinLocal(stored.endsAt) : null) : input.endsAt;
    const { start, end } = times(startLocal, endLocal);
    await checkInvitations(tx, meeting.projectId, participantIds ?? [], unitIds ?? []);
    await tx.meeting.update({
      where: { id: meeting.id },
      data: {
        title: input.title,
        startsAt: start,
        endsAt: end,
        location: input.location === undefined ? undefined : input.location || null,
        onlineUrl: input.onlineUrl === undefined ? undefined : input.onlineUrl || null,
      },
      select: { id: true },
    });
    if (participantIds) await repo.replaceInvitees(tx, meeting.id, participantIds);
    if (unitIds) await repo.replaceUnits(tx, meeting.id, unitIds);
    const { meetingId: _m, version: _v, ...fields } = input;
    await event({
      verb: "meeting.updated",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { fields: Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined) },
    });
  });
}

export async function addAgendaItem(ctx: Ctx, input: TAddAgendaItemInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const count = (await repo.agendaIds(tx, meeting.id)).length;
    const item = await tx.meetingAgendaItem.create({
      data: {
        meetingId: meeting.id,
        position: count + 1,
        title: input.title,
        durationMinutes: input.durationMinutes ?? null,
      },
      select: { id: true },
    });
    await event({
      verb: "meeting.agenda-item-added",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { itemId: item.id },
    });
  });
}

/** Title, duration, notes and the decision of one agenda item. */
export async function updateAgendaItem(ctx: Ctx, input: TUpdateAgendaItemInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const item = await repo.findAgendaItem(tx, meeting.id, input.itemId);
    if (!item) throw fieldError("NOT_FOUND", "meetings.error.agendaItemNotFound", "itemId");
    await tx.meetingAgendaItem.update({
      where: { id: item.id },
      data: {
        title: input.title,
        durationMinutes: input.durationMinutes,
        notes: input.notes,
        decision: input.decision === undefined ? undefined : input.decision?.trim() || null,
      },
      select: { id: true },
    });
    const { meetingId: _m, version: _v, itemId: _i, ...fields } = input;
    const changed = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
    await event({
      verb: "meeting.agenda-item-updated",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { itemId: item.id, fields: changed },
    });
    if (input.decision) {
      await event({
        verb: "meeting.decision-recorded",
        objectType: OBJECT_TYPE,
        objectId: meeting.id,
        projectId: meeting.projectId,
        payload: { itemId: item.id },
      });
    }
  });
}

export async function removeAgendaItem(ctx: Ctx, input: TAgendaItemRefInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const item = await repo.findAgendaItem(tx, meeting.id, input.itemId);
    if (!item) throw fieldError("NOT_FOUND", "meetings.error.agendaItemNotFound", "itemId");
    await tx.meetingAgendaItem.delete({ where: { id: item.id }, select: { id: true } });
    await repo.writePositions(tx, await repo.agendaIds(tx, meeting.id));
    await event({
      verb: "meeting.agenda-item-removed",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { itemId: item.id, title: item.title },
    });
  });
}

/** Drag and drop and the "nach oben/nach unten" buttons: positions are rewritten 1..n. */
export async function moveAgendaItem(ctx: Ctx, input: TMoveAgendaItemInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const ids = await repo.agendaIds(tx, meeting.id);
    const order = reorder(ids, input.itemId, input.toIndex);
    if (!order) throw fieldError("NOT_FOUND", "meetings.error.agendaItemNotFound", "itemId");
    await repo.writePositions(tx, order);
    await event({
      verb: "meeting.agenda-item-moved",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { itemId: input.itemId, from: ids.indexOf(input.itemId), to: order.indexOf(input.itemId) },
    });
  });
}

/** An action item: the owner must be able to take the task (member, not guest); due not before the meeting. */
export async function addActionItem(ctx: Ctx, input: TAddActionItemInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    if (input.agendaItemId && !(await repo.findAgendaItem(tx, meeting.id, input.agendaItemId))) {
      throw fieldError("NOT_FOUND", "meetings.error.agendaItemNotFound", "agendaItemId");
    }
    if (input.ownerId) {
      const roles = await tasksRepo.memberRoles(tx, meeting.projectId, [input.ownerId]);
      if (!canBeAssigned(roles.get(input.ownerId))) {
        throw fieldError("BAD_INPUT", "meetings.error.ownerNotMember", "ownerId");
      }
    }
    if (input.dueDate) {
      const stored = await tx.meeting.findUniqueOrThrow({ where: { id: meeting.id }, select: { startsAt: true } });
      if (input.dueDate < instantToBerlinLocal(stored.startsAt).slice(0, 10)) {
        throw fieldError("BAD_INPUT", "meetings.error.dueBeforeMeeting", "dueDate");
      }
    }
    const item = await tx.meetingActionItem.create({
      data: {
        meetingId: meeting.id,
        agendaItemId: input.agendaItemId ?? null,
        title: input.title,
        ownerId: input.ownerId ?? null,
        dueDate: toDbDate(input.dueDate ?? null),
      },
      select: { id: true },
    });
    await event({
      verb: "meeting.action-item-added",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { actionItemId: item.id, ownerId: input.ownerId ?? null },
    });
  });
}

export async function removeActionItem(ctx: Ctx, input: TActionItemRefInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const item = await repo.findActionItem(tx, meeting.id, input.actionItemId);
    if (!item) throw fieldError("NOT_FOUND", "meetings.error.actionItemNotFound", "actionItemId");
    await tx.meetingActionItem.delete({ where: { id: item.id }, select: { id: true } });
    await event({
      verb: "meeting.action-item-removed",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { actionItemId: item.id },
    });
  });
}

/**
 * One click: the action item becomes a task (owner assigned, due date kept)
 * in the same transaction, and both point at each other.
 */
export async function createTaskFromAction(ctx: Ctx, input: TActionItemRefInput): Promise<TMeetingDto> {
  return writeMinutes(ctx, input, canCreateTaskFromAction, async (tools, meeting) => {
    const { tx, event } = tools;
    const item = await repo.findActionItem(tx, meeting.id, input.actionItemId);
    if (!item) throw fieldError("NOT_FOUND", "meetings.error.actionItemNotFound", "actionItemId");
    if (item.taskId) throw fieldError("BAD_INPUT", "meetings.error.alreadyTask", "actionItemId");
    const task = await createInTransaction(
      tools,
      { id: meeting.projectId, key: meeting.projectKey },
      {
        title: item.title,
        priority: "NORMAL",
        assigneeIds: item.ownerId ? [item.ownerId] : [],
        dueDate: fromDbDate(item.dueDate),
        labels: [],
      },
      { fromMeetingId: meeting.id, actionItemId: item.id },
    );
    await tx.meetingActionItem.update({ where: { id: item.id }, data: { taskId: task.id }, select: { id: true } });
    await event({
      verb: "meeting.action-item-converted",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: { actionItemId: item.id, taskId: task.id, taskKey: task.key },
    });
  });
}

/**
 * Who was there. One `meeting.attended` event per person newly recorded as
 * present, with that person as actor and their current unit: the cooperation
 * index counts exactly these. Recording the same person again writes nothing new.
 */
export async function recordAttendance(ctx: Ctx, input: TRecordAttendanceInput): Promise<TMeetingDto> {
  const attendeeIds = [...new Set(input.attendeeIds)];
  return writeMinutes(ctx, input, canEditMinutes, async ({ tx, event }, meeting) => {
    const before = new Map((await repo.participantRows(tx, meeting.id)).map((p) => [p.userId, p]));
    const roles = await tasksRepo.memberRoles(tx, meeting.projectId, attendeeIds);
    if (attendeeIds.some((id) => !roles.has(id) && !before.has(id))) {
      throw fieldError("BAD_INPUT", "meetings.error.participantNotMember", "attendeeIds");
    }
    await repo.setAttendance(tx, meeting.id, attendeeIds);
    const units = await repo.userUnits(tx, attendeeIds);
    const newlyPresent = attendeeIds.filter((id) => before.get(id)?.attended !== true);
    for (const attendeeId of newlyPresent) {
      await ctx.events.record(tx, {
        actorId: attendeeId,
        actorUnitId: units.get(attendeeId) ?? null,
        verb: "meeting.attended",
        objectType: OBJECT_TYPE,
        objectId: meeting.id,
        projectId: meeting.projectId,
        payload: { recordedBy: ctx.actor.id },
      });
    }
    await event({
      verb: "meeting.attendance-recorded",
      objectType: OBJECT_TYPE,
      objectId: meeting.id,
      projectId: meeting.projectId,
      payload: {
        present: attendeeIds.length,
        absent: [...before.keys()].filter((id) => !attendeeIds.includes(id)).length,
      },
    });
  });
}

/** Draft -> approved: the minutes become read-only; `meeting.minutes-approved` lets others notify. */
export async function approve(ctx: Ctx, input: TApproveMinutesInput): Promise<TMeetingDto> {
  const now = new Date();
  return writeMinutes(
    ctx,
    input,
    canApproveMinutes,
    async ({ tx, event }, meeting) => {
      const participants = await repo.participantRows(tx, meeting.id);
      await event({
        verb: "meeting.minutes-approved",
        objectType: OBJECT_TYPE,
        objectId: meeting.id,
        projectId: meeting.projectId,
        payload: { title: meeting.title, participantIds: participants.map((p) => p.userId) },
      });
    },
    { status: "APPROVED", approvedAt: now, approvedById: ctx.actor.id },
  );
}
