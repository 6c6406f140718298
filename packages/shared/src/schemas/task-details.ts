import { z } from "zod";
import { msg, ZId } from "./common.ts";

/** Attachments: at most this many bytes (the HTTP body limit is 5 MB, multipart overhead included). */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

/** Content types an attachment may have, sniffed from the bytes (never from the file name or the browser). */
export const ATTACHMENT_TYPES = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/zip",
] as const;

const ZCommentBody = z
  .string(msg("validation.required"))
  .trim()
  .min(1, msg("validation.required"))
  .max(5000, msg("validation.tooLong"));

export const ZTaskRefInput = z.object({ taskId: ZId });
export type TTaskRefInput = z.infer<typeof ZTaskRefInput>;

/** `mentionIds` are the people picked in the mention list; each must be a member of the project. */
export const ZAddCommentInput = z.object({
  taskId: ZId,
  body: ZCommentBody,
  mentionIds: z.array(ZId).max(20, msg("validation.tooLong")).default([]),
});
export type TAddCommentInput = z.infer<typeof ZAddCommentInput>;

export const ZEditCommentInput = z.object({
  id: ZId,
  body: ZCommentBody,
  mentionIds: z.array(ZId).max(20, msg("validation.tooLong")).default([]),
});
export type TEditCommentInput = z.infer<typeof ZEditCommentInput>;

export const ZIdInput = z.object({ id: ZId });
export type TIdInput = z.infer<typeof ZIdInput>;

const ZChecklistText = z
  .string(msg("validation.required"))
  .trim()
  .min(1, msg("validation.required"))
  .max(300, msg("validation.tooLong"));

export const ZAddChecklistItemInput = z.object({ taskId: ZId, text: ZChecklistText });
export type TAddChecklistItemInput = z.infer<typeof ZAddChecklistItemInput>;

export const ZUpdateChecklistItemInput = z.object({
  id: ZId,
  text: ZChecklistText.optional(),
  done: z.boolean().optional(),
});
export type TUpdateChecklistItemInput = z.infer<typeof ZUpdateChecklistItemInput>;

/** The full new order: every item of the task exactly once. */
export const ZReorderChecklistInput = z.object({ taskId: ZId, itemIds: z.array(ZId).max(200) });
export type TReorderChecklistInput = z.infer<typeof ZReorderChecklistInput>;

export const ZLabelColor = z
  .string(msg("validation.required"))
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, msg("labels.validation.color"));

const ZLabelName = z
  .string(msg("validation.required"))
  .trim()
  .min(1, msg("validation.required"))
  .max(40, msg("tasks.validation.label"));

export const ZCreateLabelInput = z.object({ projectId: ZId, name: ZLabelName, color: ZLabelColor });
export type TCreateLabelInput = z.infer<typeof ZCreateLabelInput>;

export const ZUpdateLabelInput = z.object({ id: ZId, name: ZLabelName.optional(), color: ZLabelColor.optional() });
export type TUpdateLabelInput = z.infer<typeof ZUpdateLabelInput>;

export const ZProjectRefInput = z.object({ projectId: ZId });
export type TProjectRefInput = z.infer<typeof ZProjectRefInput>;

/** Labels of the project's catalogue to put on the task (replaces the task's labels). */
export const ZSetTaskLabelsInput = z.object({
  taskId: ZId,
  version: z.number(msg("validation.required")).int().min(1, msg("validation.invalid")),
  labelIds: z.array(ZId).max(20, msg("tasks.validation.label")),
});
export type TSetTaskLabelsInput = z.infer<typeof ZSetTaskLabelsInput>;

/**
 * An uploaded file as base64 (tRPC carries JSON), for tasks and knowledge articles alike; the
 * content type is sniffed server side (modules/attachments/files.ts).
 */
export const ZAttachmentFile = z.object({
  fileName: z
    .string(msg("validation.required"))
    .trim()
    .min(1, msg("validation.required"))
    .max(200, msg("validation.tooLong")),
  dataBase64: z.string(msg("validation.required")).max(MAX_ATTACHMENT_BYTES * 2, msg("attachments.error.tooLarge")),
});

export const ZUploadAttachmentInput = ZAttachmentFile.extend({ taskId: ZId });
export type TUploadAttachmentInput = z.infer<typeof ZUploadAttachmentInput>;

/** WCAG contrast ratio of two "#rrggbb" colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    const [r, g, bl] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
      number,
      number,
      number,
    ];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Label chips show white text; WCAG AA for normal text needs 4.5:1 (also keeps the chip visible on white). */
export const LABEL_TEXT_COLOR = "#ffffff";

/** A label colour is accepted only if white text on it reaches 4.5:1. */
export function hasSufficientContrast(background: string): boolean {
  return contrastRatio(background, LABEL_TEXT_COLOR) >= 4.5;
}
