import { randomInt } from "node:crypto";
import { createUnit, type TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TProjectRole, TProjectVisibility } from "@kreisnetz/shared/schemas/projects";
import { expect } from "vitest";
import type { THarness } from "./harness.ts";

/** A fresh project key: 8 random capital letters. */
export function projectKey(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(65 + randomInt(26))).join("");
}

/** Awaits a call that must fail and returns its error. */
export async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

/**
 * People around one project, each in their own unit: a lead, a member, a guest,
 * an outsider (staff of another unit, not a member) and an admin (not a member).
 */
export async function projectCast(h: THarness) {
  const lead = await h.userWith(["STAFF"]);
  const member = await h.userWith(["STAFF"]);
  const guest = await h.userWith(["STAFF"]);
  const outsider = await h.userWith(["STAFF"]);
  const admin = await h.userWith(["STAFF", "ADMIN"]);
  return {
    lead,
    member,
    guest,
    outsider,
    admin,
    as: (user: TCreatedUser) => h.callerFor(user),
  };
}

/** A project led by `cast.lead` with the member and guest added. */
export async function castProject(
  h: THarness,
  cast: Awaited<ReturnType<typeof projectCast>>,
  options: { visibility?: TProjectVisibility; extra?: { user: TCreatedUser; role: TProjectRole }[] } = {},
) {
  const caller = await h.callerFor(cast.lead);
  const partner = await createUnit(h.services.db);
  const project = await caller.projects.create({
    key: projectKey(),
    title: "Digitale Akte im Bauamt",
    leadUnitId: cast.lead.unitId,
    unitIds: [partner.id],
    visibility: options.visibility ?? "ALL_STAFF",
    startDate: "2026-01-01",
    endDate: "2026-12-31",
  });
  const members = [
    { userId: cast.lead.id, role: "LEAD" as const },
    { userId: cast.member.id, role: "MEMBER" as const },
    { userId: cast.guest.id, role: "GUEST" as const },
    ...(options.extra ?? []).map((e) => ({ userId: e.user.id, role: e.role })),
  ];
  const withMembers = await caller.projects.setMembers({ projectId: project.id, members });
  expect(withMembers.members).toHaveLength(members.length);
  return withMembers;
}

/** Every project-space row and the event log: a refused call must leave all of it as it was. */
export async function snapshot(h: THarness) {
  const db = h.services.db;
  return {
    projects: await db.project.findMany({ orderBy: { id: "asc" } }),
    units: await db.projectUnit.findMany({ orderBy: [{ projectId: "asc" }, { unitId: "asc" }] }),
    members: await db.projectMember.findMany({ orderBy: [{ projectId: "asc" }, { userId: "asc" }] }),
    states: await db.taskState.findMany({ orderBy: { id: "asc" } }),
    tasks: await db.task.findMany({ orderBy: { id: "asc" } }),
    assignees: await db.taskAssignee.findMany({ orderBy: [{ taskId: "asc" }, { userId: "asc" }] }),
    dependencies: await db.taskDependency.findMany({ orderBy: [{ taskId: "asc" }, { blockedById: "asc" }] }),
    meetings: await db.meeting.findMany({ orderBy: { id: "asc" } }),
    participants: await db.meetingParticipant.findMany({ orderBy: [{ meetingId: "asc" }, { userId: "asc" }] }),
    meetingUnits: await db.meetingUnit.findMany({ orderBy: [{ meetingId: "asc" }, { unitId: "asc" }] }),
    agendaItems: await db.meetingAgendaItem.findMany({ orderBy: { id: "asc" } }),
    actionItems: await db.meetingActionItem.findMany({ orderBy: { id: "asc" } }),
    milestones: await db.milestone.findMany({ orderBy: { id: "asc" } }),
    milestoneTasks: await db.milestoneTask.findMany({ orderBy: [{ milestoneId: "asc" }, { taskId: "asc" }] }),
    events: await db.activityEvent.count(),
  };
}

export async function expectUnchanged(h: THarness, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot(h)).toEqual(before);
}

export async function eventsOf(h: THarness, projectId: string) {
  return h.services.db.activityEvent.findMany({ where: { projectId }, orderBy: { id: "asc" } });
}
