import {
  MILESTONE_STATUSES,
  ZCreateMilestoneInput,
  ZListMilestonesInput,
  ZMilestoneIdInput,
  ZUpdateMilestoneInput,
} from "@kreisnetz/shared/schemas/meetings";
import { TASK_STATE_GROUPS } from "@kreisnetz/shared/schemas/projects";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

export const ZMilestone = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: z.string(),
  status: z.enum(MILESTONE_STATUSES),
  doneCount: z.number().int(),
  taskCount: z.number().int(),
  tasks: z.array(z.object({ id: z.string(), key: z.string(), title: z.string(), group: z.enum(TASK_STATE_GROUPS) })),
});

/** Milestones of a project: read like the project, changed by members; every write answers the new list. */
export const milestonesRouter = router({
  list: authedProcedure
    .input(ZListMilestonesInput)
    .output(z.array(ZMilestone))
    .query(({ ctx, input }) => service.list(ctx, input)),
  create: authedProcedure
    .input(ZCreateMilestoneInput)
    .output(z.array(ZMilestone))
    .mutation(({ ctx, input }) => service.create(ctx, input)),
  update: authedProcedure
    .input(ZUpdateMilestoneInput)
    .output(z.array(ZMilestone))
    .mutation(({ ctx, input }) => service.update(ctx, input)),
  remove: authedProcedure
    .input(ZMilestoneIdInput)
    .output(z.array(ZMilestone))
    .mutation(({ ctx, input }) => service.remove(ctx, input)),
});
