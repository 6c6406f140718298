import { auditRouter } from "./modules/audit/router.ts";
import { calendarRouter } from "./modules/calendar/router.ts";
import { coopIndexRouter } from "./modules/coop-index/router.ts";
import { homeRouter } from "./modules/home/router.ts";
import { knowledgeRouter } from "./modules/knowledge/router.ts";
import { meetingsRouter } from "./modules/meetings/router.ts";
import { milestonesRouter } from "./modules/milestones/router.ts";
import { newsRouter } from "./modules/news/router.ts";
import { notificationsRouter } from "./modules/notifications/router.ts";
import { orgUnitsRouter } from "./modules/org-units/router.ts";
import { presenceRouter } from "./modules/presence/router.ts";
import { profileRouter } from "./modules/profile/router.ts";
import { projectsRouter } from "./modules/projects/router.ts";
import { searchRouter } from "./modules/search/router.ts";
import { taskDetailsRouter } from "./modules/task-details/router.ts";
import { tasksRouter } from "./modules/tasks/router.ts";
import { usersRouter } from "./modules/users/router.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  home: homeRouter,
  profile: profileRouter,
  orgUnits: orgUnitsRouter,
  users: usersRouter,
  audit: auditRouter,
  projects: projectsRouter,
  tasks: tasksRouter,
  presence: presenceRouter,
  news: newsRouter,
  knowledge: knowledgeRouter,
  search: searchRouter,
  coopIndex: coopIndexRouter,
  meetings: meetingsRouter,
  milestones: milestonesRouter,
  taskDetails: taskDetailsRouter,
  notifications: notificationsRouter,
  calendar: calendarRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
export type TCaller = ReturnType<typeof createCaller>;
