import { describe, expect, it } from "vitest";
import { diffLines, linkedArticleIds, pickHandoverOwner, reviewStage, verificationStatus } from "./rules.ts";
import { richTextFromBlocks } from "./templates.ts";
import { canVerify, canWriteInSpace } from "./policy.ts";

const A = "0b7c1c1e-8f9a-4d6b-9a1e-111111111111";
const B = "0b7c1c1e-8f9a-4d6b-9a1e-222222222222";

describe("linkedArticleIds", () => {
  it("finds article links, ignores other links and duplicates", () => {
    const state = richTextFromBlocks([
      { link: { text: "Urlaub", url: `/knowledge/a/${A}` } },
      { link: { text: "nochmal", url: `/knowledge/a/${A}#abschnitt` } },
      { link: { text: "extern", url: "https://example.org/knowledge/a/" + B } },
      { link: { text: "B", url: `/knowledge/a/${B.toUpperCase()}` } },
    ]);
    expect(linkedArticleIds(state)).toEqual([A, B]);
  });
});

describe("diffLines", () => {
  it("marks added and removed lines around unchanged ones", () => {
    expect(diffLines("a\nb\nc", "a\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "same", text: "c" },
      { op: "added", text: "d" },
    ]);
    expect(diffLines("", "x")).toEqual([{ op: "added", text: "x" }]);
  });
});

describe("verificationStatus", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("is unverified, verified or due", () => {
    expect(verificationStatus({ verifiedAt: null, reviewDueAt: null }, now)).toBe("unverified");
    expect(verificationStatus({ verifiedAt: new Date("2026-01-01"), reviewDueAt: new Date("2027-01-01") }, now)).toBe(
      "verified",
    );
    expect(verificationStatus({ verifiedAt: new Date("2025-01-01"), reviewDueAt: new Date("2026-01-01") }, now)).toBe(
      "due",
    );
    expect(verificationStatus({ verifiedAt: new Date("2025-01-01"), reviewDueAt: null }, now)).toBe("due");
  });
});

describe("pickHandoverOwner", () => {
  it("prefers leadership, then the first editor by name", () => {
    expect(
      pickHandoverOwner([
        { id: "e2", roles: ["STAFF", "EDITOR"], name: "Zora" },
        { id: "e1", roles: ["STAFF", "EDITOR"], name: "Anna" },
        { id: "l", roles: ["STAFF", "LEADERSHIP"], name: "Max" },
      ]),
    ).toBe("l");
    expect(
      pickHandoverOwner([
        { id: "e2", roles: ["EDITOR"], name: "Zora" },
        { id: "e1", roles: ["EDITOR"], name: "Anna" },
      ]),
    ).toBe("e1");
    expect(pickHandoverOwner([{ id: "s", roles: ["STAFF"], name: "Sam" }])).toBeNull();
  });
});

describe("policy", () => {
  it("lets everybody write in open spaces and only the unit (or editors) in unit spaces", () => {
    const staff = { roles: ["STAFF"] as const, unitAncestry: ["sg", "fb"] };
    expect(canWriteInSpace(staff, { access: "OPEN", unitId: null })).toBe(true);
    expect(canWriteInSpace(staff, { access: "UNIT", unitId: "fb" })).toBe(true);
    expect(canWriteInSpace(staff, { access: "UNIT", unitId: "other" })).toBe(false);
    expect(canWriteInSpace({ roles: ["EDITOR"], unitAncestry: [] }, { access: "UNIT", unitId: "other" })).toBe(true);
    expect(canVerify(staff)).toBe(false);
    expect(canVerify({ roles: ["EDITOR"] })).toBe(true);
  });
});

describe("reviewStage", () => {
  it("is nothing before the last week, soon within it, due from the day on", () => {
    expect(reviewStage("2026-05-20", "2026-05-12")).toBeNull();
    expect(reviewStage("2026-05-20", "2026-05-13")).toBe("soon");
    expect(reviewStage("2026-05-20", "2026-05-19")).toBe("soon");
    expect(reviewStage("2026-05-20", "2026-05-20")).toBe("due");
    expect(reviewStage("2026-03-02", "2026-02-23")).toBe("soon");
    expect(reviewStage("2026-05-20", "2026-06-01")).toBe("due");
  });
});
