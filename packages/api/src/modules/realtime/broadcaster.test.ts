import { describe, expect, it } from "vitest";
import type { TStoredEvent } from "../../events/types.ts";
import { broadcasts, createRealtimeBroadcaster, planBroadcast, type TBroadcastTarget } from "./broadcaster.ts";

function event(overrides: Partial<TStoredEvent>): TStoredEvent {
  return {
    id: 42n,
    actorId: "actor",
    actorUnitId: "unit",
    verb: "task.moved",
    objectType: "task",
    objectId: "t1",
    projectId: "p1",
    payload: {},
    isSystem: false,
    createdAt: new Date("2026-12-01T10:00:00Z"),
    ...overrides,
  };
}

describe("planBroadcast", () => {
  it("sends a task change to the project room and the task's page, with ids and version only", () => {
    const plan = planBroadcast(event({ payload: { key: "DIGI-1", version: 3, fromStateId: "a", toStateId: "b" } }));
    expect(plan.changed).toEqual({
      rooms: ["page:task:t1", "project:p1"],
      payload: {
        eventId: "42",
        verb: "task.moved",
        objectType: "task",
        objectId: "t1",
        projectId: "p1",
        version: 3,
        updatedAt: "2026-12-01T10:00:00.000Z",
      },
    });
    expect(plan.reauthorizeProjectId).toBeNull();
  });

  it("is generic: a comment shown on a news post's page reaches that page", () => {
    const plan = planBroadcast(
      event({
        verb: "news.commented",
        objectType: "news-comment",
        objectId: "c1",
        projectId: null,
        payload: { pageType: "news", pageId: "n1" },
      }),
    );
    expect(plan.changed?.rooms).toEqual(["page:news-comment:c1", "page:news:n1"]);
    expect(plan.changed?.payload.version).toBeNull();
  });

  it("reaches the minutes page for a meeting and the news page for a post and its comments", () => {
    const meeting = planBroadcast(event({ verb: "meeting.agenda-item-added", objectType: "meeting", objectId: "m1" }));
    expect(meeting.changed?.rooms).toEqual(["page:meeting:m1", "project:p1", "page:minutes:m1"]);
    const post = planBroadcast(
      event({ verb: "news.reaction-added", objectType: "news-post", objectId: "n1", projectId: null }),
    );
    expect(post.changed?.rooms).toEqual(["page:news-post:n1", "page:news:n1"]);
    const comment = planBroadcast(
      event({
        verb: "news.comment-added",
        objectType: "news-comment",
        objectId: "c2",
        projectId: null,
        payload: { postId: "n2", body: "never sent" },
      }),
    );
    expect(comment.changed?.rooms).toEqual(["page:news-comment:c2", "page:news:n2"]);
    expect(JSON.stringify(comment.changed?.payload)).not.toContain("never sent");
  });

  it("re-checks access when someone leaves a project or its visibility changes, not on other edits", () => {
    expect(
      planBroadcast(event({ verb: "project.member-removed", objectType: "project", objectId: "p1" }))
        .reauthorizeProjectId,
    ).toBe("p1");
    expect(
      planBroadcast(
        event({ verb: "project.updated", objectType: "project", objectId: "p1", payload: { fields: ["visibility"] } }),
      ).reauthorizeProjectId,
    ).toBe("p1");
    expect(
      planBroadcast(
        event({ verb: "project.updated", objectType: "project", objectId: "p1", payload: { fields: ["title"] } }),
      ).reauthorizeProjectId,
    ).toBeNull();
  });

  it("disconnects a deactivated person and ignores other account events", () => {
    const plan = planBroadcast(
      event({ verb: "user.deactivated", objectType: "user", objectId: "u1", projectId: null }),
    );
    expect(plan).toMatchObject({ disconnectUserId: "u1", changed: null });
    expect(broadcasts({ verb: "user.deactivated", objectType: "user" })).toBe(true);
    expect(broadcasts({ verb: "user.created", objectType: "user" })).toBe(false);
    expect(broadcasts({ verb: "org-unit.renamed", objectType: "org-unit" })).toBe(false);
    expect(broadcasts({ verb: "minutes.updated", objectType: "minutes" })).toBe(true);
  });

  it("rings the notification badge of the notified person", () => {
    const plan = planBroadcast(
      event({
        verb: "notification.created",
        objectType: "notification",
        objectId: "n1",
        projectId: null,
        payload: { userId: "u9" },
      }),
    );
    expect(plan.notifyUserIds).toEqual(["u9"]);
    const many = planBroadcast(
      event({
        verb: "notification.created",
        objectType: "notification",
        objectId: "n2",
        projectId: "p1",
        payload: { userIds: ["u1", "u2", 3] },
      }),
    );
    expect(many.notifyUserIds).toEqual(["u1", "u2"]);
    expect(many.changed).toBeNull();
  });
});

describe("createRealtimeBroadcaster", () => {
  it("hands each event to the target and re-checks a project once per batch", async () => {
    const calls: string[] = [];
    const target: TBroadcastTarget = {
      changed: (rooms, payload) => void calls.push(`changed ${rooms.join(",")} ${payload.eventId}`),
      notify: (userId) => void calls.push(`notify ${userId}`),
      disconnectUser: (userId) => void calls.push(`disconnect ${userId}`),
      reauthorizeProject: async (projectId) => void calls.push(`reauthorize ${projectId}`),
    };
    const handler = createRealtimeBroadcaster(target);
    await handler.handle([
      event({ id: 1n, verb: "project.member-removed", objectType: "project", objectId: "p1" }),
      event({ id: 2n, verb: "project.member-removed", objectType: "project", objectId: "p1" }),
    ]);
    expect(calls).toEqual([
      "changed page:project:p1,project:p1 1",
      "changed page:project:p1,project:p1 2",
      "reauthorize p1",
    ]);
  });
});
