import type { DbOrTx } from "@kreisnetz/db/client";
import type { TPageType } from "@kreisnetz/shared/realtime";
import { canReadSpace } from "../knowledge/policy.ts";
import { findArticle } from "../knowledge/repo.ts";
import { meetingContext } from "../meetings/repo.ts";
import { canReadPost } from "../news/policy.ts";
import { postAccess } from "../news/repo.ts";
import { canReadProject } from "../projects/policy.ts";
import { projectAccess } from "../projects/repo.ts";
import { taskContext } from "../tasks/repo.ts";

/** What entering a page grants: its rooms, and the project whose access they depend on. */
export type TPageGrant = { projectId: string | null };

/**
 * Decides whether a person may see who is on a page and get its live updates.
 * Null means no (unknown id and no access look the same). Other features register
 * theirs with `registerPageAuthorizer` (article, minutes, news) next to their policy.
 */
export type TPageAuthorizer = (db: DbOrTx, userId: string, id: string) => Promise<TPageGrant | null>;

const authorizers = new Map<TPageType, TPageAuthorizer>([
  [
    "project",
    async (db, userId, id) => {
      const access = await projectAccess(db, id, userId);
      return access && canReadProject(access) ? { projectId: access.id } : null;
    },
  ],
  [
    "task",
    async (db, userId, id) => {
      const task = await taskContext(db, id, userId);
      return task && canReadProject(task) ? { projectId: task.projectId } : null;
    },
  ],
  [
    // Minutes belong to their project: members-only stays members-only, and a removal ends the rooms.
    "minutes",
    async (db, userId, id) => {
      const meeting = await meetingContext(db, id, userId);
      return meeting && canReadProject(meeting) ? { projectId: meeting.projectId } : null;
    },
  ],
  [
    // Knowledge: every active person reads every space (knowledge policy); archived articles are gone.
    "article",
    async (db, userId, id) => {
      const [reader, article] = await Promise.all([activeReader(db, userId), findArticle(db, id)]);
      return reader && article && !article.archivedAt && canReadSpace() ? { projectId: null } : null;
    },
  ],
  [
    // News: drafts for their author and the editors, live posts for their audience (news policy).
    "news",
    async (db, userId, id) => {
      const reader = await activeReader(db, userId);
      const access = reader ? await postAccess(db, id, reader.unitId) : null;
      return reader && access && canReadPost(reader, access) ? { projectId: null } : null;
    },
  ],
]);

/** The person's current unit and roles (a role or unit change applies at the next page entry). */
function activeReader(db: DbOrTx, userId: string) {
  return db.user.findFirst({
    where: { id: userId, deactivatedAt: null },
    select: { id: true, unitId: true, roles: true },
  });
}

export function registerPageAuthorizer(type: TPageType, authorize: TPageAuthorizer): void {
  authorizers.set(type, authorize);
}

/** Page types without an authorizer are refused: nobody gets rooms a policy did not allow. */
export async function authorizePage(
  db: DbOrTx,
  userId: string,
  page: { type: TPageType; id: string },
): Promise<TPageGrant | null> {
  const authorize = authorizers.get(page.type);
  if (!authorize || !UUID.test(page.id)) return null;
  return authorize(db, userId, page.id);
}

/** Whether the person may still read the project (after a removal or a visibility change). */
export async function canStillReadProject(db: DbOrTx, userId: string, projectId: string): Promise<boolean> {
  const access = await projectAccess(db, projectId, userId);
  return Boolean(access && canReadProject(access));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
