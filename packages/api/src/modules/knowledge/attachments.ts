import type { DbOrTx } from "@kreisnetz/db/client";
import { AppError } from "@kreisnetz/shared/errors";
import type {
  TArticleAttachmentIdInput,
  TArticleIdInput,
  TUploadArticleAttachmentInput,
} from "@kreisnetz/shared/schemas/knowledge";
import { mutate } from "../../mutation.ts";
import {
  decodeUpload,
  fileContent,
  removeFile,
  safeFileName,
  sniffUpload,
  storeFile,
  uploadsDir,
} from "../attachments/files.ts";
import { ancestorLinks } from "../org-units/repo.ts";
import { canAttach, canReadSpace, canRemoveAttachment } from "./policy.ts";
import { ARTICLE_OBJECT, type Ctx } from "./service.ts";

/**
 * Files on knowledge articles. Storage, size limit and content-type sniffing
 * are the task attachments' (modules/attachments/files.ts); rights are the
 * article's (policy.ts canAttach, canRemoveAttachment). Every change is an
 * `article.attachment-*` activity event in the same transaction.
 */

async function actorFor(ctx: Ctx) {
  const ancestry = await ancestorLinks(ctx.db, ctx.actor.unitId);
  return { id: ctx.actor.id, roles: ctx.actor.roles, unitAncestry: [...ancestry.keys()] };
}

/** A live article with what the rules need; archived or unknown is NOT_FOUND. */
async function requireArticle(db: DbOrTx, id: string) {
  const row = await db.knowledgeArticle.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      ownerId: true,
      archivedAt: true,
      space: { select: { access: true, unitId: true } },
    },
  });
  if (!row || row.archivedAt || !canReadSpace()) throw new AppError("NOT_FOUND", "errors.notFound");
  return row;
}

async function requireAttachment(db: DbOrTx, id: string) {
  const row = await db.knowledgeAttachment.findUnique({
    where: { id },
    select: {
      id: true,
      articleId: true,
      uploaderId: true,
      fileName: true,
      contentType: true,
      size: true,
      storageKey: true,
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "errors.notFound");
  const article = await requireArticle(db, row.articleId);
  return { attachment: row, article };
}

/** The article's files, newest first, with whether the reader may remove each and may add more. */
export async function list(ctx: Ctx, input: TArticleIdInput) {
  const article = await requireArticle(ctx.db, input.id);
  const actor = await actorFor(ctx);
  const rows = await ctx.db.knowledgeAttachment.findMany({
    where: { articleId: article.id },
    select: {
      id: true,
      fileName: true,
      contentType: true,
      size: true,
      createdAt: true,
      uploaderId: true,
      uploader: { select: { id: true, name: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return {
    canAttach: canAttach(actor, article),
    attachments: rows.map(({ uploaderId, ...a }) => ({
      ...a,
      canDelete: canRemoveAttachment(actor, { uploaderId, articleOwnerId: article.ownerId }),
    })),
  };
}

/** Size first, then rights, then the content type from the bytes; the file is removed if the write fails. */
export async function upload(ctx: Ctx, input: TUploadArticleAttachmentInput) {
  uploadsDir(ctx);
  const bytes = decodeUpload(input.dataBase64);
  const allowed = async (db: DbOrTx) => {
    const article = await requireArticle(db, input.articleId);
    if (!canAttach(await actorFor(ctx), article)) throw new AppError("FORBIDDEN", "errors.forbidden");
    return article;
  };
  await allowed(ctx.db);
  const type = await sniffUpload(bytes);
  return storeFile(ctx, bytes, (storageKey) =>
    mutate(ctx, async ({ tx, event }) => {
      const article = await allowed(tx);
      const row = await tx.knowledgeAttachment.create({
        data: {
          articleId: article.id,
          uploaderId: ctx.actor.id,
          fileName: safeFileName(input.fileName),
          contentType: type.mime,
          size: bytes.length,
          storageKey,
        },
        select: { id: true, fileName: true },
      });
      await event({
        verb: "article.attachment-added",
        objectType: ARTICLE_OBJECT,
        objectId: article.id,
        payload: { attachmentId: row.id, fileName: row.fileName, contentType: type.mime, size: bytes.length },
      });
      return { id: row.id, contentType: type.mime, size: bytes.length };
    }),
  );
}

/** The bytes, for readers of the article only; anything else is NOT_FOUND as for an unknown id. */
export async function content(ctx: Ctx, input: TArticleAttachmentIdInput) {
  const { attachment } = await requireAttachment(ctx.db, input.id);
  return fileContent(ctx, attachment);
}

/** The uploader, the article's owner or an editor removes a file; the bytes go after commit. */
export async function remove(ctx: Ctx, input: TArticleAttachmentIdInput) {
  uploadsDir(ctx);
  const actor = await actorFor(ctx);
  const removed = await mutate(ctx, async ({ tx, event }) => {
    const { attachment, article } = await requireAttachment(tx, input.id);
    if (!canRemoveAttachment(actor, { uploaderId: attachment.uploaderId, articleOwnerId: article.ownerId })) {
      throw new AppError("FORBIDDEN", "errors.forbidden");
    }
    await tx.knowledgeAttachment.delete({ where: { id: attachment.id }, select: { id: true } });
    await event({
      verb: "article.attachment-removed",
      objectType: ARTICLE_OBJECT,
      objectId: article.id,
      payload: { attachmentId: attachment.id, fileName: attachment.fileName },
    });
    return attachment;
  });
  await removeFile(ctx, removed.storageKey);
  return { id: removed.id };
}
