import { describe, expect, it } from "vitest";
import {
  berlinToday,
  createsCycle,
  datesInOrder,
  formatTaskKey,
  fromDbDate,
  isOverdue,
  stateTransition,
  toDbDate,
} from "./rules.ts";

describe("formatTaskKey", () => {
  it("joins project key and number", () => {
    expect(formatTaskKey("DIGI", 42)).toBe("DIGI-42");
  });
});

describe("datesInOrder", () => {
  it("accepts equal or later due dates and missing dates, refuses earlier ones", () => {
    expect(datesInOrder("2026-03-01", "2026-03-01")).toBe(true);
    expect(datesInOrder("2026-03-01", "2026-12-24")).toBe(true);
    expect(datesInOrder("2026-03-02", "2026-03-01")).toBe(false);
    expect(datesInOrder(null, "2026-03-01")).toBe(true);
    expect(datesInOrder("2026-03-01", undefined)).toBe(true);
  });
});

describe("stateTransition", () => {
  const now = new Date("2026-05-05T10:00:00Z");
  const earlier = new Date("2026-05-01T10:00:00Z");

  it("sets completedAt when entering DONE", () => {
    expect(stateTransition("IN_PROGRESS", "DONE", null, now)).toEqual({
      completedAt: now,
      completed: true,
      reopened: false,
    });
  });
  it("keeps completedAt while staying in DONE (e.g. another DONE column)", () => {
    expect(stateTransition("DONE", "DONE", earlier, now)).toEqual({
      completedAt: earlier,
      completed: false,
      reopened: false,
    });
  });
  it("clears completedAt when leaving DONE", () => {
    expect(stateTransition("DONE", "OPEN", earlier, now)).toEqual({
      completedAt: null,
      completed: false,
      reopened: true,
    });
    expect(stateTransition("OPEN", "CANCELLED", null, now)).toEqual({
      completedAt: null,
      completed: false,
      reopened: false,
    });
  });
});

describe("createsCycle", () => {
  // c is blocked by b, b is blocked by a.
  const graph = new Map([
    ["c", ["b"]],
    ["b", ["a"]],
  ]);
  it("refuses a task blocking itself", () => {
    expect(createsCycle(graph, "a", "a")).toBe(true);
  });
  it("refuses closing a loop directly or transitively", () => {
    expect(createsCycle(graph, "a", "b")).toBe(true);
    expect(createsCycle(graph, "a", "c")).toBe(true);
  });
  it("allows new edges that keep the graph acyclic", () => {
    expect(createsCycle(graph, "c", "a")).toBe(false);
    expect(createsCycle(graph, "d", "c")).toBe(false);
  });
  it("terminates on a loop already in the data", () => {
    expect(
      createsCycle(
        new Map([
          ["x", ["y"]],
          ["y", ["x"]],
        ]),
        "z",
        "x",
      ),
    ).toBe(false);
  });
});

describe("dates", () => {
  it("takes today in Berlin, not UTC", () => {
    expect(berlinToday(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(berlinToday(new Date("2026-01-15T12:00:00Z"))).toBe("2026-01-15");
  });
  it("flags open tasks due before today as overdue, never closed ones", () => {
    expect(isOverdue("2026-01-14", "OPEN", "2026-01-15")).toBe(true);
    expect(isOverdue("2026-01-15", "IN_PROGRESS", "2026-01-15")).toBe(false);
    expect(isOverdue("2026-01-01", "DONE", "2026-01-15")).toBe(false);
    expect(isOverdue("2026-01-01", "CANCELLED", "2026-01-15")).toBe(false);
    expect(isOverdue(null, "OPEN", "2026-01-15")).toBe(false);
  });
  it("round-trips calendar days through the DATE column representation", () => {
    expect(fromDbDate(toDbDate("2026-02-28"))).toBe("2026-02-28");
    expect(toDbDate(null)).toBeNull();
  });
});
