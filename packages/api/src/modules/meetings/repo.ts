import { Prisma, type DbOrTx, type Tx } from "@kreisnetz/db/client";
import type { TProjectRole, TProjectVisibility } from "@kreisnetz/shared/schemas/projects";
import type { TMeetingStatus } from "@kreisnetz/shared/schemas/meetings";

/** What a minutes write needs to decide, in one statement: meeting, project and the actor's role. */
export type TMeetingContextRow = {
  id: string;
  projectId: string;
  projectKey: string;
  title: string;
  status: TMeetingStatus;
  version: number;
  createdById: string;
  visibility: TProjectVisibility;
  archivedAt: Date | null;
  role: TProjectRole | null;
};

export async function meetingContext(
  db: DbOrTx,
  meetingId: string,
  userId: string,
): Promise<TMeetingContextRow | null> {
  const rows = await db.$queryRaw<TMeetingContextRow[]>`
    SELECT mt.id, mt.project_id AS "projectId", p.key AS "projectKey", mt.title, mt.status::text AS status,
           mt.version, mt.created_by_id AS "createdById",
           p.visibility::text AS visibility, p.archived_at AS "archivedAt", m.role::text AS role
    FROM meeting mt
    JOIN project p ON p.id = mt.project_id
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}
    WHERE mt.id = ${meetingId}`;
  return rows[0] ?? null;
}

/**
 * Bumps the minutes' version only if it is still `version`, recording who
 * wrote. The UPDATE takes the row lock, so concurrent writers queue here and
 * the loser sees the new version. Returns false on a lost race.
 */
export async function bumpIfVersion(
  tx: Tx,
  id: string,
  version: number,
  userId: string,
  data: Prisma.MeetingUncheckedUpdateManyInput = {},
): Promise<boolean> {
  const result = await tx.meeting.updateMany({
    where: { id, version },
    data: { ...data, updatedById: userId, version: { increment: 1 } },
  });
  return result.count === 1;
}

/** The current version and who wrote it: the conflict message names the other change. */
export async function lastWrite(db: DbOrTx, id: string) {
  const rows = await db.$queryRaw<{ version: number; name: string; updatedAt: Date }[]>`
    SELECT mt.version, u.name, mt.updated_at AS "updatedAt"
    FROM meeting mt JOIN app_user u ON u.id = mt.updated_by_id WHERE mt.id = ${id}`;
  return rows[0] ?? null;
}

export async function insertMeeting(
  tx: Tx,
  data: {
    projectId: string;
    title: string;
    startsAt: Date;
    endsAt: Date | null;
    location: string | null;
    onlineUrl: string | null;
    templateKey: string | null;
    userId: string;
  },
) {
  const { userId, ...rest } = data;
  return tx.meeting.create({ data: { ...rest, createdById: userId, updatedById: userId }, select: { id: true } });
}

export async function participantRows(db: DbOrTx, meetingId: string) {
  return db.meetingParticipant.findMany({
    where: { meetingId },
    select: { userId: true, invited: true, attended: true },
  });
}

export async function replaceInvitees(tx: Tx, meetingId: string, userIds: readonly string[]) {
  // Invitations change; recorded attendance of people no longer invited stays on the record.
  await tx.meetingParticipant.deleteMany({ where: { meetingId, userId: { notIn: [...userIds] }, attended: null } });
  await tx.meetingParticipant.updateMany({
    where: { meetingId, userId: { notIn: [...userIds] } },
    data: { invited: false },
  });
  for (const userId of userIds) {
    await tx.meetingParticipant.upsert({
      where: { meetingId_userId: { meetingId, userId } },
      create: { meetingId, userId, invited: true },
      update: { invited: true },
      select: { userId: true },
    });
  }
}

export async function replaceUnits(tx: Tx, meetingId: string, unitIds: readonly string[]) {
  await tx.meetingUnit.deleteMany({ where: { meetingId } });
  if (unitIds.length > 0) await tx.meetingUnit.createMany({ data: unitIds.map((unitId) => ({ meetingId, unitId })) });
}

export async function setAttendance(tx: Tx, meetingId: string, attendeeIds: readonly string[]) {
  await tx.meetingParticipant.updateMany({
    where: { meetingId, userId: { notIn: [...attendeeIds] } },
    data: { attended: false },
  });
  for (const userId of attendeeIds) {
    await tx.meetingParticipant.upsert({
      where: { meetingId_userId: { meetingId, userId } },
      create: { meetingId, userId, invited: false, attended: true },
      update: { attended: true },
      select: { userId: true },
    });
  }
}

export async function userUnits(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, unitId: true } });
  return new Map(rows.map((r) => [r.id, r.unitId]));
}

export async function agendaIds(db: DbOrTx, meetingId: string): Promise<string[]> {
  const rows = await db.meetingAgendaItem.findMany({
    where: { meetingId },
    select: { id: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => r.id);
}

/** Writes positions 1..n in the given order (one statement). */
export async function writePositions(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return;
  const values = Prisma.join(ids.map((id, i) => Prisma.sql`(${id}, ${i + 1})`));
  await tx.$executeRaw`
    UPDATE meeting_agenda_item a SET position = v.position::int
    FROM (VALUES ${values}) AS v(id, position)
    WHERE a.id = v.id`;
}

export async function findAgendaItem(db: DbOrTx, meetingId: string, itemId: string) {
  return db.meetingAgendaItem.findFirst({ where: { id: itemId, meetingId }, select: { id: true, title: true } });
}

export async function findActionItem(db: DbOrTx, meetingId: string, actionItemId: string) {
  return db.meetingActionItem.findFirst({
    where: { id: actionItemId, meetingId },
    select: { id: true, title: true, ownerId: true, dueDate: true, taskId: true, agendaItemId: true },
  });
}

const PERSON = { id: true, name: true, unitId: true } as const;

const MEETING_SELECT = {
  id: true,
  projectId: true,
  title: true,
  startsAt: true,
  endsAt: true,
  location: true,
  onlineUrl: true,
  status: true,
  templateKey: true,
  version: true,
  approvedAt: true,
  createdAt: true,
  updatedAt: true,
  project: { select: { key: true, title: true } },
  createdBy: { select: PERSON },
  updatedBy: { select: PERSON },
  approvedBy: { select: PERSON },
  participants: {
    select: { invited: true, attended: true, user: { select: PERSON } },
    orderBy: { user: { name: "asc" } },
  },
  units: { select: { unit: { select: { id: true, code: true, name: true } } }, orderBy: { unit: { code: "asc" } } },
  agendaItems: {
    select: { id: true, position: true, title: true, durationMinutes: true, notes: true, decision: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  },
  actionItems: {
    select: {
      id: true,
      agendaItemId: true,
      title: true,
      dueDate: true,
      owner: { select: PERSON },
      task: { select: { id: true, number: true } },
    },
    orderBy: { createdAt: "asc" },
  },
} as const satisfies Prisma.MeetingSelect;

export type TMeetingRow = Prisma.MeetingGetPayload<{ select: typeof MEETING_SELECT }>;

export async function findMeeting(db: DbOrTx, id: string): Promise<TMeetingRow | null> {
  return db.meeting.findUnique({ where: { id }, select: MEETING_SELECT });
}

export async function listMeetings(db: DbOrTx, projectId: string) {
  return db.meeting.findMany({
    where: { projectId },
    select: {
      id: true,
      title: true,
      startsAt: true,
      location: true,
      onlineUrl: true,
      status: true,
      version: true,
      _count: { select: { agendaItems: true, actionItems: true } },
    },
    orderBy: { startsAt: "desc" },
  });
}
