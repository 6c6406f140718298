import {
  KNOWLEDGE_SPACE_ACCESS,
  KNOWLEDGE_TEMPLATES,
  ZArticleAttachmentIdInput,
  ZArticleIdInput,
  ZCreateArticleInput,
  ZCreateSpaceInput,
  ZDiffInput,
  ZRestoreVersionInput,
  ZSpaceRefInput,
  ZUpdateArticleInput,
  ZUploadArticleAttachmentInput,
  ZVerifyArticleInput,
} from "@kreisnetz/shared/schemas/knowledge";
import { z } from "zod";
import { ZAttachmentContent, ZStoredAttachment } from "../attachments/files.ts";
import { authedProcedure, permissionProcedure, router } from "../../trpc.ts";
import * as attachments from "./attachments.ts";
import * as service from "./service.ts";

const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZUnitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
const ZAttachmentList = z.object({
  canAttach: z.boolean(),
  attachments: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number().int(),
      createdAt: z.date(),
      uploader: ZPerson,
      canDelete: z.boolean(),
    }),
  ),
});
const ZVerification = z.enum(["verified", "due", "unverified"]);

const ZSpace = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  access: z.enum(KNOWLEDGE_SPACE_ACCESS),
  unit: ZUnitRef.nullable(),
  canWrite: z.boolean(),
});

const ZSpaceWithArticles = ZSpace.extend({
  articles: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      template: z.enum(KNOWLEDGE_TEMPLATES),
      tags: z.array(z.string()),
      updatedAt: z.date(),
      owner: ZPerson,
      verification: ZVerification,
    }),
  ),
});

const ZArticle = z.object({
  id: z.string(),
  space: z.object({ key: z.string(), name: z.string() }),
  title: z.string(),
  titleDsb: z.string().nullable(),
  content: z.record(z.string(), z.unknown()),
  contentDsb: z.record(z.string(), z.unknown()).nullable(),
  html: z.string(),
  htmlDsb: z.string().nullable(),
  template: z.enum(KNOWLEDGE_TEMPLATES),
  tags: z.array(z.string()),
  owner: ZPerson,
  ownerUnit: ZUnitRef,
  reviewDueAt: z.string().nullable(),
  verifiedAt: z.date().nullable(),
  verifiedBy: ZPerson.nullable(),
  verification: ZVerification,
  version: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  backlinks: z.array(z.object({ id: z.string(), title: z.string() })),
  canEdit: z.boolean(),
  canVerify: z.boolean(),
});

const ZDiffLine = z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() });

/**
 * The knowledge base: every logged-in person reads; writing follows the space
 * (policy.ts); editors verify and create spaces.
 */
export const knowledgeRouter = router({
  spaces: authedProcedure
    .output(z.array(ZSpace.extend({ articleCount: z.number().int() })))
    .query(({ ctx }) => service.listSpaces(ctx)),
  space: authedProcedure
    .input(ZSpaceRefInput)
    .output(ZSpaceWithArticles)
    .query(({ ctx, input }) => service.space(ctx, input)),
  createSpace: permissionProcedure("review:knowledge")
    .input(ZCreateSpaceInput)
    .output(ZSpaceWithArticles)
    .mutation(({ ctx, input }) => service.createSpace(ctx, input)),
  get: authedProcedure
    .input(ZArticleIdInput)
    .output(ZArticle)
    .query(({ ctx, input }) => service.get(ctx, input)),
  create: authedProcedure
    .input(ZCreateArticleInput)
    .output(ZArticle)
    .mutation(({ ctx, input }) => service.create(ctx, input)),
  update: authedProcedure
    .input(ZUpdateArticleInput)
    .output(ZArticle)
    .mutation(({ ctx, input }) => service.update(ctx, input)),
  history: authedProcedure
    .input(ZArticleIdInput)
    .output(
      z.object({
        id: z.string(),
        title: z.string(),
        version: z.number().int(),
        versions: z.array(
          z.object({ version: z.number().int(), title: z.string(), createdAt: z.date(), author: ZPerson }),
        ),
      }),
    )
    .query(({ ctx, input }) => service.history(ctx, input)),
  diff: authedProcedure
    .input(ZDiffInput)
    .output(
      z.object({
        from: z.number().int(),
        to: z.number().int(),
        title: z.array(ZDiffLine),
        lines: z.array(ZDiffLine),
      }),
    )
    .query(({ ctx, input }) => service.diff(ctx, input)),
  restore: authedProcedure
    .input(ZRestoreVersionInput)
    .output(ZArticle)
    .mutation(({ ctx, input }) => service.restore(ctx, input)),
  verify: permissionProcedure("review:knowledge")
    .input(ZVerifyArticleInput)
    .output(ZArticle)
    .mutation(({ ctx, input }) => service.verify(ctx, input)),
  /** Files on an article: listed and downloaded by its readers, added by its writers and owner. */
  attachments: authedProcedure
    .input(ZArticleIdInput)
    .output(ZAttachmentList)
    .query(({ ctx, input }) => attachments.list(ctx, input)),
  uploadAttachment: authedProcedure
    .input(ZUploadArticleAttachmentInput)
    .output(ZStoredAttachment)
    .mutation(({ ctx, input }) => attachments.upload(ctx, input)),
  attachmentContent: authedProcedure
    .input(ZArticleAttachmentIdInput)
    .output(ZAttachmentContent)
    .query(({ ctx, input }) => attachments.content(ctx, input)),
  deleteAttachment: authedProcedure
    .input(ZArticleAttachmentIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => attachments.remove(ctx, input)),
});
