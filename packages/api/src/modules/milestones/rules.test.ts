import { describe, expect, it } from "vitest";
import { addDays, daysBetween, milestoneStatus, monthGrid, monthRange, shiftMonth, timelinePosition } from "./rules.ts";

describe("milestoneStatus", () => {
  const today = "2026-05-10";
  it("is reached when every linked task is done (cancelled ones ignored)", () => {
    expect(milestoneStatus(["DONE", "DONE"], "2026-05-01", today)).toBe("DONE");
    expect(milestoneStatus(["DONE", "CANCELLED"], "2026-06-01", today)).toBe("DONE");
  });
  it("is late after its date unless reached, and never reached without tasks", () => {
    expect(milestoneStatus(["DONE", "OPEN"], "2026-05-09", today)).toBe("LATE");
    expect(milestoneStatus([], "2026-05-09", today)).toBe("LATE");
    expect(milestoneStatus(["CANCELLED"], "2026-05-09", today)).toBe("LATE");
  });
  it("is in progress once work started, open otherwise; due today is not late", () => {
    expect(milestoneStatus(["OPEN", "IN_PROGRESS"], today, today)).toBe("IN_PROGRESS");
    expect(milestoneStatus(["OPEN", "DONE"], "2026-06-01", today)).toBe("IN_PROGRESS");
    expect(milestoneStatus(["OPEN"], "2026-06-01", today)).toBe("OPEN");
    expect(milestoneStatus([], "2026-06-01", today)).toBe("OPEN");
  });
});

describe("calendar maths", () => {
  it("lays out months Monday first with blanks outside the month", () => {
    // 1 February 2026 is a Sunday: six blanks, then 28 days over five rows.
    const feb = monthGrid("2026-02");
    expect(feb).toHaveLength(5);
    expect(feb[0]).toEqual([null, null, null, null, null, null, "2026-02-01"]);
    expect(feb[4]).toEqual(["2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26", "2026-02-27", "2026-02-28", null]);
    const march = monthGrid("2026-03");
    expect(march[0]?.filter(Boolean)).toEqual(["2026-03-01"]);
    expect(march.flat().filter(Boolean)).toHaveLength(31);
    expect(march.at(-1)?.[1]).toBe("2026-03-31");
    expect(monthGrid("2024-02").flat().filter(Boolean)).toHaveLength(29);
    expect(monthGrid("2026-06")[0]?.[0]).toBe("2026-06-01");
  });
  it("knows month ranges, shifts across years, and counts days", () => {
    expect(monthRange("2026-02")).toEqual({ first: "2026-02-01", last: "2026-02-28" });
    expect(monthRange("2024-12")).toEqual({ first: "2024-12-01", last: "2024-12-31" });
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
  it("places dates on a timeline, clamped to its ends", () => {
    expect(timelinePosition("2026-01-01", "2026-01-01", "2026-01-11")).toBe(0);
    expect(timelinePosition("2026-01-06", "2026-01-01", "2026-01-11")).toBeCloseTo(0.5);
    expect(timelinePosition("2027-01-01", "2026-01-01", "2026-01-11")).toBe(1);
    expect(timelinePosition("2026-01-01", "2026-01-01", "2026-01-01")).toBe(0);
  });
});
