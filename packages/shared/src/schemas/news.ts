import { z } from "zod";
import { msg, ZId } from "./common.ts";
import { ZRichText } from "./projects.ts";

export const NEWS_KINDS = ["NEWS", "STORY"] as const;
export type TNewsKind = (typeof NEWS_KINDS)[number];
export const NEWS_STATUSES = [
  "DRAFT",
  "IN_REVIEW",
  "CHANGES_REQUESTED",
  "APPROVED",
  "SCHEDULED",
  "PUBLISHED",
  "ARCHIVED",
] as const;
export type TNewsStatus = (typeof NEWS_STATUSES)[number];
export const NEWS_AUDIENCES = ["ALL", "UNITS"] as const;
export type TNewsAudience = (typeof NEWS_AUDIENCES)[number];
export const NEWS_REACTIONS = ["LIKE", "THANKS", "CELEBRATE", "INSIGHTFUL"] as const;
export type TNewsReaction = (typeof NEWS_REACTIONS)[number];
export const NEWS_CATEGORIES = [
  "ALLGEMEIN",
  "PERSONAL",
  "DIGITALISIERUNG",
  "GESUNDHEIT",
  "VERANSTALTUNG",
  "IT",
] as const;
export type TNewsCategory = (typeof NEWS_CATEGORIES)[number];

const ZTitle = z
  .string(msg("validation.required"))
  .trim()
  .min(2, msg("validation.tooShort"))
  .max(200, msg("validation.tooLong"));
const ZOptionalTitle = z.string().trim().max(200, msg("validation.tooLong")).nullable().optional();
const ZTeaser = z.string().trim().max(500, msg("validation.tooLong"));
const ZStoryText = z.string().trim().max(4000, msg("validation.tooLong")).nullable().optional();
const ZDate = z.coerce.date(msg("news.validation.date"));

/** The editable content of a post; shared by create and update. */
const postFields = {
  title: ZTitle,
  teaser: ZTeaser.default(""),
  body: ZRichText,
  titleDsb: ZOptionalTitle,
  teaserDsb: ZTeaser.nullable().optional(),
  bodyDsb: ZRichText.nullable().optional(),
  category: z.enum(NEWS_CATEGORIES, msg("validation.choose")).nullable().optional(),
  coverImageId: ZId.nullable().optional(),
  audience: z.enum(NEWS_AUDIENCES, msg("validation.choose")).default("ALL"),
  unitIds: z.array(ZId).max(100).default([]),
  storySituation: ZStoryText,
  storySolution: ZStoryText,
  storyResult: ZStoryText,
  storyUnitIds: z.array(ZId).max(50).default([]),
  projectId: ZId.nullable().optional(),
  contactUnitId: ZId.nullable().optional(),
  teamOfMonth: z.boolean().default(false),
};

export const ZCreatePostInput = z
  .object({ kind: z.enum(NEWS_KINDS, msg("validation.choose")).default("NEWS"), ...postFields })
  .refine((v) => v.audience === "ALL" || v.unitIds.length > 0, {
    path: ["unitIds"],
    ...msg("news.validation.unitsRequired"),
  });
export type TCreatePostInput = z.infer<typeof ZCreatePostInput>;

/** Replaces the content (every save of the body writes a revision). */
export const ZUpdatePostInput = z
  .object({
    id: ZId,
    ...postFields,
    /** When the editor opened the post: a change saved since then is a conflict, not silently overwritten. */
    baseUpdatedAt: z.coerce.date(msg("validation.required")).optional(),
  })
  .refine((v) => v.audience === "ALL" || v.unitIds.length > 0, {
    path: ["unitIds"],
    ...msg("news.validation.unitsRequired"),
  });
export type TUpdatePostInput = z.infer<typeof ZUpdatePostInput>;

export const ZPostIdInput = z.object({ id: ZId });
export type TPostIdInput = z.infer<typeof ZPostIdInput>;

export const ZRequestChangesInput = z.object({
  id: ZId,
  note: z
    .string(msg("validation.required"))
    .trim()
    .min(2, msg("validation.tooShort"))
    .max(2000, msg("validation.tooLong")),
});
export type TRequestChangesInput = z.infer<typeof ZRequestChangesInput>;

export const ZScheduleInput = z.object({ id: ZId, publishAt: ZDate, unpublishAt: ZDate.nullable().optional() });
export type TScheduleInput = z.infer<typeof ZScheduleInput>;

export const ZPublishInput = z.object({ id: ZId, unpublishAt: ZDate.nullable().optional() });
export type TPublishInput = z.infer<typeof ZPublishInput>;

export const ZPinInput = z.object({ id: ZId, pinnedFrom: ZDate.nullable(), pinnedUntil: ZDate.nullable() });
export type TPinInput = z.infer<typeof ZPinInput>;

export const ZMustReadInput = z.object({ id: ZId, mustRead: z.boolean(), deadline: ZDate.nullable() });
export type TMustReadInput = z.infer<typeof ZMustReadInput>;

export const ZRestoreRevisionInput = z.object({ id: ZId, version: z.number().int().min(1) });
export type TRestoreRevisionInput = z.infer<typeof ZRestoreRevisionInput>;

export const ZListPostsInput = z.object({
  kind: z.enum(NEWS_KINDS).default("NEWS"),
  category: z.enum(NEWS_CATEGORIES).optional(),
  limit: z.number().int().min(1).max(100).default(30),
  /** Published before this moment (keyset paging). */
  before: z.date().optional(),
});
export type TListPostsInput = z.infer<typeof ZListPostsInput>;

export const ZGalleryInput = z.object({
  unitId: ZId.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
});
export type TGalleryInput = z.infer<typeof ZGalleryInput>;

const ZCommentBody = z
  .string(msg("validation.required"))
  .trim()
  .min(1, msg("validation.required"))
  .max(4000, msg("validation.tooLong"));
export const ZAddCommentInput = z.object({ postId: ZId, body: ZCommentBody });
export type TAddCommentInput = z.infer<typeof ZAddCommentInput>;
export const ZEditCommentInput = z.object({ commentId: ZId, body: ZCommentBody });
export type TEditCommentInput = z.infer<typeof ZEditCommentInput>;
export const ZCommentIdInput = z.object({ commentId: ZId });
export type TCommentIdInput = z.infer<typeof ZCommentIdInput>;

export const ZReactInput = z.object({
  postId: ZId,
  kind: z.enum(NEWS_REACTIONS, msg("validation.choose")),
  on: z.boolean(),
});
export type TReactInput = z.infer<typeof ZReactInput>;

export const IMAGE_VARIANT_NAMES = ["large", "medium", "thumb"] as const;
/** Alt text is required: images without one are refused (WCAG 1.1.1). */
export const ZImageAlt = z
  .string(msg("news.validation.altRequired"))
  .trim()
  .min(1, msg("news.validation.altRequired"))
  .max(500, msg("validation.tooLong"));
export const ZImageFileInput = z.object({ id: ZId, variant: z.enum(IMAGE_VARIANT_NAMES) });
export type TImageFileInput = z.infer<typeof ZImageFileInput>;
