import { rooms, type TChangedPayload } from "@kreisnetz/shared/realtime";
import type { TEventHandler, TStoredEvent } from "../../events/types.ts";

/** What the live layer does; the web server implements it on Socket.IO (every instance). */
export type TBroadcastTarget = {
  changed(rooms: string[], payload: TChangedPayload): void;
  notify(userId: string, eventId: string): void;
  disconnectUser(userId: string): void | Promise<void>;
  /** Re-checks read access of everyone in the project's rooms; those who lost it leave. */
  reauthorizeProject(projectId: string): Promise<void>;
};

export type TBroadcastPlan = {
  changed: { rooms: string[]; payload: TChangedPayload } | null;
  notifyUserIds: string[];
  disconnectUserId: string | null;
  reauthorizeProjectId: string | null;
};

const QUIET_PREFIXES = ["user.", "org-unit."];

/**
 * Objects shown on a page of another name: a meeting on the minutes page, a news
 * post on the news page, a news comment on its post's page (payload `postId`).
 */
const SHOWN_ON: Record<string, (objectId: string, payload: Record<string, unknown>) => string | null> = {
  meeting: (id) => rooms.page("minutes", id),
  "news-post": (id) => rooms.page("news", id),
  "news-comment": (_id, payload) => (typeof payload.postId === "string" ? rooms.page("news", payload.postId) : null),
};

/** Events the broadcaster wants: everything that happens in content, plus deactivations. */
export function broadcasts(event: Pick<TStoredEvent, "verb" | "objectType">): boolean {
  return event.verb === "user.deactivated" || !QUIET_PREFIXES.some((p) => event.verb.startsWith(p));
}

/**
 * Turns one activity event into live messages, generically: `changed` to the
 * project's room and to the object's page room (`page:<objectType>:<objectId>`,
 * or `payload.pageType`/`payload.pageId` for things shown on another object's
 * page, e.g. a comment on a news post). Carries ids and versions only.
 */
export function planBroadcast(event: TStoredEvent): TBroadcastPlan {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const plan: TBroadcastPlan = { changed: null, notifyUserIds: [], disconnectUserId: null, reauthorizeProjectId: null };
  if (event.verb === "user.deactivated") {
    plan.disconnectUserId = event.objectId;
    return plan;
  }
  const targets = new Set<string>([rooms.page(event.objectType, event.objectId)]);
  if (event.projectId) targets.add(rooms.project(event.projectId));
  if (typeof payload.pageType === "string" && typeof payload.pageId === "string") {
    targets.add(rooms.page(payload.pageType, payload.pageId));
  }
  const shownOn = SHOWN_ON[event.objectType]?.(event.objectId, payload);
  if (shownOn) targets.add(shownOn);
  plan.changed = {
    rooms: [...targets],
    payload: {
      eventId: event.id.toString(),
      verb: event.verb,
      objectType: event.objectType,
      objectId: event.objectId,
      projectId: event.projectId,
      version: typeof payload.version === "number" ? payload.version : null,
      updatedAt: event.createdAt.toISOString(),
    },
  };
  if (event.objectType === "notification") {
    // Only the person's own room hears of it (their badge): never the project or a page.
    plan.changed = null;
    if (typeof payload.userId === "string") plan.notifyUserIds.push(payload.userId);
    if (Array.isArray(payload.userIds)) {
      for (const id of payload.userIds) if (typeof id === "string") plan.notifyUserIds.push(id);
    }
  }
  const visibilityChanged =
    event.verb === "project.updated" && Array.isArray(payload.fields) && payload.fields.includes("visibility");
  if (event.projectId && (event.verb === "project.member-removed" || visibilityChanged)) {
    plan.reauthorizeProjectId = event.projectId;
  }
  return plan;
}

export const REALTIME_BROADCASTER = "realtime-broadcaster";

/**
 * The outbox handler "realtime-broadcaster". Runs on whichever instance leases the
 * delivery; the Socket.IO adapter fans out to all. Repeating it is harmless (clients
 * refetch, leaving a room twice is a no-op), so it is idempotent.
 */
export function createRealtimeBroadcaster(target: TBroadcastTarget): TEventHandler {
  return {
    name: REALTIME_BROADCASTER,
    matches: broadcasts,
    async handle(events) {
      const reauthorize = new Set<string>();
      for (const event of events) {
        const plan = planBroadcast(event);
        if (plan.disconnectUserId) await target.disconnectUser(plan.disconnectUserId);
        if (plan.changed) target.changed(plan.changed.rooms, plan.changed.payload);
        for (const userId of plan.notifyUserIds) target.notify(userId, event.id.toString());
        if (plan.reauthorizeProjectId) reauthorize.add(plan.reauthorizeProjectId);
      }
      for (const projectId of reauthorize) await target.reauthorizeProject(projectId);
    },
  };
}
