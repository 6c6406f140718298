import { z } from "zod";
import { msg, ZId } from "./common.ts";
import { ZCalendarDate } from "./projects.ts";

export const MEETING_STATUSES = ["DRAFT", "APPROVED"] as const;
export type TMeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_TEMPLATE_KEYS = ["DIENSTBERATUNG", "PROJEKTSITZUNG"] as const;
export type TMeetingTemplateKey = (typeof MEETING_TEMPLATE_KEYS)[number];
export const MILESTONE_STATUSES = ["OPEN", "IN_PROGRESS", "DONE", "LATE"] as const;
export type TMilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A wall-clock time in Europe/Berlin as a datetime-local field sends it: "YYYY-MM-DDTHH:mm". */
export const ZBerlinDateTime = z
  .string(msg("validation.required"))
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, msg("meetings.validation.dateTime"))
  .refine((value) => {
    const date = new Date(`${value}:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, msg("meetings.validation.dateTime"));

const ZTitle = z
  .string(msg("validation.required"))
  .trim()
  .min(2, msg("validation.tooShort"))
  .max(200, msg("validation.tooLong"));

const ZShortText = z.string().trim().max(200, msg("validation.tooLong"));
const ZLongText = z.string().max(20_000, msg("validation.tooLong"));
const ZVersion = z.number(msg("validation.required")).int().min(1, msg("validation.invalid"));
const ZOnlineUrl = z
  .string()
  .trim()
  .max(500, msg("validation.tooLong"))
  .refine((value) => /^https:\/\/[^\s]+$/.test(value), msg("meetings.validation.onlineUrl"));

export const ZCreateMeetingInput = z.object({
  projectId: ZId,
  title: ZTitle,
  startsAt: ZBerlinDateTime,
  endsAt: ZBerlinDateTime.nullable().optional(),
  location: ZShortText.nullable().optional(),
  onlineUrl: ZOnlineUrl.nullable().optional(),
  participantIds: z.array(ZId).max(200).default([]),
  unitIds: z.array(ZId).max(50).default([]),
  templateKey: z.enum(MEETING_TEMPLATE_KEYS, msg("validation.choose")).nullable().optional(),
});
export type TCreateMeetingInput = z.infer<typeof ZCreateMeetingInput>;

/** Every minutes write names the version it read; a newer one means CONFLICT. */
const ZMinutesWrite = z.object({ meetingId: ZId, version: ZVersion });

export const ZUpdateMeetingInput = ZMinutesWrite.extend({
  title: ZTitle.optional(),
  startsAt: ZBerlinDateTime.optional(),
  endsAt: ZBerlinDateTime.nullable().optional(),
  location: ZShortText.nullable().optional(),
  onlineUrl: ZOnlineUrl.nullable().optional(),
  participantIds: z.array(ZId).max(200).optional(),
  unitIds: z.array(ZId).max(50).optional(),
});
export type TUpdateMeetingInput = z.infer<typeof ZUpdateMeetingInput>;

export const ZMeetingIdInput = z.object({ id: ZId });
export type TMeetingIdInput = z.infer<typeof ZMeetingIdInput>;

export const ZListMeetingsInput = z.object({ projectId: ZId });
export type TListMeetingsInput = z.infer<typeof ZListMeetingsInput>;

export const ZAddAgendaItemInput = ZMinutesWrite.extend({
  title: ZTitle,
  durationMinutes: z
    .number()
    .int()
    .min(1, msg("validation.invalid"))
    .max(600, msg("validation.invalid"))
    .nullable()
    .optional(),
});
export type TAddAgendaItemInput = z.infer<typeof ZAddAgendaItemInput>;

export const ZUpdateAgendaItemInput = ZMinutesWrite.extend({
  itemId: ZId,
  title: ZTitle.optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1, msg("validation.invalid"))
    .max(600, msg("validation.invalid"))
    .nullable()
    .optional(),
  notes: ZLongText.optional(),
  decision: ZLongText.nullable().optional(),
});
export type TUpdateAgendaItemInput = z.infer<typeof ZUpdateAgendaItemInput>;

export const ZAgendaItemRefInput = ZMinutesWrite.extend({ itemId: ZId });
export type TAgendaItemRefInput = z.infer<typeof ZAgendaItemRefInput>;

/** Moves an agenda item to a 0-based index; the others close up. */
export const ZMoveAgendaItemInput = ZMinutesWrite.extend({
  itemId: ZId,
  toIndex: z.number(msg("validation.required")).int(msg("validation.invalid")).min(0, msg("validation.invalid")),
});
export type TMoveAgendaItemInput = z.infer<typeof ZMoveAgendaItemInput>;

export const ZAddActionItemInput = ZMinutesWrite.extend({
  agendaItemId: ZId.nullable().optional(),
  title: ZTitle,
  ownerId: ZId.nullable().optional(),
  dueDate: ZCalendarDate.nullable().optional(),
});
export type TAddActionItemInput = z.infer<typeof ZAddActionItemInput>;

export const ZActionItemRefInput = ZMinutesWrite.extend({ actionItemId: ZId });
export type TActionItemRefInput = z.infer<typeof ZActionItemRefInput>;

/** Who was there: every listed person attended, every other participant did not. */
export const ZRecordAttendanceInput = ZMinutesWrite.extend({
  attendeeIds: z.array(ZId).max(200),
});
export type TRecordAttendanceInput = z.infer<typeof ZRecordAttendanceInput>;

export const ZApproveMinutesInput = ZMinutesWrite;
export type TApproveMinutesInput = z.infer<typeof ZApproveMinutesInput>;

export const ZCreateMilestoneInput = z.object({
  projectId: ZId,
  title: ZTitle,
  dueDate: ZCalendarDate,
  taskIds: z.array(ZId).max(500).default([]),
});
export type TCreateMilestoneInput = z.infer<typeof ZCreateMilestoneInput>;

export const ZUpdateMilestoneInput = z.object({
  id: ZId,
  title: ZTitle.optional(),
  dueDate: ZCalendarDate.optional(),
  taskIds: z.array(ZId).max(500).optional(),
});
export type TUpdateMilestoneInput = z.infer<typeof ZUpdateMilestoneInput>;

export const ZMilestoneIdInput = z.object({ id: ZId });
export type TMilestoneIdInput = z.infer<typeof ZMilestoneIdInput>;

export const ZListMilestonesInput = z.object({ projectId: ZId });
export type TListMilestonesInput = z.infer<typeof ZListMilestonesInput>;
