import {
  PROJECT_ROLES,
  TASK_PRIORITIES,
  TASK_STATE_GROUPS,
  ZBoardInput,
  ZCreateTaskInput,
  ZDeadlineCalendarInput,
  ZTaskListInput,
  ZDependencyInput,
  ZMoveTaskInput,
  ZMyTasksInput,
  ZTaskIdInput,
  ZUpdateTaskInput,
} from "@kreisnetz/shared/schemas/projects";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import * as views from "../projects/views.ts";
import * as service from "./service.ts";

const ZPerson = z.object({ id: z.string(), name: z.string() });

const ZTask = z.object({
  id: z.string(),
  key: z.string(),
  projectId: z.string(),
  number: z.number().int(),
  title: z.string(),
  description: z.record(z.string(), z.unknown()).nullable(),
  /** Sanitised HTML of the description for display; null without one. */
  descriptionHtml: z.string().nullable(),
  state: z.object({ id: z.string(), name: z.string(), group: z.enum(TASK_STATE_GROUPS) }),
  priority: z.enum(TASK_PRIORITIES),
  assignees: z.array(ZPerson),
  responsibleUnitId: z.string().nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  labels: z.array(z.string()),
  position: z.number(),
  version: z.number().int(),
  completedAt: z.date().nullable(),
  blockedBy: z.array(
    z.object({ id: z.string(), key: z.string(), title: z.string(), group: z.enum(TASK_STATE_GROUPS) }),
  ),
  fromMeeting: z
    .object({ meetingId: z.string(), title: z.string(), startsAt: z.date(), actionItemId: z.string() })
    .nullable(),
  milestones: z.array(z.object({ id: z.string(), title: z.string(), dueDate: z.string() })),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const ZMoved = z.object({
  id: z.string(),
  stateId: z.string(),
  position: z.number(),
  version: z.number().int(),
  completedAt: z.date().nullable(),
});

const ZBoard = z.object({
  project: z.object({
    id: z.string(),
    key: z.string(),
    archived: z.boolean(),
    myRole: z.enum(PROJECT_ROLES).nullable(),
  }),
  columns: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      group: z.enum(TASK_STATE_GROUPS),
      position: z.number().int(),
      tasks: z.array(
        z.object({
          id: z.string(),
          key: z.string(),
          number: z.number().int(),
          title: z.string(),
          priority: z.enum(TASK_PRIORITIES),
          position: z.number(),
          version: z.number().int(),
          dueDate: z.string().nullable(),
          overdue: z.boolean(),
          labels: z.array(z.string()),
          assignees: z.array(ZPerson),
          fromMeeting: z.object({ id: z.string(), title: z.string() }).nullable(),
        }),
      ),
    }),
  ),
});

const ZMyTask = z.object({
  id: z.string(),
  key: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  title: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  stateName: z.string(),
  stateGroup: z.enum(TASK_STATE_GROUPS),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});

const ZTaskListItem = z.object({
  id: z.string(),
  key: z.string(),
  number: z.number().int(),
  title: z.string(),
  priority: z.enum(TASK_PRIORITIES),
  stateName: z.string(),
  group: z.enum(TASK_STATE_GROUPS),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  labels: z.array(z.string()),
  version: z.number().int(),
  assignees: z.array(ZPerson),
  fromMeeting: z.object({ id: z.string(), title: z.string() }).nullable(),
});

const ZCalendar = z.object({
  month: z.string(),
  previous: z.string(),
  next: z.string(),
  today: z.string(),
  weeks: z.array(z.array(z.string().nullable())),
  items: z.array(
    z.object({
      kind: z.enum(["TASK", "MILESTONE", "MEETING"]),
      id: z.string(),
      projectId: z.string(),
      projectKey: z.string(),
      key: z.string().nullable(),
      title: z.string(),
      date: z.string(),
      time: z.string().nullable(),
      overdue: z.boolean(),
      done: z.boolean(),
    }),
  ),
});

/** Tasks of the project space; who may read or write is decided per project (projects/policy.ts). */
export const tasksRouter = router({
  get: authedProcedure
    .input(ZTaskIdInput)
    .output(ZTask)
    .query(({ ctx, input }) => service.get(ctx, input)),
  board: authedProcedure
    .input(ZBoardInput)
    .output(ZBoard)
    .query(({ ctx, input }) => service.board(ctx, input)),
  myTasks: authedProcedure
    .input(ZMyTasksInput)
    .output(z.array(ZMyTask))
    .query(({ ctx, input }) => service.myTasks(ctx, input)),
  list: authedProcedure
    .input(ZTaskListInput)
    .output(z.array(ZTaskListItem))
    .query(({ ctx, input }) => views.taskList(ctx, input)),
  calendar: authedProcedure
    .input(ZDeadlineCalendarInput)
    .output(ZCalendar)
    .query(({ ctx, input }) => views.calendar(ctx, input)),
  create: authedProcedure
    .input(ZCreateTaskInput)
    .output(ZTask)
    .mutation(({ ctx, input }) => service.create(ctx, input)),
  update: authedProcedure
    .input(ZUpdateTaskInput)
    .output(ZTask)
    .mutation(({ ctx, input }) => service.update(ctx, input)),
  move: authedProcedure
    .input(ZMoveTaskInput)
    .output(ZMoved)
    .mutation(({ ctx, input }) => service.move(ctx, input)),
  addDependency: authedProcedure
    .input(ZDependencyInput)
    .output(ZTask)
    .mutation(({ ctx, input }) => service.addDependency(ctx, input)),
  removeDependency: authedProcedure
    .input(ZDependencyInput)
    .output(ZTask)
    .mutation(({ ctx, input }) => service.removeDependency(ctx, input)),
});
