import type { DbOrTx, Tx } from "@kreisnetz/db/client";
import type { TProjectRole } from "@kreisnetz/shared/schemas/projects";

export type TMemberRow = { userId: string; name: string; role: TProjectRole };

/** The project's members with names: mention targets and the people picker. */
export async function projectMembers(db: DbOrTx, projectId: string): Promise<TMemberRow[]> {
  const rows = await db.projectMember.findMany({
    where: { projectId, user: { deactivatedAt: null } },
    select: { role: true, user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, role: r.role }));
}

// ---- comments ----

export async function listComments(db: DbOrTx, taskId: string) {
  return db.taskComment.findMany({
    where: { taskId },
    select: {
      id: true,
      body: true,
      createdAt: true,
      editedAt: true,
      author: { select: { id: true, name: true } },
      mentions: { select: { user: { select: { id: true, name: true } } } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function findComment(db: DbOrTx, id: string) {
  return db.taskComment.findUnique({ where: { id }, select: { id: true, taskId: true, authorId: true } });
}

export async function insertComment(
  tx: Tx,
  data: { taskId: string; authorId: string; body: string; mentionIds: readonly string[] },
) {
  const comment = await tx.taskComment.create({
    data: { taskId: data.taskId, authorId: data.authorId, body: data.body },
    select: { id: true },
  });
  if (data.mentionIds.length > 0) {
    await tx.taskCommentMention.createMany({
      data: data.mentionIds.map((userId) => ({ commentId: comment.id, userId })),
    });
  }
  return comment;
}

/** Replaces body and mentions; returns the people mentioned now who were not before. */
export async function updateComment(
  tx: Tx,
  id: string,
  body: string,
  mentionIds: readonly string[],
): Promise<string[]> {
  const before = (await tx.taskCommentMention.findMany({ where: { commentId: id }, select: { userId: true } })).map(
    (m) => m.userId,
  );
  await tx.taskComment.update({ where: { id }, data: { body, editedAt: new Date() }, select: { id: true } });
  await tx.taskCommentMention.deleteMany({ where: { commentId: id, userId: { notIn: [...mentionIds] } } });
  const added = mentionIds.filter((userId) => !before.includes(userId));
  if (added.length > 0)
    await tx.taskCommentMention.createMany({ data: added.map((userId) => ({ commentId: id, userId })) });
  return added;
}

export async function deleteComment(tx: Tx, id: string): Promise<void> {
  await tx.taskComment.delete({ where: { id }, select: { id: true } });
}

// ---- checklist ----

export async function listChecklist(db: DbOrTx, taskId: string) {
  return db.taskChecklistItem.findMany({
    where: { taskId },
    select: { id: true, text: true, done: true, position: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
}

export async function findChecklistItem(db: DbOrTx, id: string) {
  return db.taskChecklistItem.findUnique({ where: { id }, select: { id: true, taskId: true, text: true, done: true } });
}

export async function insertChecklistItem(tx: Tx, taskId: string, text: string) {
  const last = await tx.taskChecklistItem.aggregate({ where: { taskId }, _max: { position: true } });
  return tx.taskChecklistItem.create({
    data: { taskId, text, position: (last._max.position ?? 0) + 1 },
    select: { id: true },
  });
}

export async function updateChecklistItem(tx: Tx, id: string, data: { text?: string; done?: boolean }) {
  await tx.taskChecklistItem.update({ where: { id }, data, select: { id: true } });
}

export async function deleteChecklistItem(tx: Tx, id: string) {
  await tx.taskChecklistItem.delete({ where: { id }, select: { id: true } });
}

export async function checklistIds(db: DbOrTx, taskId: string): Promise<string[]> {
  return (await db.taskChecklistItem.findMany({ where: { taskId }, select: { id: true } })).map((i) => i.id);
}

export async function setChecklistOrder(tx: Tx, itemIds: readonly string[]) {
  for (const [index, id] of itemIds.entries()) {
    await tx.taskChecklistItem.update({ where: { id }, data: { position: index + 1 }, select: { id: true } });
  }
}

// ---- labels ----

export async function listLabels(db: DbOrTx, projectId: string) {
  return db.projectLabel.findMany({
    where: { projectId },
    select: { id: true, name: true, color: true },
    orderBy: { name: "asc" },
  });
}

export async function findLabel(db: DbOrTx, id: string) {
  return db.projectLabel.findUnique({ where: { id }, select: { id: true, projectId: true, name: true, color: true } });
}

export async function labelNameTaken(db: DbOrTx, projectId: string, name: string, exceptId?: string): Promise<boolean> {
  const n = await db.projectLabel.count({
    where: { projectId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  return n > 0;
}

export async function insertLabel(tx: Tx, data: { projectId: string; name: string; color: string }) {
  return tx.projectLabel.create({ data, select: { id: true } });
}

export async function updateLabel(tx: Tx, id: string, data: { name?: string; color?: string }) {
  await tx.projectLabel.update({ where: { id }, data, select: { id: true } });
}

export async function deleteLabel(tx: Tx, id: string) {
  await tx.projectLabel.delete({ where: { id }, select: { id: true } });
}

/** A renamed label is renamed on every task of the project, in the same transaction. */
export async function renameLabelOnTasks(tx: Tx, projectId: string, from: string, to: string) {
  await tx.$executeRaw`
    UPDATE task SET labels = array_replace(labels, ${from}, ${to}), version = version + 1
    WHERE project_id = ${projectId} AND ${from} = ANY(labels)`;
}

export async function removeLabelFromTasks(tx: Tx, projectId: string, name: string) {
  await tx.$executeRaw`
    UPDATE task SET labels = array_remove(labels, ${name}), version = version + 1
    WHERE project_id = ${projectId} AND ${name} = ANY(labels)`;
}

export async function labelsByIds(db: DbOrTx, projectId: string, ids: readonly string[]) {
  return db.projectLabel.findMany({ where: { projectId, id: { in: [...ids] } }, select: { id: true, name: true } });
}

// ---- attachments ----

export async function listAttachments(db: DbOrTx, taskId: string) {
  return db.taskAttachment.findMany({
    where: { taskId },
    select: {
      id: true,
      fileName: true,
      contentType: true,
      size: true,
      createdAt: true,
      uploader: { select: { id: true, name: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function findAttachment(db: DbOrTx, id: string) {
  return db.taskAttachment.findUnique({
    where: { id },
    select: {
      id: true,
      taskId: true,
      uploaderId: true,
      fileName: true,
      contentType: true,
      size: true,
      storageKey: true,
    },
  });
}

export async function insertAttachment(
  tx: Tx,
  data: { taskId: string; uploaderId: string; fileName: string; contentType: string; size: number; storageKey: string },
) {
  return tx.taskAttachment.create({ data, select: { id: true } });
}

export async function deleteAttachment(tx: Tx, id: string) {
  await tx.taskAttachment.delete({ where: { id }, select: { id: true } });
}
