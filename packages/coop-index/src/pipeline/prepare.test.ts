import { describe, expect, it } from "vitest";
import { ev, Q2_2025, unit } from "../testing.ts";
import { prepareEvents } from "./prepare.ts";

const units = [unit("A", 5), unit("B", 5)];
const Q1_2025 = { year: 2025, quarter: 1 } as const;

describe("prepareEvents: what does not count", () => {
  it("drops system and bulk-import events and counts them", () => {
    const t = prepareEvents(
      [ev("p1", "A", "o1"), ev("bot", "A", "o1", { isSystem: true }), ev("p2", "A", "o1", { isSystem: true })],
      units,
      Q2_2025,
    );
    expect(t.size).toBe(1);
    expect(t.dropped.system).toBe(2);
    expect(t.personCount).toBe(1); // the system rows never reach the index
  });

  it("drops verbs outside the qualifying list", () => {
    const t = prepareEvents([ev("p1", "A", "m1", { verb: "meeting.invited" }), ev("p1", "A", "m1")], units, Q2_2025);
    expect([t.size, t.dropped.nonQualifyingVerb]).toEqual([1, 1]);
  });

  it("drops instants without offset and instants outside the quarter (Berlin boundaries)", () => {
    const t = prepareEvents(
      [
        ev("p1", "A", "o1", { at: "2025-04-02T10:00:00" }), // no offset: invalid
        ev("p1", "A", "o1", { at: "2025-03-31T21:59:59Z" }), // 23:59:59 CEST, still Q1
        ev("p1", "A", "o1", { at: "2025-03-31T22:00:00Z" }), // 00:00 CEST, first instant of Q2
        ev("p1", "A", "o1", { at: "2025-06-30T21:59:59Z" }), // last second of Q2
        ev("p1", "A", "o1", { at: "2025-06-30T22:00:00Z" }), // Q3
      ],
      units,
      Q2_2025,
    );
    expect(t.size).toBe(2);
    expect(t.dropped.invalidTime).toBe(1);
    expect(t.dropped.outsideQuarter).toBe(2);
  });

  it("drops persons without a known unit and counts them once each", () => {
    const t = prepareEvents(
      [ev("p1", null, "o1"), ev("p1", null, "o2"), ev("p2", "GONE", "o1"), ev("p3", "B", "o1")],
      units,
      Q2_2025,
    );
    expect(t.size).toBe(1);
    expect(t.dropped.withoutUnit).toBe(3);
    expect(t.personsWithoutUnit).toBe(2); // p1 and p2
  });
});

describe("prepareEvents: document edits", () => {
  const edit = (person: string, doc: string, at: string, unitId = "A") =>
    ev(person, unitId, doc, { verb: "article.updated", at });

  it("keeps one edit per person, document and Berlin day", () => {
    const t = prepareEvents(
      [
        edit("p1", "d1", "2025-04-15T08:00:00+02:00"),
        edit("p1", "d1", "2025-04-15T08:00:30+02:00"), // autosave: collapsed
        edit("p1", "d1", "2025-04-15T17:00:00+02:00"), // same day: collapsed
        edit("p1", "d1", "2025-04-16T08:00:00+02:00"), // next day: counts
        edit("p2", "d1", "2025-04-15T08:00:00+02:00"), // other person: counts
        edit("p1", "d2", "2025-04-15T08:00:00+02:00"), // other document: counts
        ev("p1", "A", "d1", { at: "2025-04-15T09:00:00+02:00" }), // comments are never collapsed
        ev("p1", "A", "d1", { at: "2025-04-15T09:00:00+02:00" }),
      ],
      units,
      Q2_2025,
    );
    expect(t.size).toBe(6); // 8 - 2
    expect(t.dropped.documentEditsCollapsed).toBe(2);
  });

  it("uses the Berlin day, not the UTC day", () => {
    const t = prepareEvents(
      [
        edit("p1", "d1", "2025-04-01T22:30:00Z"), // Berlin 2025-04-02 00:30 (UTC day 04-01)
        edit("p1", "d1", "2025-04-02T21:59:00Z"), // Berlin 2025-04-02 23:59 (UTC day 04-02): same Berlin day
        edit("p1", "d1", "2025-04-02T22:00:00Z"), // Berlin 2025-04-03 00:00 (UTC day still 04-02): new day
      ],
      units,
      Q2_2025,
    );
    expect([t.size, t.dropped.documentEditsCollapsed]).toEqual([2, 1]);
  });

  it("gets the day right across the spring DST switch", () => {
    const t = prepareEvents(
      [
        edit("p1", "d1", "2025-03-29T22:30:00Z"), // 23:30 CET on 29 March
        edit("p1", "d1", "2025-03-29T23:30:00Z"), // 00:30 CET on 30 March: new day
        edit("p1", "d1", "2025-03-30T21:30:00Z"), // 23:30 CEST on 30 March: same day as the previous one
        edit("p1", "d1", "2025-03-30T22:30:00Z"), // 00:30 CEST on 31 March: new day
      ],
      units,
      Q1_2025,
    );
    expect([t.size, t.dropped.documentEditsCollapsed]).toEqual([3, 1]);
  });

  it("keeps the earliest duplicate whatever the input order", () => {
    // p1 moved from A to B at noon; two edits that day: the morning one (unit A) survives
    const morning = edit("p1", "d1", "2025-04-15T09:00:00+02:00", "A");
    const afternoon = edit("p1", "d1", "2025-04-15T15:00:00+02:00", "B");
    for (const events of [
      [morning, afternoon],
      [afternoon, morning],
    ]) {
      const t = prepareEvents(events, units, Q2_2025);
      expect(t.size).toBe(1);
      expect(t.unitIds[t.unit[0]!]).toBe("A");
    }
  });
});

describe("prepareEvents: indexing", () => {
  it("indexes units in sorted id order and projects as they come", () => {
    const t = prepareEvents(
      [ev("p1", "B", "o1", { projectId: "P9" }), ev("p2", "A", "o2"), ev("p1", "B", "o2", { projectId: "P1" })],
      [unit("B", 5), unit("A", 5)],
      Q2_2025,
    );
    expect(t.unitIds).toEqual(["A", "B"]);
    expect(Array.from(t.unit)).toEqual([1, 0, 1]);
    expect(Array.from(t.project)).toEqual([0, -1, 1]);
    expect(t.projectIds).toEqual(["P9", "P1"]);
    expect([t.personCount, t.objectCount]).toEqual([2, 2]);
  });
});
