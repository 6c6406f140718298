import { z } from "zod";
import { msg, ZId } from "./common.ts";

export const PROJECT_STATUSES = ["PLANNED", "ACTIVE", "PAUSED", "COMPLETED"] as const;
export type TProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_VISIBILITIES = ["ALL_STAFF", "MEMBERS"] as const;
export type TProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];
/** Lowest to highest: the order is the permission order (GUEST < MEMBER < LEAD). */
export const PROJECT_ROLES = ["GUEST", "MEMBER", "LEAD"] as const;
export type TProjectRole = (typeof PROJECT_ROLES)[number];
export const TASK_STATE_GROUPS = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type TTaskStateGroup = (typeof TASK_STATE_GROUPS)[number];
export const TASK_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export type TTaskPriority = (typeof TASK_PRIORITIES)[number];
/** Recurring kinds of projects: preset columns, milestones and tasks (projects/templates.ts). */
export const PROJECT_TEMPLATE_KEYS = ["DIGITALISIERUNG", "BAUVORHABEN"] as const;
export type TProjectTemplateKey = (typeof PROJECT_TEMPLATE_KEYS)[number];
export const TASK_SORTS = ["due", "priority", "number", "title"] as const;
export type TTaskSort = (typeof TASK_SORTS)[number];

export const ZProjectKey = z
  .string(msg("validation.required"))
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2,10}$/, msg("projects.validation.key"));

/** A calendar day "YYYY-MM-DD" (no time, no zone): start, end and due dates. */
export const ZCalendarDate = z
  .string(msg("projects.validation.date"))
  .regex(/^\d{4}-\d{2}-\d{2}$/, msg("projects.validation.date"))
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, msg("projects.validation.date"));

/** Lexical editor state as JSON; rendered and sanitised server side later (@kreisnetz/editor). */
export const ZRichText = z
  .record(z.string(), z.unknown(), msg("validation.invalid"))
  .refine((value) => JSON.stringify(value).length <= 200_000, msg("validation.tooLong"));

const ZTitle = z
  .string(msg("validation.required"))
  .trim()
  .min(2, msg("validation.tooShort"))
  .max(200, msg("validation.tooLong"));

const ZLabels = z
  .array(z.string().trim().min(1, msg("tasks.validation.label")).max(40, msg("tasks.validation.label")))
  .max(20, msg("tasks.validation.label"));

export const ZCreateProjectInput = z.object({
  key: ZProjectKey,
  title: ZTitle,
  description: ZRichText.nullable().optional(),
  leadUnitId: ZId,
  unitIds: z.array(ZId).max(100).default([]),
  status: z.enum(PROJECT_STATUSES, msg("validation.choose")).default("PLANNED"),
  visibility: z.enum(PROJECT_VISIBILITIES, msg("validation.choose")).default("ALL_STAFF"),
  startDate: ZCalendarDate.nullable().optional(),
  endDate: ZCalendarDate.nullable().optional(),
  /** Prefills columns, milestones and tasks; dates count from the start date (or today). */
  templateKey: z.enum(PROJECT_TEMPLATE_KEYS, msg("validation.choose")).nullable().optional(),
});
export type TCreateProjectInput = z.infer<typeof ZCreateProjectInput>;

/** Fields left out stay as they are; null clears an optional field. */
export const ZUpdateProjectInput = z.object({
  id: ZId,
  title: ZTitle.optional(),
  description: ZRichText.nullable().optional(),
  leadUnitId: ZId.optional(),
  unitIds: z.array(ZId).max(100).optional(),
  status: z.enum(PROJECT_STATUSES, msg("validation.choose")).optional(),
  visibility: z.enum(PROJECT_VISIBILITIES, msg("validation.choose")).optional(),
  startDate: ZCalendarDate.nullable().optional(),
  endDate: ZCalendarDate.nullable().optional(),
});
export type TUpdateProjectInput = z.infer<typeof ZUpdateProjectInput>;

export const ZListProjectsInput = z
  .object({
    status: z.enum(PROJECT_STATUSES, msg("validation.choose")).optional(),
    includeArchived: z.boolean().default(false),
  })
  .default({ includeArchived: false });
export type TListProjectsInput = z.infer<typeof ZListProjectsInput>;

export const ZProjectIdInput = z.object({ id: ZId });
export type TProjectIdInput = z.infer<typeof ZProjectIdInput>;

const ZMember = z.object({ userId: ZId, role: z.enum(PROJECT_ROLES, msg("validation.choose")) });

export const ZSetMembersInput = z.object({
  projectId: ZId,
  members: z
    .array(ZMember)
    .max(500)
    .refine((members) => new Set(members.map((m) => m.userId)).size === members.length, {
      ...msg("projects.validation.duplicateMember"),
    }),
});
export type TSetMembersInput = z.infer<typeof ZSetMembersInput>;

/** Adds a person, or changes the role of someone already a member. */
export const ZAddMemberInput = z.object({ projectId: ZId, ...ZMember.shape });
export type TAddMemberInput = z.infer<typeof ZAddMemberInput>;

export const ZRemoveMemberInput = z.object({ projectId: ZId, userId: ZId });
export type TRemoveMemberInput = z.infer<typeof ZRemoveMemberInput>;

/** Columns keep their group (OPEN, IN_PROGRESS, DONE, CANCELLED); only the name changes. */
export const ZRenameStateInput = z.object({
  projectId: ZId,
  stateId: ZId,
  name: z
    .string(msg("validation.required"))
    .trim()
    .min(1, msg("validation.required"))
    .max(60, msg("validation.tooLong")),
});
export type TRenameStateInput = z.infer<typeof ZRenameStateInput>;

export const ZCreateTaskInput = z.object({
  projectId: ZId,
  title: ZTitle,
  description: ZRichText.nullable().optional(),
  /** Defaults to the project's first OPEN column. */
  stateId: ZId.optional(),
  priority: z.enum(TASK_PRIORITIES, msg("validation.choose")).default("NORMAL"),
  assigneeIds: z.array(ZId).max(50).default([]),
  responsibleUnitId: ZId.nullable().optional(),
  startDate: ZCalendarDate.nullable().optional(),
  dueDate: ZCalendarDate.nullable().optional(),
  labels: ZLabels.default([]),
});
export type TCreateTaskInput = z.infer<typeof ZCreateTaskInput>;

const ZVersion = z.number(msg("validation.required")).int().min(1, msg("validation.invalid"));

/** `version` is the one the client read; a newer one in the database means CONFLICT. */
export const ZUpdateTaskInput = z.object({
  id: ZId,
  version: ZVersion,
  title: ZTitle.optional(),
  description: ZRichText.nullable().optional(),
  stateId: ZId.optional(),
  priority: z.enum(TASK_PRIORITIES, msg("validation.choose")).optional(),
  assigneeIds: z.array(ZId).max(50).optional(),
  responsibleUnitId: ZId.nullable().optional(),
  startDate: ZCalendarDate.nullable().optional(),
  dueDate: ZCalendarDate.nullable().optional(),
  labels: ZLabels.optional(),
});
export type TUpdateTaskInput = z.infer<typeof ZUpdateTaskInput>;

export const ZMoveTaskInput = z.object({
  id: ZId,
  version: ZVersion,
  stateId: ZId,
  position: z.number(msg("validation.required")).finite(msg("validation.invalid")),
});
export type TMoveTaskInput = z.infer<typeof ZMoveTaskInput>;

export const ZTaskIdInput = z.object({ id: ZId });
export type TTaskIdInput = z.infer<typeof ZTaskIdInput>;

export const ZBoardInput = z.object({ projectId: ZId });
export type TBoardInput = z.infer<typeof ZBoardInput>;

export const ZMyTasksInput = z.object({ includeClosed: z.boolean().default(false) }).default({ includeClosed: false });
export type TMyTasksInput = z.infer<typeof ZMyTasksInput>;

export const ZDependencyInput = z.object({ taskId: ZId, blockedById: ZId });
export type TDependencyInput = z.infer<typeof ZDependencyInput>;

/** The list view: filters combine with AND; `overdue` keeps only overdue tasks. */
export const ZTaskListInput = z.object({
  projectId: ZId,
  group: z.enum(TASK_STATE_GROUPS, msg("validation.choose")).optional(),
  assigneeId: ZId.optional(),
  label: z.string().trim().min(1).max(40, msg("tasks.validation.label")).optional(),
  overdue: z.boolean().default(false),
  sort: z.enum(TASK_SORTS, msg("validation.choose")).default("due"),
});
export type TTaskListInput = z.infer<typeof ZTaskListInput>;

/** A calendar month "YYYY-MM". */
export const ZCalendarMonth = z
  .string(msg("validation.required"))
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, msg("projects.validation.month"));

export const ZDeadlineCalendarInput = z.object({ month: ZCalendarMonth });
export type TDeadlineCalendarInput = z.infer<typeof ZDeadlineCalendarInput>;
