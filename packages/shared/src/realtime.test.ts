import { describe, expect, it } from "vitest";
import type { TPersonPresence } from "./presence.ts";
import { applyPagePresence, isPageType, rooms } from "./realtime.ts";

const anna: TPersonPresence = { userId: "u1", name: "Anna", unitId: "x", status: "online", editing: false };
const bernd: TPersonPresence = { userId: "u2", name: "Bernd", unitId: "x", status: "online", editing: false };

describe("applyPagePresence", () => {
  it("replaces the list with a full list and applies deltas in name order", () => {
    expect(applyPagePresence([anna], { page: "p", people: [bernd] })).toEqual([bernd]);
    const joined = applyPagePresence([bernd], { page: "p", delta: [{ userId: "u1", person: anna }] });
    expect(joined.map((p) => p.name)).toEqual(["Anna", "Bernd"]);
    const editing = applyPagePresence(joined, {
      page: "p",
      delta: [{ userId: "u2", person: { ...bernd, editing: true } }],
    });
    expect(editing).toEqual([anna, { ...bernd, editing: true }]);
    expect(applyPagePresence(editing, { page: "p", delta: [{ userId: "u1", person: null }] })).toEqual([
      { ...bernd, editing: true },
    ]);
  });
});

describe("rooms and page types", () => {
  it("names rooms as the style guide says and knows the page types", () => {
    expect(rooms.page("task", "t1")).toBe("page:task:t1");
    expect(rooms.project("p1")).toBe("project:p1");
    expect(isPageType("minutes")).toBe(true);
    expect(isPageType("admin")).toBe(false);
  });
});
