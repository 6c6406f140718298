import { z } from "zod";
import { msg, ZId } from "./common.ts";
import { ZCalendarDate, ZRichText } from "./projects.ts";
import { ZAttachmentFile } from "./task-details.ts";

export const KNOWLEDGE_TEMPLATES = ["ANLEITUNG", "PROZESS", "LESSONS_LEARNED", "FAQ", "FREI"] as const;
export type TKnowledgeTemplate = (typeof KNOWLEDGE_TEMPLATES)[number];
export const KNOWLEDGE_SPACE_ACCESS = ["OPEN", "UNIT"] as const;
export type TKnowledgeSpaceAccess = (typeof KNOWLEDGE_SPACE_ACCESS)[number];

const ZTitle = z
  .string(msg("validation.required"))
  .trim()
  .min(2, msg("validation.tooShort"))
  .max(200, msg("validation.tooLong"));

export const ZTags = z
  .array(
    z.string().trim().toLowerCase().min(1, msg("knowledge.validation.tag")).max(40, msg("knowledge.validation.tag")),
  )
  .max(20, msg("knowledge.validation.tag"))
  .transform((tags) => [...new Set(tags)]);

export const ZSpaceKey = z
  .string(msg("validation.required"))
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, msg("knowledge.validation.spaceKey"));

export const ZCreateSpaceInput = z.object({
  key: ZSpaceKey,
  name: ZTitle,
  description: z.string().trim().max(1000, msg("validation.tooLong")).default(""),
  unitId: ZId.nullable().default(null),
  access: z.enum(KNOWLEDGE_SPACE_ACCESS, msg("validation.choose")).default("OPEN"),
});
export type TCreateSpaceInput = z.infer<typeof ZCreateSpaceInput>;

export const ZSpaceRefInput = z.object({ key: ZSpaceKey });
export type TSpaceRefInput = z.infer<typeof ZSpaceRefInput>;

export const ZCreateArticleInput = z.object({
  spaceKey: ZSpaceKey,
  title: ZTitle,
  template: z.enum(KNOWLEDGE_TEMPLATES, msg("validation.choose")).default("FREI"),
  /** Leave out to start from the template's structure. */
  content: ZRichText.optional(),
  titleDsb: ZTitle.nullable().optional(),
  contentDsb: ZRichText.nullable().optional(),
  tags: ZTags.default([]),
  /** Defaults to the author's unit. */
  ownerUnitId: ZId.optional(),
  reviewDueAt: ZCalendarDate.nullable().optional(),
});
export type TCreateArticleInput = z.infer<typeof ZCreateArticleInput>;

/** Fields left out stay; `version` is the version the editor started from (optimistic concurrency). */
export const ZUpdateArticleInput = z.object({
  id: ZId,
  version: z.number().int().positive(),
  title: ZTitle.optional(),
  content: ZRichText.optional(),
  titleDsb: ZTitle.nullable().optional(),
  contentDsb: ZRichText.nullable().optional(),
  tags: ZTags.optional(),
  ownerId: ZId.optional(),
  ownerUnitId: ZId.optional(),
  reviewDueAt: ZCalendarDate.nullable().optional(),
});
export type TUpdateArticleInput = z.infer<typeof ZUpdateArticleInput>;

export const ZArticleIdInput = z.object({ id: ZId });
export type TArticleIdInput = z.infer<typeof ZArticleIdInput>;

export const ZRestoreVersionInput = z.object({ id: ZId, version: z.number().int().positive() });
export type TRestoreVersionInput = z.infer<typeof ZRestoreVersionInput>;

export const ZDiffInput = z.object({
  id: ZId,
  from: z.number().int().positive(),
  to: z.number().int().positive(),
});
export type TDiffInput = z.infer<typeof ZDiffInput>;

export const ZVerifyArticleInput = z.object({ id: ZId, nextReviewAt: ZCalendarDate.nullable().optional() });
export type TVerifyArticleInput = z.infer<typeof ZVerifyArticleInput>;

/** A file for an article: the same fields and checks as a task attachment. */
export const ZUploadArticleAttachmentInput = ZAttachmentFile.extend({ articleId: ZId });
export type TUploadArticleAttachmentInput = z.infer<typeof ZUploadArticleAttachmentInput>;

export const ZArticleAttachmentIdInput = z.object({ id: ZId });
export type TArticleAttachmentIdInput = z.infer<typeof ZArticleAttachmentIdInput>;
