import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { buildDocument, foldDiacritics, type TDocumentInput } from "./documents.ts";
import type { MeiliSearchEngine } from "./meilisearch.server.ts";
import { buildFilter, type TReader } from "./permissions.ts";
import { FACETS } from "./settings.ts";
import { createTestEngine } from "./testing.ts";

const base: Omit<TDocumentInput, "objectId" | "title" | "body"> = {
  type: "article",
  subtitle: "",
  url: "/x",
  unitIds: ["u-it"],
  tags: [],
  date: new Date("2026-03-01T00:00:00Z"),
  visibility: "all",
  projectId: null,
  audienceUnitIds: [],
  readerIds: [],
};
const doc = (objectId: string, title: string, body = "", extra: Partial<TDocumentInput> = {}) =>
  buildDocument({ ...base, objectId, title, body, ...extra });

const outsider: TReader = { userId: "nobody", unitIds: ["u-other"], projectIds: [] };
const member: TReader = { userId: "m1", unitIds: ["u-other"], projectIds: ["p-secret"] };

let engine: MeiliSearchEngine;
beforeAll(async () => {
  engine = await createTestEngine(inject("meiliHost"), inject("meiliMasterKey"));
  await engine.upsert([
    doc("a1", "Urlaubsantrag stellen", "So beantragen Sie Erholungsurlaub im Personalportal."),
    doc("a2", "Einführung der E-Akte", "Das Dokumentenmanagement wird im Fachbereich Bauen eingeführt."),
    doc("a3", "Onlinezugangsgesetz umsetzen", "Leistungen digital anbieten, Antragsstrecken."),
    doc("a4", "Kontakt: Šćěpan Łužyca", "Ansprechpartner für sorbische Übersetzungen."),
    doc("a5", "Drucker <script>alert(1)</script> einrichten", "Netzwerkdrucker im ADV-Netz."),
    doc("t1", "Geheimes Vergabeverfahren Rettungswache", "", {
      type: "task",
      visibility: "restricted",
      projectId: "p-secret",
      tags: ["vergabe"],
    }),
    doc("n1", "Neue Satzung", "", { type: "news", visibility: "restricted", audienceUnitIds: ["u-bau"] }),
  ]);
});
afterAll(async () => {
  await engine?.dropAll();
});

const titles = async (q: string, reader: TReader = outsider) =>
  (await engine.search({ q, filter: buildFilter(reader) })).hits.map((h) => h.document.title);

describe("German settings on a real Meilisearch", () => {
  it("forgives typos in German words", async () => {
    expect(await titles("Urlaubsantarg")).toContain("Urlaubsantrag stellen");
    expect(await titles("Onlinezugangsgestz")).toContain("Onlinezugangsgesetz umsetzen");
  });

  it("finds administration synonyms (OZG, DMS, IT)", async () => {
    expect(await titles("OZG")).toContain("Onlinezugangsgesetz umsetzen");
    expect(await titles("DMS")).toContain("Einführung der E-Akte");
    expect(await titles("IT Drucker")).toContain("Drucker <script>alert(1)</script> einrichten");
  });

  it("matches Sorbian names typed without diacritics and with a typo", async () => {
    expect(foldDiacritics("Šćěpan Łužyca")).toBe("Scepan Luzyca");
    expect(await titles("Scepan")).toContain("Kontakt: Šćěpan Łužyca");
    expect(await titles("Luzyca")).toContain("Kontakt: Šćěpan Łužyca");
    expect(await titles("Scepna Luzica")).toContain("Kontakt: Šćěpan Łužyca");
  });

  it("highlights matches and escapes HTML from the document", async () => {
    const { hits } = await engine.search({ q: "Drucker", filter: buildFilter(outsider) });
    expect(hits[0]!.highlight.title).toBe("<mark>Drucker</mark> &lt;script&gt;alert(1)&lt;/script&gt; einrichten");
  });

  it("drops stop words instead of matching every document", async () => {
    const result = await engine.search({ q: "und der die", filter: buildFilter(outsider), matching: "all" });
    expect(result.hits).toHaveLength(0);
  });
});

describe("permission filter", () => {
  it("keeps a members-only task out of results, facets and suggestions for an outsider", async () => {
    const result = await engine.search({ q: "Vergabeverfahren", filter: buildFilter(outsider), facets: FACETS });
    expect(result.hits).toHaveLength(0);
    expect(result.facets.type?.task ?? 0).toBe(0);
    const all = await engine.search({ q: "", filter: buildFilter(outsider), facets: FACETS });
    expect(all.facets.type?.task ?? 0).toBe(0);
    expect(all.facets.tags?.vergabe ?? 0).toBe(0);
    expect(await engine.suggest("Geheim", buildFilter(outsider))).toEqual([]);
  });

  it("shows the task to a project member and news to its audience unit", async () => {
    expect(await titles("Vergabeverfahren", member)).toEqual(["Geheimes Vergabeverfahren Rettungswache"]);
    expect((await engine.suggest("Geheim", buildFilter(member))).map((s) => s.title)).toEqual([
      "Geheimes Vergabeverfahren Rettungswache",
    ]);
    expect(await titles("Satzung")).toEqual([]);
    expect(await titles("Satzung", { userId: "x", unitIds: ["u-bau"], projectIds: [] })).toEqual(["Neue Satzung"]);
    expect(await titles("Satzung", { userId: "x", unitIds: [], projectIds: [] })).toEqual([]);
  });

  it("filters by facet and sorts by date", async () => {
    const r = await engine.search({
      q: "",
      filter: buildFilter(member, { types: ["task"] }),
      sort: "date",
      facets: FACETS,
    });
    expect(r.hits.map((h) => h.document.objectId)).toEqual(["t1"]);
  });

  it("swaps a rebuilt index in atomically", async () => {
    const shadow = await engine.createShadowIndex();
    await engine.upsert([doc("z1", "Nur im neuen Index")], shadow);
    await engine.swapIn(shadow);
    expect(await titles("neuen Index")).toEqual(["Nur im neuen Index"]);
    expect(await engine.allIds()).toEqual(["article_z1"]);
  });
});
