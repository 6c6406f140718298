import { MILESTONE_STATUSES, MEETING_STATUSES } from "@kreisnetz/shared/schemas/meetings";
import {
  PROJECT_ROLES,
  PROJECT_STATUSES,
  PROJECT_TEMPLATE_KEYS,
  PROJECT_VISIBILITIES,
  TASK_STATE_GROUPS,
  ZAddMemberInput,
  ZCreateProjectInput,
  ZListProjectsInput,
  ZProjectIdInput,
  ZRemoveMemberInput,
  ZRenameStateInput,
  ZSetMembersInput,
  ZUpdateProjectInput,
} from "@kreisnetz/shared/schemas/projects";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";
import * as views from "./views.ts";

const ZUnitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

const ZProject = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  description: z.record(z.string(), z.unknown()).nullable(),
  status: z.enum(PROJECT_STATUSES),
  visibility: z.enum(PROJECT_VISIBILITIES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  leadUnit: ZUnitRef,
  units: z.array(ZUnitRef),
  members: z.array(z.object({ userId: z.string(), name: z.string(), unitId: z.string(), role: z.enum(PROJECT_ROLES) })),
  states: z.array(
    z.object({ id: z.string(), name: z.string(), group: z.enum(TASK_STATE_GROUPS), position: z.number() }),
  ),
  myRole: z.enum(PROJECT_ROLES).nullable(),
});

const ZProjectListItem = z.object({
  id: z.string(),
  key: z.string(),
  title: z.string(),
  status: z.enum(PROJECT_STATUSES),
  visibility: z.enum(PROJECT_VISIBILITIES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  archivedAt: z.date().nullable(),
  leadUnit: ZUnitRef,
  myRole: z.enum(PROJECT_ROLES).nullable(),
  memberCount: z.number().int(),
  openTaskCount: z.number().int(),
});

const ZOverview = z.object({
  progress: z.object({
    total: z.number().int(),
    open: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    cancelled: z.number().int(),
    share: z.number(),
  }),
  overdueCount: z.number().int(),
  upcoming: z.array(
    z.object({ id: z.string(), key: z.string(), title: z.string(), dueDate: z.string(), overdue: z.boolean() }),
  ),
  milestones: z.array(
    z.object({ id: z.string(), title: z.string(), dueDate: z.string(), status: z.enum(MILESTONE_STATUSES) }),
  ),
  nextMeetings: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startsAt: z.date(),
      startsAtLocal: z.string(),
      status: z.enum(MEETING_STATUSES),
    }),
  ),
});

const ZTemplate = z.object({
  key: z.enum(PROJECT_TEMPLATE_KEYS),
  states: z.array(z.object({ name: z.string(), group: z.enum(TASK_STATE_GROUPS) })),
  milestones: z.array(z.string()),
  taskCount: z.number().int(),
});

/**
 * The project space. Every logged-in person may start a project and read
 * ALL_STAFF projects; everything else is decided per project by policy.ts.
 */
export const projectsRouter = router({
  list: authedProcedure
    .input(ZListProjectsInput)
    .output(z.array(ZProjectListItem))
    .query(({ ctx, input }) => service.list(ctx, input)),
  get: authedProcedure
    .input(ZProjectIdInput)
    .output(ZProject)
    .query(({ ctx, input }) => service.get(ctx, input)),
  overview: authedProcedure
    .input(ZProjectIdInput)
    .output(ZOverview)
    .query(({ ctx, input }) => views.overview(ctx, input)),
  templates: authedProcedure.output(z.array(ZTemplate)).query(() => views.templates()),
  create: authedProcedure
    .input(ZCreateProjectInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.create(ctx, input)),
  update: authedProcedure
    .input(ZUpdateProjectInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.update(ctx, input)),
  archive: authedProcedure
    .input(ZProjectIdInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.archive(ctx, input)),
  renameState: authedProcedure
    .input(ZRenameStateInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.renameState(ctx, input)),
  setMembers: authedProcedure
    .input(ZSetMembersInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.setMembers(ctx, input)),
  addMember: authedProcedure
    .input(ZAddMemberInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.addMember(ctx, input)),
  removeMember: authedProcedure
    .input(ZRemoveMemberInput)
    .output(ZProject)
    .mutation(({ ctx, input }) => service.removeMember(ctx, input)),
});
