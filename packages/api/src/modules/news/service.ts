import type { Prisma } from "@kreisnetz/db/client";
import { renderRichText, validateRichText } from "@kreisnetz/editor/render";
import { AppError } from "@kreisnetz/shared/errors";
import type { MessageKey } from "@kreisnetz/shared/i18n";
import type {
  TAddCommentInput,
  TCommentIdInput,
  TCreatePostInput,
  TEditCommentInput,
  TGalleryInput,
  TListPostsInput,
  TMustReadInput,
  TNewsReaction,
  TPinInput,
  TPostIdInput,
  TPublishInput,
  TReactInput,
  TRequestChangesInput,
  TRestoreRevisionInput,
  TScheduleInput,
  TUpdatePostInput,
} from "@kreisnetz/shared/schemas/news";
import { NEWS_REACTIONS } from "@kreisnetz/shared/schemas/news";
import { writeAudit } from "../../audit.ts";
import type { TActor, TContext } from "../../context.ts";
import type { EventLog } from "../../events/event-log.ts";
import { mutate, type TMutationTools } from "../../mutation.ts";
import {
  canChangeComment,
  canEditContent,
  canInteract,
  canModerate,
  canReadPost,
  canSubmit,
  isEditor,
  type TPostAccess,
} from "./policy.ts";
import * as repo from "./repo.ts";
import {
  ACTION_VERB,
  actionsFrom,
  effectiveStatus,
  localized,
  mergeSmallUnits,
  nextStatus,
  pinProblem,
  scheduleProblem,
  stableJson,
  type TNewsAction,
} from "./rules.ts";

export type Ctx = TContext & { actor: TActor };

/** objectType of every post event (objectId = post id). Comments: "news-comment" (objectId = comment id). */
export const POST_OBJECT = "news-post";
export const COMMENT_OBJECT = "news-comment";

function fieldError(code: "BAD_INPUT" | "NOT_FOUND" | "FORBIDDEN", key: MessageKey, field: string, params = {}) {
  return new AppError(code, key, params, { [field]: key });
}

/**
 * Loads a post's access facts and applies the policy: a post the actor may not
 * read is NOT_FOUND (its existence must not leak), anything else refused is FORBIDDEN.
 */
async function requirePost(
  db: Ctx["db"] | Prisma.TransactionClient,
  actor: TActor,
  postId: string,
  allowed: ((access: TPostAccess) => boolean) | null,
  options: { lock?: boolean } = {},
): Promise<repo.TPostAccessRow> {
  const access = await repo.postAccess(db, postId, actor.unitId, options);
  if (!access || !canReadPost(actor, access)) throw new AppError("NOT_FOUND", "errors.notFound");
  if (allowed && !allowed(access)) throw new AppError("FORBIDDEN", "errors.forbidden");
  return access;
}

function requireEditor(actor: TActor): void {
  if (!isEditor(actor)) throw new AppError("FORBIDDEN", "errors.forbidden");
}

/** Validates and renders a body; refusals name the field and the reason. */
function prepareBody(json: unknown, field: string): { json: Prisma.InputJsonValue; html: string; text: string } {
  const checked = validateRichText(json);
  if (!checked.ok) throw fieldError("BAD_INPUT", `news.richText.${checked.error.code}`, field);
  let rendered: { html: string; text: string };
  try {
    rendered = renderRichText(checked.state);
  } catch {
    // Lexical refuses some states that pass the schema (e.g. a root without children).
    throw fieldError("BAD_INPUT", "news.richText.RENDER_FAILED", field);
  }
  return { json: checked.state as unknown as Prisma.InputJsonValue, html: rendered.html, text: rendered.text };
}

async function prepareContent(
  ctx: Ctx,
  tx: Prisma.TransactionClient,
  input: Omit<TCreatePostInput, "kind">,
): Promise<{ content: Omit<repo.TPostContent, "kind">; unitIds: string[]; storyUnitIds: string[] }> {
  if (input.teamOfMonth && !isEditor(ctx.actor)) {
    throw fieldError("FORBIDDEN", "news.error.teamOfMonthEditorsOnly", "teamOfMonth");
  }
  const body = prepareBody(input.body, "body");
  const bodyDsb = input.bodyDsb ? prepareBody(input.bodyDsb, "bodyDsb") : null;
  const unitIds = input.audience === "UNITS" ? [...new Set(input.unitIds)] : [];
  const storyUnitIds = [...new Set(input.storyUnitIds)];
  if ((await repo.countOpenUnits(tx, unitIds)) !== unitIds.length) {
    throw fieldError("NOT_FOUND", "news.error.unitNotFound", "unitIds");
  }
  const extraUnits = [...new Set([...storyUnitIds, ...(input.contactUnitId ? [input.contactUnitId] : [])])];
  if ((await repo.countOpenUnits(tx, extraUnits)) !== extraUnits.length) {
    throw fieldError("NOT_FOUND", "news.error.unitNotFound", "storyUnitIds");
  }
  if (input.projectId && !(await repo.projectExists(tx, input.projectId))) {
    throw fieldError("NOT_FOUND", "news.error.projectNotFound", "projectId");
  }
  if (input.coverImageId && !(await repo.imageExists(tx, input.coverImageId))) {
    throw fieldError("NOT_FOUND", "news.error.imageNotFound", "coverImageId");
  }
  return {
    content: {
      title: input.title,
      teaser: input.teaser,
      body: body.json,
      bodyHtml: body.html,
      bodyText: body.text,
      titleDsb: input.titleDsb || null,
      teaserDsb: input.teaserDsb || null,
      bodyDsb: bodyDsb?.json ?? null,
      bodyDsbHtml: bodyDsb?.html ?? null,
      bodyDsbText: bodyDsb?.text ?? null,
      category: input.category ?? null,
      coverImageId: input.coverImageId ?? null,
      audience: input.audience,
      storySituation: input.storySituation || null,
      storySolution: input.storySolution || null,
      storyResult: input.storyResult || null,
      projectId: input.projectId ?? null,
      contactUnitId: input.contactUnitId ?? null,
      teamOfMonth: input.teamOfMonth,
    },
    unitIds,
    storyUnitIds,
  };
}

export type TPostDto = Awaited<ReturnType<typeof loadDto>>;

async function loadDto(ctx: Ctx, id: string) {
  const [row, access, comments, reactions] = await Promise.all([
    repo.findPost(ctx.db, id),
    repo.postAccess(ctx.db, id, ctx.actor.unitId),
    repo.commentsOf(ctx.db, id),
    repo.reactionsOf(ctx.db, id, ctx.actor.id),
  ]);
  if (!row || !access) throw new AppError("NOT_FOUND", "errors.notFound");
  const locale = ctx.locale;
  const editor = isEditor(ctx.actor);
  const editable = canEditContent(ctx.actor, access);
  const useDsb = locale === "dsb" && Boolean(row.bodyDsbHtml);
  const unitName = (u: { name: string; nameDsb: string | null }) => localized(locale, u.name, u.nameDsb);
  const actions = actionsFrom(row.status).filter((a) => (a === "submit" ? canSubmit(ctx.actor, access) : editor));
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    shownStatus: effectiveStatus(row, new Date()),
    title: localized(locale, row.title, row.titleDsb),
    teaser: localized(locale, row.teaser, row.teaserDsb),
    html: useDsb ? (row.bodyDsbHtml ?? "") : row.bodyHtml,
    language: useDsb ? ("dsb" as const) : ("de" as const),
    category: row.category,
    coverImage: row.coverImage,
    audience: row.audience,
    units: row.units.map((u) => ({ id: u.unit.id, name: unitName(u.unit) })),
    author: row.author,
    pinnedFrom: row.pinnedFrom,
    pinnedUntil: row.pinnedUntil,
    publishAt: row.publishAt,
    unpublishAt: row.unpublishAt,
    publishedAt: row.publishedAt,
    reviewNote: row.reviewNote,
    mustRead: row.mustRead,
    mustReadDeadline: row.mustReadDeadline,
    acknowledged: reactions.acknowledged,
    story:
      row.kind === "STORY"
        ? {
            situation: row.storySituation,
            solution: row.storySolution,
            result: row.storyResult,
            units: row.storyUnits.map((u) => ({ id: u.unit.id, name: unitName(u.unit) })),
            project: row.project,
            contactUnit: row.contactUnit ? { id: row.contactUnit.id, name: unitName(row.contactUnit) } : null,
          }
        : null,
    teamOfMonth: row.teamOfMonth,
    version: row.version,
    comments: comments.map((c) => ({
      id: c.id,
      body: c.removedAt ? null : c.body,
      author: c.author,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      removed: c.removedAt !== null,
      mine: c.author.id === ctx.actor.id,
    })),
    reactions: NEWS_REACTIONS.map((kind) => ({
      kind,
      count: reactions.counts.find((r) => r.kind === kind)?._count._all ?? 0,
      mine: reactions.mine.includes(kind),
    })),
    can: {
      edit: editable,
      editorial: editor,
      interact: canInteract(ctx.actor, access),
      moderate: canModerate(ctx.actor),
    },
    actions,
    /** The stored source for the edit form; only for those who may edit. */
    source: editable
      ? {
          title: row.title,
          teaser: row.teaser,
          body: row.body as Record<string, unknown>,
          titleDsb: row.titleDsb,
          teaserDsb: row.teaserDsb,
          bodyDsb: (row.bodyDsb ?? null) as Record<string, unknown> | null,
          unitIds: row.units.map((u) => u.unit.id),
          storyUnitIds: row.storyUnits.map((u) => u.unit.id),
          storySituation: row.storySituation,
          storySolution: row.storySolution,
          storyResult: row.storyResult,
          projectId: row.projectId,
          contactUnitId: row.contactUnit?.id ?? null,
          coverImageId: row.coverImageId,
          updatedAt: row.updatedAt,
        }
      : null,
  };
}

function toListItem(
  locale: string,
  row:
    | repo.TListRow
    | (Omit<repo.TListRow, "publishedAt" | "mustReadDeadline"> & {
        publishedAt: string | Date | null;
        mustReadDeadline: string | Date | null;
      }),
) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    title: localized(locale, row.title, row.titleDsb),
    teaser: localized(locale, row.teaser, row.teaserDsb),
    category: row.category,
    coverImage: row.coverImageId ? { id: row.coverImageId, alt: row.coverAlt ?? "" } : null,
    authorName: row.authorName,
    publishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
    pinned: row.pinned,
    unread: row.unread,
    mustRead: row.mustRead,
    mustReadDeadline: row.mustReadDeadline ? new Date(row.mustReadDeadline) : null,
    acknowledged: row.acknowledged,
    teamOfMonth: row.teamOfMonth,
  };
}
export type TPostListItem = ReturnType<typeof toListItem>;

/** Published posts for the reader's audience only. */
export async function list(ctx: Ctx, input: TListPostsInput) {
  const rows = await repo.listVisible(ctx.db, ctx.actor, { ...input, pinnedFirst: !input.before });
  return rows.map((row) => toListItem(ctx.locale, row));
}

export async function mine(ctx: Ctx) {
  return (await repo.listByAuthor(ctx.db, ctx.actor.id)).map((row) => toListItem(ctx.locale, row));
}

export async function reviewQueue(ctx: Ctx) {
  requireEditor(ctx.actor);
  return (await repo.listQueue(ctx.db, ctx.actor.id)).map((row) => toListItem(ctx.locale, row));
}

export async function gallery(ctx: Ctx, input: TGalleryInput) {
  const rows = await repo.gallery(ctx.db, ctx.actor, input);
  return rows.map((row) => ({ ...toListItem(ctx.locale, row), units: row.units }));
}

/** The start page's news: personal feed, open must-reads, latest stories. */
export async function feed(ctx: Ctx, limit = 10) {
  const row = await repo.feed(ctx.db, ctx.actor, limit);
  return {
    items: row.feed.map((r) => toListItem(ctx.locale, r)),
    mustReads: row.mustReads.map((m) => ({
      id: m.id,
      title: localized(ctx.locale, m.title, m.titleDsb),
      deadline: m.deadline ? new Date(m.deadline) : null,
    })),
    mustReadCount: row.mustReadCount,
    stories: row.stories.map((r) => toListItem(ctx.locale, r)),
  };
}

/** Entries of the Atom feed: published news meant for the whole administration only. */
export async function atomEntries(ctx: Ctx) {
  return repo.listForAll(ctx.db, 50);
}

export async function get(ctx: Ctx, input: TPostIdInput): Promise<TPostDto> {
  await requirePost(ctx.db, ctx.actor, input.id, null);
  return loadDto(ctx, input.id);
}

/** Any staff member may start a draft; it is theirs and the editors' until published. */
export async function create(ctx: Ctx, input: TCreatePostInput): Promise<TPostDto> {
  const id = await mutate(ctx, async ({ tx, event }) => {
    const { content, unitIds, storyUnitIds } = await prepareContent(ctx, tx, input);
    const post = await repo.insertPost(tx, ctx.actor.id, { ...content, kind: input.kind }, unitIds, storyUnitIds);
    await event({
      verb: "news.created",
      objectType: POST_OBJECT,
      objectId: post.id,
      payload: { kind: input.kind, audience: input.audience, unitIds },
    });
    return post.id;
  });
  return loadDto(ctx, id);
}

/** Replaces the content; a changed body (German or Sorbian) becomes a new revision. */
export async function update(ctx: Ctx, input: TUpdatePostInput): Promise<TPostDto> {
  await mutate(ctx, async ({ tx, event }) => {
    const access = await requirePost(tx, ctx.actor, input.id, (a) => canEditContent(ctx.actor, a), { lock: true });
    const before = await repo.findBodies(tx, input.id);
    if (!before) throw new AppError("NOT_FOUND", "errors.notFound");
    if (input.baseUpdatedAt && before.updatedAt.getTime() !== input.baseUpdatedAt.getTime()) {
      throw new AppError("CONFLICT", "news.error.conflict");
    }
    const { content, unitIds, storyUnitIds } = await prepareContent(ctx, tx, input);
    const bodyChanged =
      stableJson(before.body) !== stableJson(content.body) ||
      stableJson(before.bodyDsb ?? null) !== stableJson(content.bodyDsb ?? null);
    const newVersion = bodyChanged ? before.version + 1 : null;
    await repo.updateContent(tx, input.id, ctx.actor.id, content, newVersion);
    await repo.replaceUnits(tx, input.id, unitIds, storyUnitIds);
    await event({
      verb: "news.updated",
      objectType: POST_OBJECT,
      objectId: input.id,
      payload: { version: newVersion ?? before.version, bodyChanged, status: access.status },
    });
    if (access.authorId !== ctx.actor.id) {
      await writeAudit(tx, {
        actorId: ctx.actor.id,
        action: "news.update",
        objectType: POST_OBJECT,
        objectId: input.id,
        details: { version: newVersion ?? before.version },
      });
    }
  });
  return loadDto(ctx, input.id);
}

async function transition(
  ctx: Ctx,
  postId: string,
  action: TNewsAction,
  fields: (tools: TMutationTools, access: repo.TPostAccessRow) => Promise<Prisma.NewsPostUpdateInput>,
  details: Record<string, unknown> = {},
): Promise<TPostDto> {
  await mutate(ctx, async (tools) => {
    const allowed = action === "submit" ? (a: TPostAccess) => canSubmit(ctx.actor, a) : () => isEditor(ctx.actor);
    const access = await requirePost(tools.tx, ctx.actor, postId, allowed, { lock: true });
    const to = nextStatus(action, access.status);
    if (!to) throw new AppError("BAD_INPUT", "news.error.transition", { status: access.status });
    const data = await fields(tools, access);
    await repo.setFields(tools.tx, postId, { ...data, status: to });
    const payload = { from: access.status, to, ...details };
    await tools.event({ verb: ACTION_VERB[action], objectType: POST_OBJECT, objectId: postId, payload });
    await writeAudit(tools.tx, {
      actorId: ctx.actor.id,
      action: ACTION_VERB[action],
      objectType: POST_OBJECT,
      objectId: postId,
      details: payload,
    });
  });
  return loadDto(ctx, postId);
}

export const submit = (ctx: Ctx, input: TPostIdInput) => transition(ctx, input.id, "submit", async () => ({}));

export const requestChanges = (ctx: Ctx, input: TRequestChangesInput) =>
  transition(ctx, input.id, "requestChanges", async () => ({ reviewNote: input.note }), { note: input.note });

export const approve = (ctx: Ctx, input: TPostIdInput) =>
  transition(ctx, input.id, "approve", async () => ({ reviewNote: null }));

/** Publishes at a future moment; readers see it from then on, the timer job records it. */
export async function schedule(ctx: Ctx, input: TScheduleInput): Promise<TPostDto> {
  const problem = scheduleProblem(input.publishAt, input.unpublishAt ?? null, new Date());
  if (problem)
    throw fieldError("BAD_INPUT", problem, problem === "news.error.publishAtPast" ? "publishAt" : "unpublishAt");
  return transition(
    ctx,
    input.id,
    "schedule",
    async () => ({
      publishAt: input.publishAt,
      publishedAt: input.publishAt,
      unpublishAt: input.unpublishAt ?? null,
      reviewNote: null,
    }),
    { publishAt: input.publishAt.toISOString(), unpublishAt: input.unpublishAt?.toISOString() ?? null },
  );
}

export async function publish(ctx: Ctx, input: TPublishInput): Promise<TPostDto> {
  const now = new Date();
  if (input.unpublishAt && input.unpublishAt <= now) {
    throw fieldError("BAD_INPUT", "news.error.unpublishBeforePublish", "unpublishAt");
  }
  return transition(ctx, input.id, "publish", async () => ({
    publishAt: now,
    publishedAt: now,
    unpublishAt: input.unpublishAt ?? null,
    reviewNote: null,
  }));
}

export const archive = (ctx: Ctx, input: TPostIdInput) =>
  transition(ctx, input.id, "archive", async () => ({ archivedAt: new Date() }));

export async function setPinned(ctx: Ctx, input: TPinInput): Promise<TPostDto> {
  requireEditor(ctx.actor);
  const problem = pinProblem(input.pinnedFrom, input.pinnedUntil);
  if (problem) throw fieldError("BAD_INPUT", problem, "pinnedUntil");
  await editorialChange(
    ctx,
    input.id,
    "news.pinned",
    {
      pinnedFrom: input.pinnedFrom,
      pinnedUntil: input.pinnedUntil,
    },
    { pinnedFrom: input.pinnedFrom?.toISOString() ?? null, pinnedUntil: input.pinnedUntil?.toISOString() ?? null },
  );
  return loadDto(ctx, input.id);
}

export async function setMustRead(ctx: Ctx, input: TMustReadInput): Promise<TPostDto> {
  requireEditor(ctx.actor);
  if (input.mustRead && !input.deadline) throw fieldError("BAD_INPUT", "news.error.deadlineRequired", "deadline");
  await editorialChange(
    ctx,
    input.id,
    "news.must-read-set",
    { mustRead: input.mustRead, mustReadDeadline: input.mustRead ? input.deadline : null },
    { mustRead: input.mustRead, deadline: input.mustRead ? (input.deadline?.toISOString() ?? null) : null },
  );
  return loadDto(ctx, input.id);
}

async function editorialChange(
  ctx: Ctx,
  postId: string,
  verb: string,
  data: Prisma.NewsPostUpdateInput,
  payload: Record<string, unknown>,
): Promise<void> {
  await mutate(ctx, async ({ tx, event }) => {
    const access = await requirePost(tx, ctx.actor, postId, () => isEditor(ctx.actor), { lock: true });
    if (access.status === "ARCHIVED")
      throw new AppError("BAD_INPUT", "news.error.transition", { status: access.status });
    await repo.setFields(tx, postId, data);
    await event({ verb, objectType: POST_OBJECT, objectId: postId, payload });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: verb,
      objectType: POST_OBJECT,
      objectId: postId,
      details: payload,
    });
  });
}

export async function revisions(ctx: Ctx, input: TPostIdInput) {
  await requirePost(ctx.db, ctx.actor, input.id, (a) => canEditContent(ctx.actor, a));
  return repo.listRevisions(ctx.db, input.id);
}

/** Makes an old body the current one, as a new revision (history is never rewritten). */
export async function restoreRevision(ctx: Ctx, input: TRestoreRevisionInput): Promise<TPostDto> {
  await mutate(ctx, async ({ tx, event }) => {
    await requirePost(tx, ctx.actor, input.id, (a) => canEditContent(ctx.actor, a), { lock: true });
    const revision = await repo.findRevision(tx, input.id, input.version);
    if (!revision) throw fieldError("NOT_FOUND", "news.error.revisionNotFound", "version");
    const current = await repo.findBodies(tx, input.id);
    if (!current) throw new AppError("NOT_FOUND", "errors.notFound");
    const body = renderRichText(revision.body);
    const dsb = revision.bodyDsb ? renderRichText(revision.bodyDsb) : null;
    const version = current.version + 1;
    await repo.setFields(tx, input.id, {
      body: revision.body as Prisma.InputJsonValue,
      bodyHtml: body.html,
      bodyText: body.text,
      bodyDsb: (revision.bodyDsb ?? undefined) as Prisma.InputJsonValue | undefined,
      bodyDsbHtml: dsb?.html ?? null,
      bodyDsbText: dsb?.text ?? null,
      version,
    });
    await tx.newsRevision.create({
      data: {
        postId: input.id,
        version,
        title: current.title,
        body: revision.body as Prisma.InputJsonValue,
        bodyDsb: (revision.bodyDsb ?? undefined) as Prisma.InputJsonValue | undefined,
        authorId: ctx.actor.id,
      },
    });
    const payload = { restoredVersion: input.version, version };
    await event({ verb: "news.revision-restored", objectType: POST_OBJECT, objectId: input.id, payload });
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "news.revision-restored",
      objectType: POST_OBJECT,
      objectId: input.id,
      details: payload,
    });
  });
  return loadDto(ctx, input.id);
}

/**
 * Marks the post read for the "new" badge in the feed; a private marker, never reported.
 * One atomic statement: a page opened twice at once (or revalidated while it loads) marks twice
 * concurrently, and Prisma's `upsert` on a compound key reads, then inserts (the second insert
 * failed on the primary key).
 */
export async function markRead(ctx: Ctx, input: TPostIdInput): Promise<{ ok: true }> {
  await requirePost(ctx.db, ctx.actor, input.id, null);
  await repo.insertMarker(ctx.db, "news_read", input.id, ctx.actor.id);
  return { ok: true };
}

/** "Gelesen und verstanden": idempotent; reported per unit only. */
export async function acknowledge(ctx: Ctx, input: TPostIdInput): Promise<{ acknowledged: true }> {
  const access = await requirePost(ctx.db, ctx.actor, input.id, (a) => canInteract(ctx.actor, a));
  if (!access.mustRead) throw new AppError("BAD_INPUT", "news.error.notMustRead");
  await repo.insertMarker(ctx.db, "news_acknowledgement", input.id, ctx.actor.id);
  return { acknowledged: true };
}

/** Acknowledgement rates per unit for editors; small units merged (rules.mergeSmallUnits). */
export async function mustReadRates(ctx: Ctx, input: TPostIdInput) {
  requireEditor(ctx.actor);
  const access = await requirePost(ctx.db, ctx.actor, input.id, null);
  if (!access.mustRead) throw new AppError("BAD_INPUT", "news.error.notMustRead");
  const post = await ctx.db.newsPost.findUnique({ where: { id: input.id }, select: { audience: true, title: true } });
  const counts = await repo.acknowledgementCounts(ctx.db, input.id, post!.audience);
  return { title: post!.title, ...mergeSmallUnits(counts) };
}

export async function addComment(ctx: Ctx, input: TAddCommentInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const access = await requirePost(tx, ctx.actor, input.postId, null);
    if (!canInteract(ctx.actor, access)) throw new AppError("BAD_INPUT", "news.error.notPublished");
    const comment = await tx.newsComment.create({
      data: { postId: input.postId, authorId: ctx.actor.id, body: input.body },
      select: { id: true },
    });
    await event({
      verb: "news.comment-added",
      objectType: COMMENT_OBJECT,
      objectId: comment.id,
      payload: { postId: input.postId },
    });
    return { id: comment.id };
  });
}

async function requireComment(ctx: Ctx, tx: Prisma.TransactionClient, commentId: string) {
  const comment = await tx.newsComment.findUnique({
    where: { id: commentId },
    select: { id: true, postId: true, authorId: true, removedAt: true },
  });
  if (!comment) throw new AppError("NOT_FOUND", "errors.notFound");
  await requirePost(tx, ctx.actor, comment.postId, null);
  return comment;
}

export async function editComment(ctx: Ctx, input: TEditCommentInput) {
  return mutate(ctx, async ({ tx, event }) => {
    const comment = await requireComment(ctx, tx, input.commentId);
    if (!canChangeComment(ctx.actor, comment)) throw new AppError("FORBIDDEN", "errors.forbidden");
    if (comment.removedAt) throw new AppError("BAD_INPUT", "news.error.commentRemoved");
    await tx.newsComment.update({ where: { id: comment.id }, data: { body: input.body, editedAt: new Date() } });
    await event({
      verb: "news.comment-edited",
      objectType: COMMENT_OBJECT,
      objectId: comment.id,
      payload: { postId: comment.postId },
    });
    return { id: comment.id };
  });
}

/** The author deletes their own comment; editors hide any comment (moderation, audited). */
export async function removeComment(ctx: Ctx, input: TCommentIdInput, mode: "delete" | "moderate") {
  return mutate(ctx, async ({ tx, event }) => {
    const comment = await requireComment(ctx, tx, input.commentId);
    const allowed = mode === "delete" ? canChangeComment(ctx.actor, comment) : canModerate(ctx.actor);
    if (!allowed) throw new AppError("FORBIDDEN", "errors.forbidden");
    if (!comment.removedAt) {
      await tx.newsComment.update({
        where: { id: comment.id },
        data: { removedAt: new Date(), removedById: ctx.actor.id },
      });
    }
    const verb = mode === "delete" ? "news.comment-deleted" : "news.comment-moderated";
    await event({ verb, objectType: COMMENT_OBJECT, objectId: comment.id, payload: { postId: comment.postId } });
    if (mode === "moderate") {
      await writeAudit(tx, {
        actorId: ctx.actor.id,
        action: verb,
        objectType: COMMENT_OBJECT,
        objectId: comment.id,
        details: { postId: comment.postId },
      });
    }
    return { id: comment.id };
  });
}

/** One reaction per person and kind: `on` adds it (idempotent), `off` takes it back. */
export async function react(ctx: Ctx, input: TReactInput): Promise<{ kind: TNewsReaction; on: boolean }> {
  return mutate(ctx, async ({ tx, event }) => {
    const access = await requirePost(tx, ctx.actor, input.postId, null);
    if (!canInteract(ctx.actor, access)) throw new AppError("BAD_INPUT", "news.error.notPublished");
    const key = { postId_userId_kind: { postId: input.postId, userId: ctx.actor.id, kind: input.kind } };
    if (input.on) {
      await tx.newsReaction.upsert({
        where: key,
        create: { postId: input.postId, userId: ctx.actor.id, kind: input.kind },
        update: {},
      });
    } else {
      await tx.newsReaction.deleteMany({ where: { postId: input.postId, userId: ctx.actor.id, kind: input.kind } });
    }
    await event({
      verb: input.on ? "news.reaction-added" : "news.reaction-removed",
      objectType: POST_OBJECT,
      objectId: input.postId,
      payload: { kind: input.kind },
    });
    return { kind: input.kind, on: input.on };
  });
}

/**
 * The timer job: flips due SCHEDULED posts to PUBLISHED and expired ones to
 * ARCHIVED, with a system event each (queries already treat due posts as live).
 */
export async function publishDue(
  db: Ctx["db"],
  events: EventLog,
): Promise<{ published: string[]; archived: string[] }> {
  const result = await db.$transaction(async (tx) => {
    const flipped = await repo.flipDue(tx);
    for (const id of flipped.published) {
      await events.record(tx, {
        verb: "news.published",
        objectType: POST_OBJECT,
        objectId: id,
        actorId: null,
        actorUnitId: null,
        payload: { from: "SCHEDULED", to: "PUBLISHED", by: "schedule" },
      });
      await writeAudit(tx, {
        actorId: null,
        action: "news.published",
        objectType: POST_OBJECT,
        objectId: id,
        details: { by: "schedule" },
      });
    }
    for (const id of flipped.archived) {
      await events.record(tx, {
        verb: "news.archived",
        objectType: POST_OBJECT,
        objectId: id,
        actorId: null,
        actorUnitId: null,
        payload: { to: "ARCHIVED", by: "schedule" },
      });
      await writeAudit(tx, {
        actorId: null,
        action: "news.archived",
        objectType: POST_OBJECT,
        objectId: id,
        details: { by: "schedule" },
      });
    }
    return flipped;
  });
  if (result.published.length || result.archived.length) void events.kick().catch(() => undefined);
  return result;
}

/** For the search indexer: a post's plain text (German + Sorbian) and who may see it. */
export async function indexDocument(db: Ctx["db"], postId: string) {
  const post = await db.newsPost.findUnique({
    where: { id: postId },
    select: {
      id: true,
      kind: true,
      status: true,
      title: true,
      teaser: true,
      bodyText: true,
      titleDsb: true,
      teaserDsb: true,
      bodyDsbText: true,
      audience: true,
      publishAt: true,
      unpublishAt: true,
      authorId: true,
      units: { select: { unitId: true } },
    },
  });
  if (!post) return null;
  return {
    id: post.id,
    kind: post.kind,
    title: post.title,
    text: [post.teaser, post.bodyText].join("\n"),
    titleDsb: post.titleDsb,
    textDsb: [post.teaserDsb ?? "", post.bodyDsbText ?? ""].join("\n").trim() || null,
    live: effectiveStatus(post, new Date()) === "PUBLISHED",
    status: post.status,
    authorId: post.authorId,
    /** "ALL", or unit ids whose subtrees may read (match against the reader's unit and its ancestors). */
    audience: post.audience === "ALL" ? ("ALL" as const) : post.units.map((u) => u.unitId),
  };
}
