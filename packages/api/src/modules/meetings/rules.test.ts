import { describe, expect, it } from "vitest";
import {
  berlinLocalToInstant,
  canApproveMinutes,
  canCreateTaskFromAction,
  canEditMinutes,
  instantToBerlinLocal,
  meetingTemplate,
  reorder,
  type TMeetingAccess,
} from "./rules.ts";

describe("reorder", () => {
  const ids = ["a", "b", "c", "d"];
  it("moves an item up, down, to the ends, and clamps beyond them", () => {
    expect(reorder(ids, "c", 1)).toEqual(["a", "c", "b", "d"]);
    expect(reorder(ids, "a", 1)).toEqual(["b", "a", "c", "d"]);
    expect(reorder(ids, "b", 0)).toEqual(["b", "a", "c", "d"]);
    expect(reorder(ids, "b", 3)).toEqual(["a", "c", "d", "b"]);
    expect(reorder(ids, "a", 99)).toEqual(["b", "c", "d", "a"]);
    expect(reorder(ids, "d", 3)).toEqual(ids);
  });
  it("returns null for an unknown item and leaves the input alone", () => {
    expect(reorder(ids, "x", 0)).toBeNull();
    expect(ids).toEqual(["a", "b", "c", "d"]);
  });
});

describe("Berlin wall-clock times", () => {
  it("uses +01:00 in winter and +02:00 in summer", () => {
    expect(berlinLocalToInstant("2026-01-15T09:30").toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(berlinLocalToInstant("2026-07-01T14:00").toISOString()).toBe("2026-07-01T12:00:00.000Z");
  });
  it("round-trips, including the days the clocks change", () => {
    for (const local of ["2026-03-29T01:30", "2026-03-29T03:30", "2026-10-25T01:30", "2026-12-31T23:59"]) {
      expect(instantToBerlinLocal(berlinLocalToInstant(local))).toBe(local);
    }
  });
  it("moves the non-existent spring-forward hour one hour on", () => {
    expect(instantToBerlinLocal(berlinLocalToInstant("2026-03-29T02:30"))).toBe("2026-03-29T03:30");
  });
});

describe("minutes policy", () => {
  const base: TMeetingAccess = {
    visibility: "ALL_STAFF",
    archivedAt: null,
    role: "MEMBER",
    status: "DRAFT",
    createdById: "creator",
  };
  it("lets members edit drafts, and nobody edit approved minutes or archived projects", () => {
    expect(canEditMinutes(base)).toBe(true);
    expect(canEditMinutes({ ...base, role: "GUEST" })).toBe(false);
    expect(canEditMinutes({ ...base, role: null })).toBe(false);
    expect(canEditMinutes({ ...base, role: "LEAD", status: "APPROVED" })).toBe(false);
    expect(canEditMinutes({ ...base, archivedAt: new Date() })).toBe(false);
  });
  it("lets leads and the meeting's creator approve", () => {
    expect(canApproveMinutes(base, "someone")).toBe(false);
    expect(canApproveMinutes(base, "creator")).toBe(true);
    expect(canApproveMinutes({ ...base, role: "LEAD" }, "someone")).toBe(true);
    expect(canApproveMinutes({ ...base, role: "GUEST", createdById: "someone" }, "someone")).toBe(false);
  });
  it("allows turning action items into tasks after approval, for members only", () => {
    expect(canCreateTaskFromAction({ ...base, status: "APPROVED" })).toBe(true);
    expect(canCreateTaskFromAction({ ...base, role: "GUEST" })).toBe(false);
  });
  it("has both templates with agenda items", () => {
    expect(meetingTemplate("DIENSTBERATUNG").agenda.length).toBeGreaterThan(2);
    expect(meetingTemplate("PROJEKTSITZUNG").agenda[0]?.title).toMatch(/Meilensteine/);
  });
});
