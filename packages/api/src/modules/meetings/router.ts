import {
  MEETING_STATUSES,
  MEETING_TEMPLATE_KEYS,
  ZActionItemRefInput,
  ZAddActionItemInput,
  ZAddAgendaItemInput,
  ZAgendaItemRefInput,
  ZApproveMinutesInput,
  ZCreateMeetingInput,
  ZListMeetingsInput,
  ZMeetingIdInput,
  ZMoveAgendaItemInput,
  ZRecordAttendanceInput,
  ZUpdateAgendaItemInput,
  ZUpdateMeetingInput,
} from "@kreisnetz/shared/schemas/meetings";
import { PROJECT_ROLES } from "@kreisnetz/shared/schemas/projects";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import { renderMinutesPdf } from "./pdf.ts";
import * as service from "./service.ts";

const ZPerson = z.object({ id: z.string(), name: z.string(), unitId: z.string() });

const ZMeeting = z.object({
  id: z.string(),
  projectId: z.string(),
  projectKey: z.string(),
  projectTitle: z.string(),
  title: z.string(),
  startsAt: z.date(),
  startsAtLocal: z.string(),
  endsAt: z.date().nullable(),
  endsAtLocal: z.string().nullable(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  templateKey: z.string().nullable(),
  version: z.number().int(),
  approvedAt: z.date().nullable(),
  approvedBy: ZPerson.nullable(),
  createdBy: ZPerson,
  updatedBy: ZPerson,
  createdAt: z.date(),
  updatedAt: z.date(),
  participants: z.array(ZPerson.extend({ invited: z.boolean(), attended: z.boolean().nullable() })),
  units: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
  agendaItems: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      durationMinutes: z.number().int().nullable(),
      notes: z.string(),
      decision: z.string().nullable(),
    }),
  ),
  actionItems: z.array(
    z.object({
      id: z.string(),
      agendaItemId: z.string().nullable(),
      title: z.string(),
      dueDate: z.string().nullable(),
      owner: ZPerson.nullable(),
      task: z.object({ id: z.string(), key: z.string() }).nullable(),
    }),
  ),
  myRole: z.enum(PROJECT_ROLES).nullable(),
  canEdit: z.boolean(),
  canApprove: z.boolean(),
  canCreateTasks: z.boolean(),
});

const ZMeetingListItem = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.date(),
  startsAtLocal: z.string(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  version: z.number().int(),
  agendaItemCount: z.number().int(),
  actionItemCount: z.number().int(),
});

/**
 * Meetings and minutes of a project. Read like the project (members-only stays
 * invisible), write as a member while the minutes are a draft; every write
 * names the minutes' version (CONFLICT otherwise).
 */
export const meetingsRouter = router({
  list: authedProcedure
    .input(ZListMeetingsInput)
    .output(z.array(ZMeetingListItem))
    .query(({ ctx, input }) => service.list(ctx, input)),
  get: authedProcedure
    .input(ZMeetingIdInput)
    .output(ZMeeting)
    .query(({ ctx, input }) => service.get(ctx, input)),
  templates: authedProcedure
    .output(
      z.array(
        z.object({
          key: z.enum(MEETING_TEMPLATE_KEYS),
          agenda: z.array(z.object({ title: z.string(), durationMinutes: z.number().int().nullable() })),
        }),
      ),
    )
    .query(() => service.templates()),
  create: authedProcedure
    .input(ZCreateMeetingInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.create(ctx, input)),
  update: authedProcedure
    .input(ZUpdateMeetingInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.update(ctx, input)),
  addAgendaItem: authedProcedure
    .input(ZAddAgendaItemInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.addAgendaItem(ctx, input)),
  updateAgendaItem: authedProcedure
    .input(ZUpdateAgendaItemInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.updateAgendaItem(ctx, input)),
  removeAgendaItem: authedProcedure
    .input(ZAgendaItemRefInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.removeAgendaItem(ctx, input)),
  move: authedProcedure
    .input(ZMoveAgendaItemInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.moveAgendaItem(ctx, input)),
  addActionItem: authedProcedure
    .input(ZAddActionItemInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.addActionItem(ctx, input)),
  removeActionItem: authedProcedure
    .input(ZActionItemRefInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.removeActionItem(ctx, input)),
  createTask: authedProcedure
    .input(ZActionItemRefInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.createTaskFromAction(ctx, input)),
  recordAttendance: authedProcedure
    .input(ZRecordAttendanceInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.recordAttendance(ctx, input)),
  approve: authedProcedure
    .input(ZApproveMinutesInput)
    .output(ZMeeting)
    .mutation(({ ctx, input }) => service.approve(ctx, input)),
  /** The minutes as a tagged PDF, base64 (the web app streams it as a download). */
  exportPdf: authedProcedure
    .input(ZMeetingIdInput)
    .output(z.object({ filename: z.string(), contentBase64: z.string() }))
    .query(async ({ ctx, input }) => {
      const meeting = await service.get(ctx, input);
      const pdf = await renderMinutesPdf(meeting, ctx.locale);
      const day = meeting.startsAtLocal.slice(0, 10);
      return { filename: `Protokoll-${meeting.projectKey}-${day}.pdf`, contentBase64: pdf.toString("base64") };
    }),
});
