import { PROJECT_ROLES } from "@kreisnetz/shared/schemas/projects";
import {
  ZAddChecklistItemInput,
  ZAddCommentInput,
  ZCreateLabelInput,
  ZEditCommentInput,
  ZIdInput,
  ZProjectRefInput,
  ZReorderChecklistInput,
  ZSetTaskLabelsInput,
  ZTaskRefInput,
  ZUpdateChecklistItemInput,
  ZUpdateLabelInput,
  ZUploadAttachmentInput,
} from "@kreisnetz/shared/schemas/task-details";
import { z } from "zod";
import { ZAttachmentContent, ZStoredAttachment } from "../attachments/files.ts";
import { authedProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZPerson = z.object({ id: z.string(), name: z.string() });
const ZRef = z.object({ id: z.string() });
const ZLabel = z.object({ id: z.string(), name: z.string(), color: z.string() });

const ZDetail = z.object({
  taskId: z.string(),
  projectId: z.string(),
  myRole: z.enum(PROJECT_ROLES).nullable(),
  canEdit: z.boolean(),
  comments: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      author: ZPerson,
      mentions: z.array(ZPerson),
      createdAt: z.date(),
      editedAt: z.date().nullable(),
      canEdit: z.boolean(),
    }),
  ),
  checklist: z.array(z.object({ id: z.string(), text: z.string(), done: z.boolean() })),
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
  labels: z.array(ZLabel),
  members: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(PROJECT_ROLES) })),
});

/** Comments, checklist, labels and attachments of tasks: rights as for the task itself (ADR 0006, 0008). */
export const taskDetailsRouter = router({
  get: authedProcedure
    .input(ZTaskRefInput)
    .output(ZDetail)
    .query(({ ctx, input }) => service.detail(ctx, input)),
  addComment: authedProcedure
    .input(ZAddCommentInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.addComment(ctx, input)),
  editComment: authedProcedure
    .input(ZEditCommentInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.editComment(ctx, input)),
  deleteComment: authedProcedure
    .input(ZIdInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.deleteComment(ctx, input)),
  addChecklistItem: authedProcedure
    .input(ZAddChecklistItemInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.addChecklistItem(ctx, input)),
  updateChecklistItem: authedProcedure
    .input(ZUpdateChecklistItemInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.updateChecklistItem(ctx, input)),
  deleteChecklistItem: authedProcedure
    .input(ZIdInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.deleteChecklistItem(ctx, input)),
  reorderChecklist: authedProcedure
    .input(ZReorderChecklistInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.reorderChecklist(ctx, input)),
  labels: authedProcedure
    .input(ZProjectRefInput)
    .output(z.array(ZLabel))
    .query(({ ctx, input }) => service.listLabels(ctx, input)),
  createLabel: authedProcedure
    .input(ZCreateLabelInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.createLabel(ctx, input)),
  updateLabel: authedProcedure
    .input(ZUpdateLabelInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.updateLabel(ctx, input)),
  deleteLabel: authedProcedure
    .input(ZIdInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.deleteLabel(ctx, input)),
  setTaskLabels: authedProcedure
    .input(ZSetTaskLabelsInput)
    .output(z.object({ id: z.string(), version: z.number().int(), labels: z.array(z.string()) }))
    .mutation(({ ctx, input }) => service.setTaskLabels(ctx, input)),
  uploadAttachment: authedProcedure
    .input(ZUploadAttachmentInput)
    .output(ZStoredAttachment)
    .mutation(({ ctx, input }) => service.uploadAttachment(ctx, input)),
  attachmentContent: authedProcedure
    .input(ZIdInput)
    .output(ZAttachmentContent)
    .query(({ ctx, input }) => service.attachmentContent(ctx, input)),
  deleteAttachment: authedProcedure
    .input(ZIdInput)
    .output(ZRef)
    .mutation(({ ctx, input }) => service.deleteAttachment(ctx, input)),
});
