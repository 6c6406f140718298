import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  berlinDate,
  berlinMidnight,
  isoDateToDayNumber,
  isQuarterFrozen,
  isWorkingDay,
  nextQuarter,
  previousQuarter,
  quarterBounds,
  quarterLabel,
  quarterOf,
  sameQuarterLastYear,
  snapshotFreezeDate,
  toEpochMs,
} from "./quarters.ts";

describe("Berlin days across DST", () => {
  it("puts instants on the Berlin calendar day, not the UTC one", () => {
    // 2025-03-30: clocks go 02:00 CET -> 03:00 CEST (01:00 UTC)
    expect(berlinDate("2025-03-29T22:59:59Z")).toBe("2025-03-29"); // 23:59:59 CET
    expect(berlinDate("2025-03-29T23:00:00Z")).toBe("2025-03-30"); // 00:00 CET
    expect(berlinDate("2025-03-30T21:59:59Z")).toBe("2025-03-30"); // 23:59:59 CEST
    expect(berlinDate("2025-03-30T22:00:00Z")).toBe("2025-03-31"); // 00:00 CEST
    // 2024-10-27: clocks go 03:00 CEST -> 02:00 CET (01:00 UTC); that day has 25 hours
    expect(berlinDate("2024-10-26T22:00:00Z")).toBe("2024-10-27"); // 00:00 CEST
    expect(berlinDate("2024-10-27T22:59:59Z")).toBe("2024-10-27"); // 23:59:59 CET
    expect(berlinDate("2024-10-27T23:00:00Z")).toBe("2024-10-28");
    expect(berlinDate(new Date("2025-07-01T21:59:00Z"))).toBe("2025-07-01");
  });

  it("finds local midnight on either side of a switch", () => {
    expect(berlinMidnight("2025-03-30").toISOString()).toBe("2025-03-29T23:00:00.000Z");
    expect(berlinMidnight("2025-03-31").toISOString()).toBe("2025-03-30T22:00:00.000Z");
    expect(berlinMidnight("2024-10-27").toISOString()).toBe("2024-10-26T22:00:00.000Z");
    expect(berlinMidnight("2024-10-28").toISOString()).toBe("2024-10-27T23:00:00.000Z");
  });

  it("refuses strings without an offset and impossible dates", () => {
    expect(toEpochMs("2025-04-02T10:00:00")).toBeNaN();
    expect(toEpochMs("2025-04-02")).toBeNaN();
    expect(toEpochMs("2025-04-02T10:00:00+02:00")).toBe(Date.parse("2025-04-02T08:00:00Z"));
    expect(() => isoDateToDayNumber("2025-02-30")).toThrow(RangeError);
    expect(() => berlinDate("yesterday")).toThrow(RangeError);
  });
});

describe("quarters", () => {
  it("has bounds at Berlin midnight, end exclusive", () => {
    const q1 = quarterBounds({ year: 2025, quarter: 1 });
    expect(q1.start.toISOString()).toBe("2024-12-31T23:00:00.000Z"); // CET
    expect(q1.end.toISOString()).toBe("2025-03-31T22:00:00.000Z"); // CEST
    expect([q1.firstDay, q1.lastDay]).toEqual(["2025-01-01", "2025-03-31"]);
    const q4 = quarterBounds({ year: 2024, quarter: 4 });
    expect(q4.start.toISOString()).toBe("2024-09-30T22:00:00.000Z");
    expect(q4.end.toISOString()).toBe("2024-12-31T23:00:00.000Z");
    expect(q4.lastDay).toBe("2024-12-31");
  });

  it("assigns instants to quarters in Berlin time", () => {
    expect(quarterOf("2025-03-31T21:59:59Z")).toEqual({ year: 2025, quarter: 1 }); // 23:59:59 CEST
    expect(quarterOf("2025-03-31T22:00:00Z")).toEqual({ year: 2025, quarter: 2 });
    expect(quarterOf("2024-12-31T23:30:00Z")).toEqual({ year: 2025, quarter: 1 }); // 00:30 CET, new year
  });

  it("steps to neighbouring quarters and the same quarter last year", () => {
    expect(previousQuarter({ year: 2025, quarter: 1 })).toEqual({ year: 2024, quarter: 4 });
    expect(previousQuarter({ year: 2025, quarter: 3 })).toEqual({ year: 2025, quarter: 2 });
    expect(nextQuarter({ year: 2024, quarter: 4 })).toEqual({ year: 2025, quarter: 1 });
    expect(sameQuarterLastYear({ year: 2025, quarter: 2 })).toEqual({ year: 2024, quarter: 2 });
    expect(quarterLabel({ year: 2025, quarter: 2 })).toBe("Q2/2025");
    expect(() => quarterLabel({ year: 2025, quarter: 5 as 1 })).toThrow(RangeError);
  });
});

describe("working days and the snapshot freeze", () => {
  it("counts Monday to Friday without holidays", () => {
    expect(isWorkingDay("2025-07-11")).toBe(true); // Friday
    expect(isWorkingDay("2025-07-12")).toBe(false); // Saturday
    expect(isWorkingDay("2025-07-13")).toBe(false); // Sunday
    expect(isWorkingDay("2025-10-03", ["2025-10-03"])).toBe(false); // Tag der Deutschen Einheit
    expect(addWorkingDays("2025-07-04", 1)).toBe("2025-07-07"); // Fri -> Mon
    expect(addWorkingDays("2025-07-05", 5)).toBe("2025-07-11"); // Sat -> Mon(1) .. Fri(5)
    expect(addWorkingDays("2025-10-01", 5, new Set(["2025-10-03"]))).toBe("2025-10-09");
    expect(addWorkingDays("2025-10-01", 0)).toBe("2025-10-01");
  });

  it("freezes at quarter end + 10 working days", () => {
    // Q2/2025 ends Mon 30 June; Jul 1,2,3,4, 7,8,9,10,11, 14 -> Mon 14 July
    expect(snapshotFreezeDate({ year: 2025, quarter: 2 })).toBe("2025-07-14");
    // Q4/2024 ends Tue 31 Dec; with Neujahr: Jan 2,3, 6,7,8,9,10, 13,14,15 -> 15 January
    expect(snapshotFreezeDate({ year: 2024, quarter: 4 }, ["2025-01-01"])).toBe("2025-01-15");
    expect(snapshotFreezeDate({ year: 2024, quarter: 4 })).toBe("2025-01-14");
  });

  it("is frozen from the Berlin midnight after the freeze date", () => {
    const q = { year: 2025, quarter: 2 } as const;
    expect(isQuarterFrozen(q, "2025-07-14T21:59:59Z")).toBe(false); // 23:59:59 on the 14th
    expect(isQuarterFrozen(q, "2025-07-14T22:00:00Z")).toBe(true); // 00:00 on the 15th
  });
});
