import type { DbOrTx, Tx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import {
  hasSufficientContrast,
  type TAddChecklistItemInput,
  type TAddCommentInput,
  type TCreateLabelInput,
  type TEditCommentInput,
  type TIdInput,
  type TProjectRefInput,
  type TReorderChecklistInput,
  type TSetTaskLabelsInput,
  type TTaskRefInput,
  type TUpdateChecklistItemInput,
  type TUpdateLabelInput,
  type TUploadAttachmentInput,
} from "@kreisnetz/shared/schemas/task-details";
import { mutate } from "../../mutation.ts";
import { decodeUpload, fileContent, removeFile, sniffUpload, storeFile, uploadsDir } from "../attachments/files.ts";
import { canEditTask, hasProjectRole } from "../projects/policy.ts";
import { fieldError, requireProject, type Ctx } from "../projects/service.ts";
import * as taskRepo from "../tasks/repo.ts";
import { formatTaskKey } from "../tasks/rules.ts";
import { requireTask } from "../tasks/service.ts";
import * as repo from "./repo.ts";
import { isPermutation, resolveMentions, safeFileName } from "./rules.ts";

const OBJECT_TYPE = "task";

function taskEvent(task: taskRepo.TTaskContextRow, verb: string, payload: Record<string, unknown> = {}) {
  return {
    verb,
    objectType: OBJECT_TYPE,
    objectId: task.id,
    projectId: task.projectId,
    payload: { key: formatTaskKey(task.projectKey, task.number), ...payload },
  };
}

/**
 * Everything the task page shows beside the task itself: comments, checklist,
 * attachments, the label catalogue, the members (mention and assignee pickers)
 * and what the reader may do. Readers of the task only (members-only stays members-only).
 */
export async function detail(ctx: Ctx, input: TTaskRefInput) {
  const task = await requireTask(ctx.db, ctx, input.taskId, false);
  const [comments, checklist, attachments, labels, members] = await Promise.all([
    repo.listComments(ctx.db, task.id),
    repo.listChecklist(ctx.db, task.id),
    repo.listAttachments(ctx.db, task.id),
    repo.listLabels(ctx.db, task.projectId),
    repo.projectMembers(ctx.db, task.projectId),
  ]);
  const canEdit = canEditTask(task);
  const isLead = hasProjectRole(task.role, "LEAD");
  return {
    taskId: task.id,
    projectId: task.projectId,
    myRole: task.role,
    canEdit,
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      author: c.author,
      mentions: c.mentions.map((m) => m.user),
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      canEdit: canEdit && c.author.id === ctx.actor.id,
    })),
    checklist: checklist.map(({ id, text, done }) => ({ id, text, done })),
    attachments: attachments.map((a) => ({
      ...a,
      canDelete: canEdit && (a.uploader.id === ctx.actor.id || isLead),
    })),
    labels,
    members: members.map((m) => ({ id: m.userId, name: m.name, role: m.role })),
  };
}

// ---- comments ----

async function mentionsFor(db: DbOrTx, projectId: string, body: string, explicit: readonly string[]) {
  const members = await repo.projectMembers(db, projectId);
  const resolved = resolveMentions(body, explicit, members);
  if (resolved.unknown.length > 0) throw fieldError("BAD_INPUT", "comments.error.mentionNotMember", "mentionIds");
  return resolved.ids;
}

/** A comment by a member; people mentioned (members only) are told through the "task.commented" event. */
export async function addComment(ctx: Ctx, input: TAddCommentInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const task = await requireTask(tx, ctx, input.taskId, true);
    const mentionIds = await mentionsFor(tx, task.projectId, input.body, input.mentionIds);
    const comment = await repo.insertComment(tx, {
      taskId: task.id,
      authorId: ctx.actor.id,
      body: input.body,
      mentionIds,
    });
    await event(taskEvent(task, "task.commented", { commentId: comment.id, mentionIds }));
    return { id: comment.id };
  });
}

async function requireOwnComment(tx: Tx, ctx: Ctx, id: string) {
  const comment = await repo.findComment(tx, id);
  if (!comment) throw new AppError("NOT_FOUND", "errors.notFound");
  const task = await requireTask(tx, ctx, comment.taskId, true);
  if (comment.authorId !== ctx.actor.id) throw new AppError("FORBIDDEN", "comments.error.notOwn");
  return { comment, task };
}

/** Authors edit their own comments; people newly mentioned are told, earlier ones not again. */
export async function editComment(ctx: Ctx, input: TEditCommentInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const { comment, task } = await requireOwnComment(tx, ctx, input.id);
    const mentionIds = await mentionsFor(tx, task.projectId, input.body, input.mentionIds);
    const added = await repo.updateComment(tx, comment.id, input.body, mentionIds);
    await event(taskEvent(task, "task.comment-edited", { commentId: comment.id, mentionIds: added }));
    return { id: comment.id };
  });
}

export async function deleteComment(ctx: Ctx, input: TIdInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const { comment, task } = await requireOwnComment(tx, ctx, input.id);
    await repo.deleteComment(tx, comment.id);
    await event(taskEvent(task, "task.comment-deleted", { commentId: comment.id }));
    return { id: comment.id };
  });
}

// ---- checklist ----

export async function addChecklistItem(ctx: Ctx, input: TAddChecklistItemInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const task = await requireTask(tx, ctx, input.taskId, true);
    const item = await repo.insertChecklistItem(tx, task.id, input.text);
    await event(taskEvent(task, "task.checklist-item-added", { itemId: item.id }));
    return { id: item.id };
  });
}

async function requireItem(tx: Tx, ctx: Ctx, id: string) {
  const item = await repo.findChecklistItem(tx, id);
  if (!item) throw new AppError("NOT_FOUND", "errors.notFound");
  const task = await requireTask(tx, ctx, item.taskId, true);
  return { item, task };
}

export async function updateChecklistItem(ctx: Ctx, input: TUpdateChecklistItemInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const { item, task } = await requireItem(tx, ctx, input.id);
    await repo.updateChecklistItem(tx, item.id, { text: input.text, done: input.done });
    await event(
      taskEvent(task, "task.checklist-item-updated", {
        itemId: item.id,
        ...(input.done === undefined ? {} : { done: input.done }),
      }),
    );
    return { id: item.id };
  });
}

export async function deleteChecklistItem(ctx: Ctx, input: TIdInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const { item, task } = await requireItem(tx, ctx, input.id);
    await repo.deleteChecklistItem(tx, item.id);
    await event(taskEvent(task, "task.checklist-item-removed", { itemId: item.id }));
    return { id: item.id };
  });
}

export async function reorderChecklist(ctx: Ctx, input: TReorderChecklistInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const task = await requireTask(tx, ctx, input.taskId, true);
    if (!isPermutation(await repo.checklistIds(tx, task.id), input.itemIds)) {
      throw fieldError("BAD_INPUT", "checklist.error.order", "itemIds");
    }
    await repo.setChecklistOrder(tx, input.itemIds);
    await event(taskEvent(task, "task.checklist-reordered"));
    return { id: task.id };
  });
}

// ---- labels ----

export async function listLabels(ctx: Ctx, input: TProjectRefInput) {
  const project = await requireProject(ctx.db, ctx.actor, input.projectId, null);
  return repo.listLabels(ctx.db, project.id);
}

function checkColor(color: string | undefined) {
  if (color !== undefined && !hasSufficientContrast(color))
    throw fieldError("BAD_INPUT", "labels.error.contrast", "color");
}

/** Members maintain the project's label catalogue; colours must keep white text readable (4.5:1). */
export async function createLabel(ctx: Ctx, input: TCreateLabelInput) {
  checkColor(input.color);
  return mutate(ctx, async ({ tx, event }) => {
    const project = await requireProject(tx, ctx.actor, input.projectId, canEditTask);
    if (await repo.labelNameTaken(tx, project.id, input.name))
      throw fieldError("CONFLICT", "labels.error.taken", "name");
    const label = await repo.insertLabel(tx, { projectId: project.id, name: input.name, color: input.color });
    await event({
      verb: "project.label-created",
      objectType: "project",
      objectId: project.id,
      projectId: project.id,
      payload: { labelId: label.id },
    });
    return { id: label.id };
  });
}

async function requireLabel(tx: Tx, ctx: Ctx, id: string) {
  const label = await repo.findLabel(tx, id);
  if (!label) throw new AppError("NOT_FOUND", "errors.notFound");
  const project = await requireProject(tx, ctx.actor, label.projectId, canEditTask);
  return { label, project };
}

/** Renaming a label renames it on every task of the project in the same transaction. */
export async function updateLabel(ctx: Ctx, input: TUpdateLabelInput) {
  checkColor(input.color);
  return mutate(ctx, async ({ tx, event }) => {
    const { label, project } = await requireLabel(tx, ctx, input.id);
    if (input.name !== undefined && input.name !== label.name) {
      if (await repo.labelNameTaken(tx, project.id, input.name, label.id)) {
        throw fieldError("CONFLICT", "labels.error.taken", "name");
      }
      await repo.renameLabelOnTasks(tx, project.id, label.name, input.name);
    }
    await repo.updateLabel(tx, label.id, { name: input.name, color: input.color });
    await event({
      verb: "project.label-updated",
      objectType: "project",
      objectId: project.id,
      projectId: project.id,
      payload: { labelId: label.id },
    });
    return { id: label.id };
  });
}

export async function deleteLabel(ctx: Ctx, input: TIdInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const { label, project } = await requireLabel(tx, ctx, input.id);
    await repo.removeLabelFromTasks(tx, project.id, label.name);
    await repo.deleteLabel(tx, label.id);
    await event({
      verb: "project.label-deleted",
      objectType: "project",
      objectId: project.id,
      projectId: project.id,
      payload: { labelId: label.id },
    });
    return { id: label.id };
  });
}

/** Puts labels of the project's catalogue on a task (guarded by the task's version, like every task write). */
export async function setTaskLabels(ctx: Ctx, input: TSetTaskLabelsInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const task = await requireTask(tx, ctx, input.taskId, true);
    if (task.version !== input.version)
      throw new AppError("CONFLICT", "tasks.error.conflict", { currentVersion: task.version });
    const wanted = [...new Set(input.labelIds)];
    const labels = await repo.labelsByIds(tx, task.projectId, wanted);
    if (labels.length !== wanted.length) throw fieldError("NOT_FOUND", "labels.error.notFound", "labelIds");
    const byId = new Map(labels.map((l) => [l.id, l.name]));
    const names = wanted.map((id) => byId.get(id)!);
    if (!(await taskRepo.updateTaskIfVersion(tx, task.id, input.version, { labels: names }))) {
      const current = (await taskRepo.currentVersion(tx, task.id)) ?? input.version;
      throw new AppError("CONFLICT", "tasks.error.conflict", { currentVersion: current });
    }
    await event(taskEvent(task, "task.updated", { fields: ["labels"] }));
    return { id: task.id, version: input.version + 1, labels: names };
  });
}

// ---- attachments ----

/**
 * Stores a file on a task: size limit first, then the content type from the
 * bytes against the allowlist (modules/attachments/files.ts). The bytes are
 * written before the transaction and removed again if it fails.
 */
export async function uploadAttachment(ctx: Ctx, input: TUploadAttachmentInput) {
  uploadsDir(ctx);
  const bytes = decodeUpload(input.dataBase64);
  await requireTask(ctx.db, ctx, input.taskId, true);
  const type = await sniffUpload(bytes);
  return storeFile(ctx, bytes, (storageKey) =>
    mutate(ctx, async ({ tx, event }) => {
      const task = await requireTask(tx, ctx, input.taskId, true);
      const row = await repo.insertAttachment(tx, {
        taskId: task.id,
        uploaderId: ctx.actor.id,
        fileName: safeFileName(input.fileName),
        contentType: type.mime,
        size: bytes.length,
        storageKey,
      });
      await event(taskEvent(task, "task.attachment-added", { attachmentId: row.id, contentType: type.mime }));
      return { id: row.id, contentType: type.mime, size: bytes.length };
    }),
  );
}

async function readableAttachment(ctx: Ctx, id: string) {
  const attachment = await repo.findAttachment(ctx.db, id);
  if (!attachment) throw new AppError("NOT_FOUND", "errors.notFound");
  const task = await requireTask(ctx.db, ctx, attachment.taskId, false);
  return { attachment, task };
}

/** The bytes, for readers of the task only; anyone else gets NOT_FOUND as for an unknown id. */
export async function attachmentContent(ctx: Ctx, input: TIdInput) {
  const { attachment } = await readableAttachment(ctx, input.id);
  return fileContent(ctx, attachment);
}

/** The uploader or a project lead removes an attachment; the file goes after commit. */
export async function deleteAttachment(ctx: Ctx, input: TIdInput) {
  uploadsDir(ctx);
  const removed = await mutate(ctx, async ({ tx, event }) => {
    const attachment = await repo.findAttachment(tx, input.id);
    if (!attachment) throw new AppError("NOT_FOUND", "errors.notFound");
    const task = await requireTask(tx, ctx, attachment.taskId, true);
    if (attachment.uploaderId !== ctx.actor.id && !hasProjectRole(task.role, "LEAD")) {
      throw new AppError("FORBIDDEN", "errors.forbidden");
    }
    await repo.deleteAttachment(tx, attachment.id);
    await event(taskEvent(task, "task.attachment-removed", { attachmentId: attachment.id }));
    return attachment;
  });
  await removeFile(ctx, removed.storageKey);
  return { id: removed.id };
}
