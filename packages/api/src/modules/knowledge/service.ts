import type { Prisma, Tx } from "@kreisnetz/db/client";
import { validateRichText, renderRichText } from "@kreisnetz/editor/render";
import { AppError } from "@kreisnetz/shared/errors";
import type { MessageKey } from "@kreisnetz/shared/i18n";
import type {
  TArticleIdInput,
  TCreateArticleInput,
  TCreateSpaceInput,
  TDiffInput,
  TRestoreVersionInput,
  TSpaceRefInput,
  TUpdateArticleInput,
  TVerifyArticleInput,
} from "@kreisnetz/shared/schemas/knowledge";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import { ancestorLinks } from "../org-units/repo.ts";
import { fromDbDate, toDbDate } from "../tasks/rules.ts";
import { canCreateSpace, canVerify, canWriteInSpace, type TKnowledgeActor } from "./policy.ts";
import * as repo from "./repo.ts";
import { articlePath, diffLines, linkedArticleIds, nextReviewDate, verificationStatus } from "./rules.ts";
import { templateContent } from "./templates.ts";

export type Ctx = TContext & { actor: TActor };

export const ARTICLE_OBJECT = "article";

async function knowledgeActor(ctx: Ctx): Promise<TKnowledgeActor> {
  const ancestry = await ancestorLinks(ctx.db, ctx.actor.unitId);
  return { roles: ctx.actor.roles, unitAncestry: [...ancestry.keys()] };
}

function fieldError(code: "BAD_INPUT" | "CONFLICT", key: MessageKey, field: string): AppError {
  return new AppError(code, key, {}, { [field]: key });
}

/** Validates rich text with the editor's schema; bad content is refused, not repaired. */
function cleanRichText(json: unknown, field: string): { state: Prisma.InputJsonValue; text: string } {
  const result = validateRichText(json);
  if (!result.ok) throw fieldError("BAD_INPUT", "knowledge.error.richText", field);
  return { state: result.state as unknown as Prisma.InputJsonValue, text: renderRichText(result.state).text };
}

function render(json: unknown): string {
  try {
    return renderRichText(json).html;
  } catch {
    return "";
  }
}

export async function listSpaces(ctx: Ctx) {
  const actor = await knowledgeActor(ctx);
  const spaces = await repo.listSpaces(ctx.db);
  return spaces.map((s) => ({
    id: s.id,
    key: s.key,
    name: ctx.locale === "dsb" && s.nameDsb ? s.nameDsb : s.name,
    description: s.description,
    access: s.access,
    unit: s.unit,
    articleCount: s._count.articles,
    canWrite: canWriteInSpace(actor, s),
  }));
}

/** Editors create spaces: the structure of the knowledge base stays curated. */
export async function createSpace(ctx: Ctx, input: TCreateSpaceInput) {
  if (!canCreateSpace(ctx.actor)) throw new AppError("FORBIDDEN", "errors.forbidden");
  if (input.access === "UNIT" && !input.unitId) throw fieldError("BAD_INPUT", "knowledge.error.spaceUnit", "unitId");
  await mutate(ctx, async ({ tx, event }) => {
    if (await tx.knowledgeSpace.findUnique({ where: { key: input.key }, select: { id: true } })) {
      throw fieldError("CONFLICT", "knowledge.error.spaceKeyTaken", "key");
    }
    if (input.unitId && !(await tx.orgUnit.findFirst({ where: { id: input.unitId, dissolvedAt: null } }))) {
      throw fieldError("BAD_INPUT", "knowledge.error.unitNotFound", "unitId");
    }
    const space = await tx.knowledgeSpace.create({ data: input, select: { id: true } });
    await event({ verb: "knowledge-space.created", objectType: "knowledge-space", objectId: space.id });
  });
  return space(ctx, { key: input.key });
}

export async function space(ctx: Ctx, input: TSpaceRefInput) {
  const row = await repo.findSpaceByKey(ctx.db, input.key);
  if (!row) throw new AppError("NOT_FOUND", "errors.notFound");
  const actor = await knowledgeActor(ctx);
  const articles = await repo.listArticlesInSpace(ctx.db, row.id);
  return {
    id: row.id,
    key: row.key,
    name: ctx.locale === "dsb" && row.nameDsb ? row.nameDsb : row.name,
    description: row.description,
    access: row.access,
    unit: row.unit,
    canWrite: canWriteInSpace(actor, row),
    articles: articles.map((a) => ({
      id: a.id,
      title: a.title,
      template: a.template,
      tags: a.tags,
      updatedAt: a.updatedAt,
      owner: a.owner,
      verification: verificationStatus(a),
    })),
  };
}

export async function get(ctx: Ctx, input: TArticleIdInput) {
  const row = await repo.findArticle(ctx.db, input.id);
  if (!row || row.archivedAt) throw new AppError("NOT_FOUND", "errors.notFound");
  const actor = await knowledgeActor(ctx);
  const links = await repo.backlinks(ctx.db, row.id);
  return {
    id: row.id,
    space: { key: row.space.key, name: row.space.name },
    title: row.title,
    titleDsb: row.titleDsb,
    content: row.content as Record<string, unknown>,
    contentDsb: (row.contentDsb ?? null) as Record<string, unknown> | null,
    html: render(row.content),
    htmlDsb: row.contentDsb ? render(row.contentDsb) : null,
    template: row.template,
    tags: row.tags,
    owner: row.owner,
    ownerUnit: row.ownerUnit,
    reviewDueAt: fromDbDate(row.reviewDueAt),
    verifiedAt: row.verifiedAt,
    verifiedBy: row.verifiedBy,
    verification: verificationStatus(row),
    version: row.version,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    backlinks: links.map((l) => l.from),
    canEdit: canWriteInSpace(actor, row.space),
    canVerify: canVerify(ctx.actor),
  };
}

async function requireWritableArticle(ctx: Ctx, tx: Tx, id: string) {
  const row = await repo.findArticle(tx, id);
  if (!row || row.archivedAt) throw new AppError("NOT_FOUND", "errors.notFound");
  if (!canWriteInSpace(await knowledgeActor(ctx), row.space)) throw new AppError("FORBIDDEN", "errors.forbidden");
  return row;
}

async function requireOwner(tx: Tx, ownerId: string) {
  const user = await tx.user.findFirst({ where: { id: ownerId, deactivatedAt: null }, select: { id: true } });
  if (!user) throw fieldError("BAD_INPUT", "knowledge.error.ownerNotFound", "ownerId");
}

async function requireUnit(tx: Tx, unitId: string) {
  const unit = await tx.orgUnit.findFirst({ where: { id: unitId, dissolvedAt: null }, select: { id: true } });
  if (!unit) throw fieldError("BAD_INPUT", "knowledge.error.unitNotFound", "ownerUnitId");
}

/** Any person who may write in the space creates an article; they own it for their unit. */
export async function create(ctx: Ctx, input: TCreateArticleInput) {
  const spaceRow = await repo.findSpaceByKey(ctx.db, input.spaceKey);
  if (!spaceRow) throw fieldError("BAD_INPUT", "knowledge.error.spaceNotFound", "spaceKey");
  if (!canWriteInSpace(await knowledgeActor(ctx), spaceRow)) throw new AppError("FORBIDDEN", "errors.forbidden");
  const content = cleanRichText(input.content ?? templateContent(input.template), "content");
  const contentDsb = input.contentDsb ? cleanRichText(input.contentDsb, "contentDsb") : null;
  const ownerUnitId = input.ownerUnitId ?? ctx.actor.unitId;
  const id = await mutate(ctx, async ({ tx, event }) => {
    await requireUnit(tx, ownerUnitId);
    const article = await tx.knowledgeArticle.create({
      data: {
        spaceId: spaceRow.id,
        title: input.title,
        content: content.state,
        bodyText: content.text,
        titleDsb: input.titleDsb ?? null,
        contentDsb: contentDsb?.state ?? undefined,
        template: input.template,
        tags: input.tags,
        ownerUnitId,
        ownerId: ctx.actor.id,
        reviewDueAt: toDbDate(input.reviewDueAt ?? null),
      },
      select: { id: true },
    });
    await tx.knowledgeArticleVersion.create({
      data: {
        articleId: article.id,
        version: 1,
        title: input.title,
        content: content.state,
        bodyText: content.text,
        titleDsb: input.titleDsb ?? null,
        contentDsb: contentDsb?.state ?? undefined,
        tags: input.tags,
        authorId: ctx.actor.id,
      },
    });
    await repo.replaceLinks(tx, article.id, linkedArticleIds(content.state));
    await event({
      verb: "article.created",
      objectType: ARTICLE_OBJECT,
      objectId: article.id,
      payload: { spaceId: spaceRow.id, template: input.template },
    });
    return article.id;
  });
  return get(ctx, { id });
}

type TArticleChange = {
  title: string;
  content: { state: Prisma.InputJsonValue; text: string };
  titleDsb: string | null;
  contentDsb: { state: Prisma.InputJsonValue; text: string } | null;
  tags: string[];
};

/** Writes the new state and its version row; links are recomputed from the content. */
async function writeVersion(ctx: Ctx, tx: Tx, id: string, version: number, change: TArticleChange, extra: object) {
  await tx.knowledgeArticle.update({
    where: { id },
    data: {
      title: change.title,
      content: change.content.state,
      bodyText: change.content.text,
      titleDsb: change.titleDsb,
      contentDsb: change.contentDsb?.state ?? (null as unknown as Prisma.InputJsonValue),
      tags: change.tags,
      version,
      ...extra,
    },
  });
  await tx.knowledgeArticleVersion.create({
    data: {
      articleId: id,
      version,
      title: change.title,
      content: change.content.state,
      bodyText: change.content.text,
      titleDsb: change.titleDsb,
      contentDsb: change.contentDsb?.state ?? undefined,
      tags: change.tags,
      authorId: ctx.actor.id,
    },
  });
  await repo.replaceLinks(tx, id, linkedArticleIds(change.content.state));
}

/**
 * Saves an edit as a new version. The editor names the version it started
 * from; if someone saved in between, CONFLICT (nothing is overwritten).
 */
export async function update(ctx: Ctx, input: TUpdateArticleInput) {
  const content = input.content ? cleanRichText(input.content, "content") : null;
  const contentDsb = input.contentDsb ? cleanRichText(input.contentDsb, "contentDsb") : input.contentDsb;
  await mutate(ctx, async ({ tx, event }) => {
    const locked = await repo.lockArticle(tx, input.id);
    if (!locked) throw new AppError("NOT_FOUND", "errors.notFound");
    const row = await requireWritableArticle(ctx, tx, input.id);
    if (locked.version !== input.version) throw new AppError("CONFLICT", "knowledge.error.staleVersion");
    if (input.ownerId) await requireOwner(tx, input.ownerId);
    if (input.ownerUnitId) await requireUnit(tx, input.ownerUnitId);
    const change: TArticleChange = {
      title: input.title ?? row.title,
      content: content ?? { state: row.content as Prisma.InputJsonValue, text: row.bodyText },
      titleDsb: input.titleDsb === undefined ? row.titleDsb : input.titleDsb,
      contentDsb:
        contentDsb === undefined
          ? row.contentDsb
            ? { state: row.contentDsb as Prisma.InputJsonValue, text: "" }
            : null
          : contentDsb,
      tags: input.tags ?? row.tags,
    };
    const fields = Object.keys(input).filter((k) => !["id", "version"].includes(k));
    await writeVersion(ctx, tx, row.id, row.version + 1, change, {
      ...(input.ownerId ? { ownerId: input.ownerId } : {}),
      ...(input.ownerUnitId ? { ownerUnitId: input.ownerUnitId } : {}),
      ...(input.reviewDueAt !== undefined ? { reviewDueAt: toDbDate(input.reviewDueAt) } : {}),
    });
    await event({ verb: "article.updated", objectType: ARTICLE_OBJECT, objectId: row.id, payload: { fields } });
    if (input.ownerId && input.ownerId !== row.owner.id) {
      await event({
        verb: "article.owner-changed",
        objectType: ARTICLE_OBJECT,
        objectId: row.id,
        payload: { from: row.owner.id, to: input.ownerId },
      });
    }
  });
  return get(ctx, { id: input.id });
}

export async function history(ctx: Ctx, input: TArticleIdInput) {
  const row = await repo.findArticle(ctx.db, input.id);
  if (!row || row.archivedAt) throw new AppError("NOT_FOUND", "errors.notFound");
  const versions = await repo.listVersions(ctx.db, input.id);
  return { id: row.id, title: row.title, version: row.version, versions };
}

export async function diff(ctx: Ctx, input: TDiffInput) {
  const row = await repo.findArticle(ctx.db, input.id);
  if (!row || row.archivedAt) throw new AppError("NOT_FOUND", "errors.notFound");
  const [from, to] = await Promise.all([
    repo.findVersion(ctx.db, input.id, input.from),
    repo.findVersion(ctx.db, input.id, input.to),
  ]);
  if (!from || !to) throw new AppError("NOT_FOUND", "errors.notFound");
  return {
    from: input.from,
    to: input.to,
    title: diffLines(from.title, to.title),
    lines: diffLines(from.bodyText, to.bodyText),
  };
}

/** Restoring writes a new version with the old content: history is never rewritten. */
export async function restore(ctx: Ctx, input: TRestoreVersionInput) {
  await mutate(ctx, async ({ tx, event }) => {
    if (!(await repo.lockArticle(tx, input.id))) throw new AppError("NOT_FOUND", "errors.notFound");
    const row = await requireWritableArticle(ctx, tx, input.id);
    const old = await repo.findVersion(tx, input.id, input.version);
    if (!old) throw new AppError("NOT_FOUND", "errors.notFound");
    await writeVersion(
      ctx,
      tx,
      row.id,
      row.version + 1,
      {
        title: old.title,
        content: { state: old.content as Prisma.InputJsonValue, text: old.bodyText },
        titleDsb: old.titleDsb,
        contentDsb: old.contentDsb ? { state: old.contentDsb as Prisma.InputJsonValue, text: "" } : null,
        tags: old.tags,
      },
      {},
    );
    await event({
      verb: "article.updated",
      objectType: ARTICLE_OBJECT,
      objectId: row.id,
      payload: { restoredFrom: input.version },
    });
  });
  return get(ctx, { id: input.id });
}

/** Editors confirm an article is correct: "geprüft am ... von ..."; next review in a year by default. */
export async function verify(ctx: Ctx, input: TVerifyArticleInput) {
  if (!canVerify(ctx.actor)) throw new AppError("FORBIDDEN", "errors.forbidden");
  const now = new Date();
  await mutate(ctx, async ({ tx, event }) => {
    const row = await repo.findArticle(tx, input.id);
    if (!row || row.archivedAt) throw new AppError("NOT_FOUND", "errors.notFound");
    const next = input.nextReviewAt ? toDbDate(input.nextReviewAt) : nextReviewDate(now);
    if (next && next <= now) throw fieldError("BAD_INPUT", "knowledge.error.reviewInPast", "nextReviewAt");
    await tx.knowledgeArticle.update({
      where: { id: row.id },
      data: { verifiedAt: now, verifiedById: ctx.actor.id, reviewDueAt: next },
    });
    await event({ verb: "article.verified", objectType: ARTICLE_OBJECT, objectId: row.id });
  });
  return get(ctx, { id: input.id });
}

export { articlePath };
