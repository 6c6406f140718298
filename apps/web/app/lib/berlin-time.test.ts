import { describe, expect, it } from "vitest";
import { fromBerlinLocal, toBerlinLocal } from "./berlin-time.ts";

describe("Berlin wall-clock times", () => {
  it("converts winter and summer times to UTC and back", () => {
    expect(fromBerlinLocal("2026-12-01T09:30")?.toISOString()).toBe("2026-12-01T08:30:00.000Z");
    expect(fromBerlinLocal("2026-07-01T09:30")?.toISOString()).toBe("2026-07-01T07:30:00.000Z");
    expect(toBerlinLocal(new Date("2026-07-01T07:30:00Z"))).toBe("2026-07-01T09:30");
    expect(toBerlinLocal(null)).toBe("");
  });
  it("rejects other text", () => {
    expect(fromBerlinLocal("morgen")).toBeNull();
    expect(fromBerlinLocal("")).toBeNull();
  });
});
