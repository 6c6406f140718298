import { describe, expect, it } from "vitest";
import { addDays, berlinHour, deadlineKind, dedupeKey, emailStateFor } from "./rules.ts";

describe("notification rules", () => {
  it("builds one key per kind, object and occasion", () => {
    expect(dedupeKey("TASK_OVERDUE", "task", "t1", "2026-03-01")).toBe("TASK_OVERDUE:task:t1:2026-03-01");
  });

  it("classifies due dates against today in Berlin", () => {
    expect(deadlineKind("2026-02-28", "2026-03-01")).toBe("TASK_OVERDUE");
    expect(deadlineKind("2026-03-01", "2026-03-01")).toBe("TASK_DUE_SOON");
    expect(deadlineKind("2026-03-02", "2026-03-01")).toBe("TASK_DUE_SOON");
    expect(deadlineKind("2026-03-03", "2026-03-01")).toBeNull();
  });

  it("adds calendar days across month and year ends", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("sends e-mail only on the e-mail channel, collected when the digest is on", () => {
    expect(emailStateFor("EMAIL", false)).toBe("PENDING");
    expect(emailStateFor("EMAIL", true)).toBe("DIGEST");
    expect(emailStateFor("IN_APP", false)).toBe("NONE");
    expect(emailStateFor("OFF", true)).toBe("NONE");
  });

  it("reads the hour in Europe/Berlin, summer and winter time", () => {
    expect(berlinHour(new Date("2026-01-15T06:30:00Z"))).toBe(7);
    expect(berlinHour(new Date("2026-07-15T06:30:00Z"))).toBe(8);
  });
});
