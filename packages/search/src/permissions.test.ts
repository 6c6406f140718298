import { describe, expect, it } from "vitest";
import { buildDocument, foldDiacritics, parseDocumentId, synonymAliases } from "./documents.ts";
import { buildFilter, quote, readerFilter } from "./permissions.ts";
import { synonymMap } from "./settings.ts";

describe("readerFilter", () => {
  it("allows open documents, own projects, own units and personal reads", () => {
    expect(readerFilter({ userId: "u1", unitIds: ["a", "b"], projectIds: ["p1"] })).toBe(
      '(visibility = "all" OR projectId IN ["p1"] OR audienceUnitIds IN ["a", "b"] OR readerIds = "u1")',
    );
  });

  it("leaves out empty lists instead of writing IN []", () => {
    expect(readerFilter({ userId: "u1", unitIds: [], projectIds: [] })).toBe(
      '(visibility = "all" OR readerIds = "u1")',
    );
  });

  it("quotes values so an id cannot break out of the filter", () => {
    expect(quote('x" OR visibility = "restricted')).toBe('"x\\" OR visibility = \\"restricted"');
  });

  it("ANDs the facets with the permission filter", () => {
    const f = buildFilter({ userId: "u", unitIds: [], projectIds: [] }, { types: ["task"], years: [2026] });
    expect(f).toBe('(visibility = "all" OR readerIds = "u") AND type IN ["task"] AND year IN [2026]');
  });
});

describe("documents", () => {
  it("folds Sorbian and other diacritics", () => {
    expect(foldDiacritics("č ć ě ł ń ŕ š ś ź ž Ł")).toBe("c c e l n r s s z z L");
  });

  it("adds synonym aliases of terms that occur in the text", () => {
    expect(synonymAliases("Umsetzung des Onlinezugangsgesetzes")).toEqual([]);
    expect(synonymAliases("Das Onlinezugangsgesetz gilt")).toEqual(["ozg", "onlinezugangsgesetz"]);
  });

  it("derives id, year and date seconds", () => {
    const d = buildDocument({
      type: "task",
      objectId: "abc",
      title: "Łuk",
      body: "",
      subtitle: "",
      url: "/",
      unitIds: [],
      tags: [],
      date: new Date("2025-05-01T00:00:00Z"),
      visibility: "all",
      projectId: null,
      audienceUnitIds: [],
      readerIds: [],
    });
    expect(d).toMatchObject({ id: "task_abc", year: 2025, date: 1746057600, keywords: "Luk\n" });
    expect(parseDocumentId("org-unit_1-2")).toEqual({ type: "org-unit", objectId: "1-2" });
  });

  it("turns synonym groups into a mutual map", () => {
    expect(synonymMap([["a", "b", "c"]])).toEqual({ a: ["b", "c"], b: ["a", "c"], c: ["a", "b"] });
  });
});
