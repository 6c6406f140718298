import { describe, expect, it } from "vitest";
import {
  actionsFrom,
  effectiveStatus,
  isPinned,
  localized,
  mergeSmallUnits,
  nextStatus,
  pinProblem,
  scheduleProblem,
  stableJson,
  type TUnitCount,
} from "./rules.ts";

const at = (iso: string) => new Date(iso);

describe("workflow transitions", () => {
  it("walks draft -> review -> changes -> review -> approved -> scheduled -> published -> archived", () => {
    expect(nextStatus("submit", "DRAFT")).toBe("IN_REVIEW");
    expect(nextStatus("requestChanges", "IN_REVIEW")).toBe("CHANGES_REQUESTED");
    expect(nextStatus("submit", "CHANGES_REQUESTED")).toBe("IN_REVIEW");
    expect(nextStatus("approve", "IN_REVIEW")).toBe("APPROVED");
    expect(nextStatus("schedule", "APPROVED")).toBe("SCHEDULED");
    expect(nextStatus("publish", "SCHEDULED")).toBe("PUBLISHED");
    expect(nextStatus("archive", "PUBLISHED")).toBe("ARCHIVED");
  });

  it("refuses steps that skip or reverse the workflow", () => {
    expect(nextStatus("approve", "DRAFT")).toBeNull();
    expect(nextStatus("submit", "PUBLISHED")).toBeNull();
    expect(nextStatus("archive", "DRAFT")).toBeNull();
    expect(nextStatus("publish", "ARCHIVED")).toBeNull();
    expect(nextStatus("schedule", "DRAFT")).toBeNull();
    expect(actionsFrom("ARCHIVED")).toEqual([]);
  });
});

describe("effectiveStatus", () => {
  const now = at("2026-12-01T12:00:00Z");
  it("treats a due scheduled post as published and a post past unpublish as archived", () => {
    expect(
      effectiveStatus({ status: "SCHEDULED", publishAt: at("2026-12-01T11:59:59Z"), unpublishAt: null }, now),
    ).toBe("PUBLISHED");
    expect(
      effectiveStatus({ status: "SCHEDULED", publishAt: at("2026-12-01T12:00:01Z"), unpublishAt: null }, now),
    ).toBe("SCHEDULED");
    expect(
      effectiveStatus({ status: "PUBLISHED", publishAt: null, unpublishAt: at("2026-12-01T12:00:00Z") }, now),
    ).toBe("ARCHIVED");
    expect(effectiveStatus({ status: "DRAFT", publishAt: at("2020-01-01T00:00:00Z"), unpublishAt: null }, now)).toBe(
      "DRAFT",
    );
  });
});

describe("schedule and pin checks", () => {
  const now = at("2026-12-01T12:00:00Z");
  it("wants a future publish time and unpublish after publish", () => {
    expect(scheduleProblem(at("2026-12-01T11:00:00Z"), null, now)).toBe("news.error.publishAtPast");
    expect(scheduleProblem(at("2026-12-02T00:00:00Z"), at("2026-12-01T23:00:00Z"), now)).toBe(
      "news.error.unpublishBeforePublish",
    );
    expect(scheduleProblem(at("2026-12-02T00:00:00Z"), at("2026-12-03T00:00:00Z"), now)).toBeNull();
  });
  it("pins for a period", () => {
    expect(pinProblem(at("2026-12-02T00:00:00Z"), at("2026-12-01T00:00:00Z"))).toBe("news.error.pinOrder");
    expect(isPinned({ pinnedFrom: at("2026-11-30T00:00:00Z"), pinnedUntil: at("2026-12-02T00:00:00Z") }, now)).toBe(
      true,
    );
    expect(isPinned({ pinnedFrom: at("2026-11-30T00:00:00Z"), pinnedUntil: at("2026-12-01T12:00:00Z") }, now)).toBe(
      false,
    );
    expect(isPinned({ pinnedFrom: null, pinnedUntil: null }, now)).toBe(false);
  });
});

describe("localized", () => {
  it("shows Lower Sorbian to dsb readers and falls back to German", () => {
    expect(localized("dsb", "Titel", "Titul")).toBe("Titul");
    expect(localized("dsb", "Titel", null)).toBe("Titel");
    expect(localized("dsb", "Titel", "")).toBe("Titel");
    expect(localized("de", "Titel", "Titul")).toBe("Titel");
  });
});

describe("mergeSmallUnits", () => {
  const unit = (id: string, parentId: string | null, people: number, acknowledged: number): TUnitCount => ({
    id,
    parentId,
    name: id,
    people,
    acknowledged,
  });

  it("keeps units of 5 or more and folds smaller ones into their parent", () => {
    const rates = mergeSmallUnits([unit("root", null, 10, 4), unit("a", "root", 6, 3), unit("b", "root", 2, 2)]);
    expect(rates.suppressed).toBe(false);
    expect(rates.rows).toEqual([
      { unitId: "a", name: "a", people: 6, acknowledged: 3, mergedUnits: 0 },
      { unitId: "root", name: "root", people: 12, acknowledged: 6, mergedUnits: 1 },
    ]);
    expect(rates.people).toBe(18);
    expect(rates.acknowledged).toBe(9);
  });

  it("climbs a chain of small units until the group is big enough", () => {
    const rates = mergeSmallUnits([
      unit("root", null, 3, 0),
      unit("mid", "root", 1, 1),
      unit("leaf", "mid", 2, 2),
      unit("other", null, 7, 1),
    ]);
    expect(rates.rows).toEqual([
      { unitId: "other", name: "other", people: 7, acknowledged: 1, mergedUnits: 0 },
      { unitId: "root", name: "root", people: 6, acknowledged: 3, mergedUnits: 2 },
    ]);
  });

  it("never shows a row of fewer than 5 people, not even as a remainder", () => {
    const rates = mergeSmallUnits([unit("x", null, 3, 1), unit("y", null, 1, 1), unit("big", null, 8, 2)]);
    expect(rates.rows.every((r) => r.people >= 5)).toBe(true);
    expect(rates.rows).toEqual([{ unitId: "big", name: "big", people: 12, acknowledged: 4, mergedUnits: 2 }]);
  });

  it("groups small top-level units into one bucket when that is big enough", () => {
    const rates = mergeSmallUnits([unit("x", null, 3, 1), unit("y", null, 3, 0), unit("big", null, 8, 2)]);
    expect(rates.rows).toEqual([
      { unitId: "big", name: "big", people: 8, acknowledged: 2, mergedUnits: 0 },
      { unitId: null, name: "", people: 6, acknowledged: 1, mergedUnits: 2 },
    ]);
  });

  it("shows nothing below 5 people in total", () => {
    expect(mergeSmallUnits([unit("x", null, 4, 4)])).toEqual({
      rows: [],
      suppressed: true,
      people: 0,
      acknowledged: 0,
    });
  });

  it("carries no person identifiers in its result", () => {
    const rates = mergeSmallUnits([unit("root", null, 9, 9)]);
    expect(Object.keys(rates.rows[0]!).sort()).toEqual(["acknowledged", "mergedUnits", "name", "people", "unitId"]);
  });
});

describe("stableJson", () => {
  it("ignores key order but not values", () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } })).toBe(
      stableJson({ a: { c: 2, d: [1, { x: 2, y: 1 }] }, b: 1 }),
    );
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });
});
