import { Prisma, type DbOrTx, type Tx } from "@kreisnetz/db/client";
import type {
  TProjectRole,
  TProjectStatus,
  TProjectVisibility,
  TTaskStateGroup,
} from "@kreisnetz/shared/schemas/projects";

export type TProjectAccessRow = {
  id: string;
  key: string;
  visibility: TProjectVisibility;
  archivedAt: Date | null;
  role: TProjectRole | null;
};

/**
 * The project's visibility, archive state and the actor's role, in one statement.
 * `lock` takes the project row FOR UPDATE: member changes and dependency checks
 * serialise on it, so two concurrent removals cannot both pass the last-lead check.
 */
export async function projectAccess(
  db: DbOrTx,
  projectId: string,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<TProjectAccessRow | null> {
  const lock = options.lock ? Prisma.sql`FOR UPDATE OF p` : Prisma.empty;
  const rows = await db.$queryRaw<TProjectAccessRow[]>`
    SELECT p.id, p.key, p.visibility::text AS visibility, p.archived_at AS "archivedAt", m.role::text AS role
    FROM project p
    LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${userId}
    WHERE p.id = ${projectId}
    ${lock}`;
  return rows[0] ?? null;
}

const UNIT_REF = { id: true, code: true, name: true } as const;

const PROJECT_SELECT = {
  id: true,
  key: true,
  title: true,
  description: true,
  status: true,
  visibility: true,
  startDate: true,
  endDate: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  leadUnit: { select: UNIT_REF },
  units: { select: { unit: { select: UNIT_REF } }, orderBy: { unit: { code: "asc" } } },
  members: {
    select: { role: true, user: { select: { id: true, name: true, unitId: true } } },
    orderBy: { user: { name: "asc" } },
  },
  states: { select: { id: true, name: true, group: true, position: true }, orderBy: { position: "asc" } },
} as const satisfies Prisma.ProjectSelect;

export type TProjectRow = Prisma.ProjectGetPayload<{ select: typeof PROJECT_SELECT }>;

export async function findProject(db: DbOrTx, id: string): Promise<TProjectRow | null> {
  return db.project.findUnique({ where: { id }, select: PROJECT_SELECT });
}

/** The scalar fields an update is checked against (no relations: it runs inside the transaction). */
export async function findProjectFields(db: DbOrTx, id: string) {
  return db.project.findUnique({
    where: { id },
    select: { startDate: true, endDate: true, leadUnitId: true, status: true },
  });
}

/** Projects the user may read (ALL_STAFF, or member), with member and open-task counts. */
export async function listReadable(
  db: DbOrTx,
  userId: string,
  filter: { status?: TProjectStatus; includeArchived: boolean },
) {
  return db.project.findMany({
    where: {
      OR: [{ visibility: "ALL_STAFF" }, { members: { some: { userId } } }],
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.includeArchived ? {} : { archivedAt: null }),
    },
    select: {
      id: true,
      key: true,
      title: true,
      status: true,
      visibility: true,
      startDate: true,
      endDate: true,
      archivedAt: true,
      leadUnit: { select: UNIT_REF },
      members: { where: { userId }, select: { role: true } },
      _count: {
        select: {
          members: true,
          tasks: { where: { state: { group: { in: ["OPEN", "IN_PROGRESS"] } } } },
        },
      },
    },
    orderBy: [{ title: "asc" }, { key: "asc" }],
  });
}

export async function keyExists(db: DbOrTx, key: string): Promise<boolean> {
  return (await db.project.count({ where: { key } })) > 0;
}

/** How many of these units exist and are not dissolved. */
export async function countOpenUnits(db: DbOrTx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.orgUnit.count({ where: { id: { in: [...ids] }, dissolvedAt: null } });
}

/** How many of these people exist and are active. */
export async function countActiveUsers(db: DbOrTx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.user.count({ where: { id: { in: [...ids] }, deactivatedAt: null } });
}

export async function insertProject(
  tx: Tx,
  data: {
    key: string;
    title: string;
    description: Prisma.InputJsonValue | null;
    leadUnitId: string;
    unitIds: readonly string[];
    status: TProjectStatus;
    visibility: TProjectVisibility;
    startDate: Date | null;
    endDate: Date | null;
    leadUserId: string;
    states: readonly { name: string; group: TTaskStateGroup }[];
  },
): Promise<{ id: string }> {
  // Children are written one statement at a time: nested creates make Prisma run
  // several queries at once on the transaction's single connection.
  const project = await tx.project.create({
    data: {
      key: data.key,
      title: data.title,
      description: data.description ?? Prisma.DbNull,
      leadUnitId: data.leadUnitId,
      status: data.status,
      visibility: data.visibility,
      startDate: data.startDate,
      endDate: data.endDate,
    },
    select: { id: true },
  });
  const projectId = project.id;
  if (data.unitIds.length > 0) {
    await tx.projectUnit.createMany({ data: data.unitIds.map((unitId) => ({ projectId, unitId })) });
  }
  await tx.projectMember.create({
    data: { projectId, userId: data.leadUserId, role: "LEAD" },
    select: { userId: true },
  });
  await tx.taskState.createMany({
    data: data.states.map((s, position) => ({ projectId, name: s.name, group: s.group, position })),
  });
  return project;
}

export async function updateProject(
  tx: Tx,
  id: string,
  data: {
    title?: string;
    description?: Prisma.InputJsonValue | null;
    leadUnitId?: string;
    status?: TProjectStatus;
    visibility?: TProjectVisibility;
    startDate?: Date | null;
    endDate?: Date | null;
    archivedAt?: Date;
  },
): Promise<void> {
  const { description, ...rest } = data;
  await tx.project.update({
    where: { id },
    data: { ...rest, ...(description === undefined ? {} : { description: description ?? Prisma.DbNull }) },
    select: { id: true },
  });
}

export async function replaceUnits(tx: Tx, projectId: string, unitIds: readonly string[]): Promise<void> {
  await tx.projectUnit.deleteMany({ where: { projectId } });
  if (unitIds.length > 0) await tx.projectUnit.createMany({ data: unitIds.map((unitId) => ({ projectId, unitId })) });
}

export async function listMembers(db: DbOrTx, projectId: string): Promise<{ userId: string; role: TProjectRole }[]> {
  return db.projectMember.findMany({ where: { projectId }, select: { userId: true, role: true } });
}

export async function upsertMember(tx: Tx, projectId: string, userId: string, role: TProjectRole): Promise<void> {
  await tx.projectMember.upsert({
    where: { projectId_userId: { projectId, userId } },
    create: { projectId, userId, role },
    update: { role },
    select: { userId: true },
  });
}

/** Removes the person and their task assignments in this project: assignees are always members. */
export async function deleteMember(tx: Tx, projectId: string, userId: string): Promise<void> {
  await tx.taskAssignee.deleteMany({ where: { userId, task: { projectId } } });
  await tx.projectMember.delete({ where: { projectId_userId: { projectId, userId } } });
}

/** Renames a column of this project (returns the old name); null when the column is not the project's. */
export async function renameState(tx: Tx, projectId: string, stateId: string, name: string) {
  const before = await tx.taskState.findFirst({ where: { id: stateId, projectId }, select: { name: true } });
  if (!before) return null;
  await tx.taskState.update({ where: { id: stateId }, data: { name }, select: { id: true } });
  return before;
}
