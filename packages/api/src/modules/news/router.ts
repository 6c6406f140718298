import {
  NEWS_AUDIENCES,
  NEWS_KINDS,
  NEWS_REACTIONS,
  NEWS_STATUSES,
  ZAddCommentInput,
  ZCommentIdInput,
  ZCreatePostInput,
  ZEditCommentInput,
  ZGalleryInput,
  ZImageAlt,
  ZImageFileInput,
  ZListPostsInput,
  ZMustReadInput,
  ZPinInput,
  ZPostIdInput,
  ZPublishInput,
  ZReactInput,
  ZRequestChangesInput,
  ZRestoreRevisionInput,
  ZScheduleInput,
  ZUpdatePostInput,
} from "@kreisnetz/shared/schemas/news";
import { z } from "zod";
import { authedProcedure, permissionProcedure, router } from "../../trpc.ts";
import { NEWS_ACTIONS } from "./rules.ts";
import * as images from "./images.ts";
import * as service from "./service.ts";

const ZRef = z.object({ id: z.string(), name: z.string() });
const ZImageRef = z.object({ id: z.string(), alt: z.string() });

export const ZPostListItem = z.object({
  id: z.string(),
  kind: z.enum(NEWS_KINDS),
  status: z.enum(NEWS_STATUSES),
  title: z.string(),
  teaser: z.string(),
  category: z.string().nullable(),
  coverImage: ZImageRef.nullable(),
  authorName: z.string(),
  publishedAt: z.date().nullable(),
  pinned: z.boolean(),
  unread: z.boolean(),
  mustRead: z.boolean(),
  mustReadDeadline: z.date().nullable(),
  acknowledged: z.boolean(),
  teamOfMonth: z.boolean(),
});

const ZPost = z.object({
  id: z.string(),
  kind: z.enum(NEWS_KINDS),
  status: z.enum(NEWS_STATUSES),
  shownStatus: z.enum(NEWS_STATUSES),
  title: z.string(),
  teaser: z.string(),
  /** Sanitised HTML (rendered at save time with the editor's node list). */
  html: z.string(),
  language: z.enum(["de", "dsb"]),
  category: z.string().nullable(),
  coverImage: ZImageRef.nullable(),
  audience: z.enum(NEWS_AUDIENCES),
  units: z.array(ZRef),
  author: ZRef,
  pinnedFrom: z.date().nullable(),
  pinnedUntil: z.date().nullable(),
  publishAt: z.date().nullable(),
  unpublishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  reviewNote: z.string().nullable(),
  mustRead: z.boolean(),
  mustReadDeadline: z.date().nullable(),
  acknowledged: z.boolean(),
  story: z
    .object({
      situation: z.string().nullable(),
      solution: z.string().nullable(),
      result: z.string().nullable(),
      units: z.array(ZRef),
      project: z.object({ id: z.string(), key: z.string(), title: z.string() }).nullable(),
      contactUnit: ZRef.nullable(),
    })
    .nullable(),
  teamOfMonth: z.boolean(),
  version: z.number().int(),
  comments: z.array(
    z.object({
      id: z.string(),
      body: z.string().nullable(),
      author: ZRef,
      createdAt: z.date(),
      editedAt: z.date().nullable(),
      removed: z.boolean(),
      mine: z.boolean(),
    }),
  ),
  reactions: z.array(z.object({ kind: z.enum(NEWS_REACTIONS), count: z.number().int(), mine: z.boolean() })),
  can: z.object({ edit: z.boolean(), editorial: z.boolean(), interact: z.boolean(), moderate: z.boolean() }),
  actions: z.array(z.enum(NEWS_ACTIONS)),
  source: z
    .object({
      title: z.string(),
      teaser: z.string(),
      body: z.record(z.string(), z.unknown()),
      titleDsb: z.string().nullable(),
      teaserDsb: z.string().nullable(),
      bodyDsb: z.record(z.string(), z.unknown()).nullable(),
      unitIds: z.array(z.string()),
      storyUnitIds: z.array(z.string()),
      storySituation: z.string().nullable(),
      storySolution: z.string().nullable(),
      storyResult: z.string().nullable(),
      projectId: z.string().nullable(),
      contactUnitId: z.string().nullable(),
      coverImageId: z.string().nullable(),
      updatedAt: z.date(),
    })
    .nullable(),
});

export const ZFeed = z.object({
  items: z.array(ZPostListItem),
  mustReads: z.array(z.object({ id: z.string(), title: z.string(), deadline: z.date().nullable() })),
  mustReadCount: z.number().int(),
  stories: z.array(ZPostListItem),
});

const ZRates = z.object({
  title: z.string(),
  rows: z.array(
    z.object({
      unitId: z.string().nullable(),
      name: z.string(),
      people: z.number().int(),
      acknowledged: z.number().int(),
      mergedUnits: z.number().int(),
    }),
  ),
  suppressed: z.boolean(),
  people: z.number().int(),
  acknowledged: z.number().int(),
});

const ZCommentRef = z.object({ id: z.string() });
const draft = permissionProcedure("write:news-draft");
const editor = permissionProcedure("publish:news");

/**
 * Intranet news and success stories (issue 3). Staff draft and submit
 * (`write:news-draft`), editors run the workflow (`publish:news`); who may read
 * a post is decided by policy.ts: drafts are the author's and the editors',
 * live posts their audience's, everyone else gets NOT_FOUND.
 */
export const newsRouter = router({
  list: authedProcedure
    .input(ZListPostsInput)
    .output(z.array(ZPostListItem))
    .query(({ ctx, input }) => service.list(ctx, input)),
  mine: draft.output(z.array(ZPostListItem)).query(({ ctx }) => service.mine(ctx)),
  reviewQueue: editor.output(z.array(ZPostListItem)).query(({ ctx }) => service.reviewQueue(ctx)),
  gallery: authedProcedure
    .input(ZGalleryInput)
    .output(z.array(ZPostListItem.extend({ units: z.array(ZRef) })))
    .query(({ ctx, input }) => service.gallery(ctx, input)),
  feed: authedProcedure.output(ZFeed).query(({ ctx }) => service.feed(ctx)),
  atomEntries: authedProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          teaser: z.string(),
          authorName: z.string(),
          publishedAt: z.date(),
          updatedAt: z.date(),
        }),
      ),
    )
    .query(({ ctx }) => service.atomEntries(ctx)),
  get: authedProcedure
    .input(ZPostIdInput)
    .output(ZPost)
    .query(({ ctx, input }) => service.get(ctx, input)),
  create: draft
    .input(ZCreatePostInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.create(ctx, input)),
  update: draft
    .input(ZUpdatePostInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.update(ctx, input)),
  submit: draft
    .input(ZPostIdInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.submit(ctx, input)),
  requestChanges: editor
    .input(ZRequestChangesInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.requestChanges(ctx, input)),
  approve: editor
    .input(ZPostIdInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.approve(ctx, input)),
  schedule: editor
    .input(ZScheduleInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.schedule(ctx, input)),
  publish: editor
    .input(ZPublishInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.publish(ctx, input)),
  archive: editor
    .input(ZPostIdInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.archive(ctx, input)),
  setPinned: editor
    .input(ZPinInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.setPinned(ctx, input)),
  setMustRead: editor
    .input(ZMustReadInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.setMustRead(ctx, input)),
  mustReadRates: editor
    .input(ZPostIdInput)
    .output(ZRates)
    .query(({ ctx, input }) => service.mustReadRates(ctx, input)),
  revisions: draft
    .input(ZPostIdInput)
    .output(
      z.array(z.object({ version: z.number().int(), title: z.string(), createdAt: z.date(), authorId: z.string() })),
    )
    .query(({ ctx, input }) => service.revisions(ctx, input)),
  restoreRevision: draft
    .input(ZRestoreRevisionInput)
    .output(ZPost)
    .mutation(({ ctx, input }) => service.restoreRevision(ctx, input)),
  markRead: authedProcedure
    .input(ZPostIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => service.markRead(ctx, input)),
  acknowledge: authedProcedure
    .input(ZPostIdInput)
    .output(z.object({ acknowledged: z.literal(true) }))
    .mutation(({ ctx, input }) => service.acknowledge(ctx, input)),
  addComment: authedProcedure
    .input(ZAddCommentInput)
    .output(ZCommentRef)
    .mutation(({ ctx, input }) => service.addComment(ctx, input)),
  editComment: authedProcedure
    .input(ZEditCommentInput)
    .output(ZCommentRef)
    .mutation(({ ctx, input }) => service.editComment(ctx, input)),
  deleteComment: authedProcedure
    .input(ZCommentIdInput)
    .output(ZCommentRef)
    .mutation(({ ctx, input }) => service.removeComment(ctx, input, "delete")),
  moderateComment: editor
    .input(ZCommentIdInput)
    .output(ZCommentRef)
    .mutation(({ ctx, input }) => service.removeComment(ctx, input, "moderate")),
  /** Server-side callers only (Remix action): the bytes are a Uint8Array, not JSON. */
  uploadImage: draft
    .input(z.object({ data: z.instanceof(Uint8Array), alt: ZImageAlt }))
    .output(
      z.object({ id: z.string(), alt: z.string(), width: z.number().int(), height: z.number().int(), src: z.string() }),
    )
    .mutation(({ ctx, input }) => images.uploadImage(ctx, input)),
  imageFile: authedProcedure
    .input(ZImageFileInput)
    .output(z.object({ mime: z.literal("image/webp"), alt: z.string(), base64: z.string() }))
    .query(({ ctx, input }) => images.imageFile(ctx, input)),
  react: authedProcedure
    .input(ZReactInput)
    .output(z.object({ kind: z.enum(NEWS_REACTIONS), on: z.boolean() }))
    .mutation(({ ctx, input }) => service.react(ctx, input)),
});
