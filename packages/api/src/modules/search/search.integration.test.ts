import { buildDocument } from "@kreisnetz/search/documents";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { castProject, projectCast } from "../../../test/projects.ts";
import { attachSearch } from "../../../test/search.ts";
import { richTextFromBlocks } from "../knowledge/templates.ts";
import { SEARCH_INDEXER } from "./indexer.ts";
import { checkDrift, reindexAll } from "./reindex.ts";
import { SEARCH_SOURCES } from "./sources/index.ts";

const h = setupHarness();
const s = attachSearch(h);
let cast: Awaited<ReturnType<typeof projectCast>>;
let secretTaskId: string;
let secretProjectId: string;
let secretMeetingId: string;
let openMeetingId: string;
let openProjectId: string;

beforeAll(async () => {
  cast = await projectCast(h);
  const secret = await castProject(h, cast, { visibility: "MEMBERS" });
  secretProjectId = secret.id;
  const open = await castProject(h, cast);
  const member = await cast.as(cast.member);
  const task = await member.tasks.create({
    projectId: secret.id,
    title: "Vertrauliche Vergabe Rettungswache",
    labels: ["vergabe"],
  });
  secretTaskId = task.id;
  await member.tasks.create({ projectId: open.id, title: "Öffentliche Vergabe Kreisstraße", labels: ["vergabe"] });
  openProjectId = open.id;
  // Minutes: title, an agenda item, then its notes and decision (each write a meeting.* event).
  const minutes = async (projectId: string, title: string, item: string, notes: string, decision: string) => {
    const meeting = await member.meetings.create({ projectId, title, startsAt: "2026-03-10T09:30" });
    const added = await member.meetings.addAgendaItem({ meetingId: meeting.id, version: meeting.version, title: item });
    await member.meetings.updateAgendaItem({
      meetingId: meeting.id,
      version: added.version,
      itemId: added.agendaItems.at(-1)!.id,
      notes,
      decision,
    });
    return meeting.id;
  };
  secretMeetingId = await minutes(
    secret.id,
    "Lenkungskreis Rettungswache",
    "Standortwahl",
    "Grundstück Ziegeleiweg geprüft",
    "Beschluss: Kaufverhandlung Ziegeleiweg aufnehmen",
  );
  openMeetingId = await minutes(
    open.id,
    "Baubesprechung Kreisstraße",
    "Bauablauf",
    "Vollsperrung im Sommer",
    "Beschluss: Umleitung über Ziegeleiweg ausschildern",
  );
  await s.drain();
});

describe("search permissions", () => {
  it("never shows a members-only task to an outsider: not in results, facets or suggestions", async () => {
    const outsider = await cast.as(cast.outsider);
    const result = await outsider.search.query({ q: "Vergabe" });
    expect(result.hits.map((x) => x.title)).toEqual(["Öffentliche Vergabe Kreisstraße"]);
    expect(result.facets.type?.task).toBe(1);
    expect(result.facets.tags?.vergabe).toBe(1);
    expect(result.total).toBe(1);
    const everything = await outsider.search.query({ q: "", types: ["task"] });
    expect(everything.hits.map((x) => x.id)).not.toContain(`task_${secretTaskId}`);
    expect(await outsider.search.suggest({ q: "Vertrauliche" })).toEqual([]);
    expect((await outsider.search.query({ q: "Vertrauliche Rettungswache" })).hits).toEqual([]);
  });

  it("shows it to members, guests included", async () => {
    for (const user of [cast.member, cast.guest]) {
      const caller = await cast.as(user);
      const result = await caller.search.query({ q: "Vergabe" });
      expect(result.hits.map((x) => x.title).sort()).toEqual([
        "Vertrauliche Vergabe Rettungswache",
        "Öffentliche Vergabe Kreisstraße",
      ]);
      expect(result.facets.type?.task).toBe(2);
      expect((await caller.search.suggest({ q: "Vertrauliche" })).map((x) => x.title)).toEqual([
        "Vertrauliche Vergabe Rettungswache",
      ]);
    }
  });

  it("does not show it to an admin who is not a member", async () => {
    const admin = await cast.as(cast.admin);
    expect((await admin.search.query({ q: "Vertrauliche" })).hits).toEqual([]);
  });

  it("re-checks hits in PostgreSQL when the index is stale", async () => {
    // The index wrongly says "all" (as if a visibility change had not been indexed yet).
    const [doc] = (await SEARCH_SOURCES.find((x) => x.type === "task")!.load(h.services.db, [secretTaskId])).values();
    await s.engine.upsert([{ ...doc!, visibility: "all" }]);
    const outsider = await cast.as(cast.outsider);
    const result = await outsider.search.query({ q: "Vertrauliche Rettungswache" });
    expect(result.hits).toEqual([]);
    expect(await outsider.search.suggest({ q: "Vertrauliche" })).toEqual([]);
    await s.engine.upsert([doc!]);
  });

  it("reindexes a project's tasks when its visibility changes", async () => {
    const lead = await cast.as(cast.lead);
    await lead.projects.update({ id: secretProjectId, visibility: "ALL_STAFF" });
    await s.drain();
    const outsider = await cast.as(cast.outsider);
    expect((await outsider.search.query({ q: "Vertrauliche" })).hits.map((x) => x.id)).toEqual([
      `task_${secretTaskId}`,
    ]);
    await lead.projects.update({ id: secretProjectId, visibility: "MEMBERS" });
    await s.drain();
    expect((await outsider.search.query({ q: "Vertrauliche" })).hits).toEqual([]);
  });

  it("never shows members-only minutes to an outsider: not in results, facets or suggestions", async () => {
    const outsider = await cast.as(cast.outsider);
    // "Ziegeleiweg" is only in agenda notes and decisions: both minutes match it for members.
    const result = await outsider.search.query({ q: "Ziegeleiweg" });
    expect(result.hits.map((x) => x.id)).toEqual([`minutes_${openMeetingId}`]);
    expect(result.hits[0]).toMatchObject({
      type: "minutes",
      title: "Baubesprechung Kreisstraße",
      url: `/projects/${openProjectId}/meetings/${openMeetingId}`,
    });
    expect(result.facets.type?.minutes).toBe(1);
    expect(result.total).toBe(1);
    const everything = await outsider.search.query({ q: "", types: ["minutes"] });
    expect(everything.hits.map((x) => x.id)).not.toContain(`minutes_${secretMeetingId}`);
    expect(everything.facets.type?.minutes).toBe(1);
    expect(await outsider.search.suggest({ q: "Lenkungskreis" })).toEqual([]);
    expect((await outsider.search.query({ q: "Kaufverhandlung" })).hits).toEqual([]);
    expect((await (await cast.as(cast.admin)).search.query({ q: "Lenkungskreis" })).hits).toEqual([]);
  });

  it("shows members-only minutes to members, found by decision text, linking to the meeting page", async () => {
    for (const user of [cast.member, cast.guest]) {
      const caller = await cast.as(user);
      const result = await caller.search.query({ q: "Ziegeleiweg" });
      expect(result.hits.map((x) => x.id).sort()).toEqual(
        [`minutes_${openMeetingId}`, `minutes_${secretMeetingId}`].sort(),
      );
      expect(result.facets.type?.minutes).toBe(2);
      const decision = await caller.search.query({ q: "Kaufverhandlung" });
      expect(decision.hits[0]).toMatchObject({
        id: `minutes_${secretMeetingId}`,
        url: `/projects/${secretProjectId}/meetings/${secretMeetingId}`,
      });
      expect((await caller.search.suggest({ q: "Lenkungskreis" })).map((x) => x.title)).toEqual([
        "Lenkungskreis Rettungswache",
      ]);
    }
  });

  it("re-indexes dependents when a name changes: a unit's projects, a project's tasks and minutes", async () => {
    const admin = await cast.as(cast.admin);
    await admin.orgUnits.rename({ id: cast.lead.unitId, name: "Fachbereich Zukunftsbau" });
    await (await cast.as(cast.lead)).projects.update({ id: openProjectId, title: "Sanierungsprogramm Kreisstraßen" });
    await s.drain();
    const member = await cast.as(cast.member);
    const byUnit = await member.search.query({ q: "Zukunftsbau", types: ["project"] });
    expect(byUnit.hits.map((x) => x.id)).toContain(`project_${openProjectId}`);
    expect(byUnit.hits.find((x) => x.id === `project_${openProjectId}`)!.subtitle).toContain("Fachbereich Zukunftsbau");
    const task = await member.search.query({ q: "Öffentliche Vergabe Kreisstraße", types: ["task"] });
    expect(task.hits[0]!.subtitle).toContain("Sanierungsprogramm Kreisstraßen");
    const minutes = await member.search.query({ q: "Baubesprechung", types: ["minutes"] });
    expect(minutes.hits[0]).toMatchObject({ id: `minutes_${openMeetingId}` });
    expect(minutes.hits[0]!.subtitle).toContain("Sanierungsprogramm Kreisstraßen");
  });

  it("never spells a suggestion with words of documents the reader may not see", async () => {
    const member = await cast.as(cast.member);
    expect((await member.search.query({ q: "Vertrauliche Raumschiffwerft" })).didYouMean).toBe("Vertrauliche");
    const outsider = await cast.as(cast.outsider);
    const result = await outsider.search.query({ q: "Vertrauliche Raumschiffwerft" });
    expect(result.hits).toEqual([]);
    expect(result.didYouMean ?? "").not.toMatch(/Vertraulich|Rettungswache/);
  });

  it("refuses anonymous callers", async () => {
    await expect(h.anonymousCaller().search.query({ q: "x" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("task index writes", () => {
  it("writes a task's document when its content changes, not when it is moved or commented", async () => {
    const member = await cast.as(cast.member);
    const task = await member.tasks.create({ projectId: openProjectId, title: "Streusalz bestellen" });
    const board = await member.tasks.board({ projectId: openProjectId });
    const moved = await member.tasks.move({
      id: task.id,
      version: task.version,
      stateId: board.columns.at(-1)!.id,
      position: 1,
    });
    await member.taskDetails.addComment({ taskId: task.id, body: "Liefertermin erfragt" });
    await member.tasks.update({ id: task.id, version: moved.version, title: "Streusalz und Splitt bestellen" });
    await s.drain();
    const deliveries = async (verb: string) =>
      h.services.db.eventDelivery.count({ where: { handler: SEARCH_INDEXER, event: { verb, objectId: task.id } } });
    expect(await h.services.db.activityEvent.count({ where: { objectId: task.id, verb: "task.moved" } })).toBe(1);
    expect(await deliveries("task.moved")).toBe(0);
    expect(await deliveries("task.commented")).toBe(0);
    expect(await deliveries("task.created")).toBe(1);
    expect(await deliveries("task.updated")).toBe(1);
    const hits = (await member.search.query({ q: "Splitt" })).hits.map((x) => [x.id, x.title]);
    expect(hits).toEqual([[`task_${task.id}`, "Streusalz und Splitt bestellen"]]);
  });
});

describe("knowledge articles in search", () => {
  it("finds a new article with a misspelled query, highlights it, and offers 'meinten Sie'", async () => {
    const editor = await h.userWith(["STAFF", "EDITOR"]);
    const caller = await h.callerFor(editor);
    await caller.knowledge.createSpace({ key: "personal", name: "Personal" });
    const article = await caller.knowledge.create({
      spaceKey: "personal",
      title: "Urlaubsantrag im Personalportal",
      template: "ANLEITUNG",
      content: richTextFromBlocks([{ p: "Erholungsurlaub beantragen Sie über das Personalportal." }]),
      tags: ["urlaub"],
    });
    await s.drain();
    const reader = await cast.as(cast.outsider);
    const result = await reader.search.query({ q: "Urlaubsantarg" });
    expect(result.hits[0]).toMatchObject({ id: `article_${article.id}`, url: `/knowledge/a/${article.id}` });
    expect(result.hits[0]!.titleHtml).toContain("<mark>");
    const typed = await reader.search.suggest({ q: "Urlaubsan" });
    expect(typed.map((x) => x.title)).toContain("Urlaubsantrag im Personalportal");
    const none = await reader.search.query({ q: "Urlaubsantrag Raumschiffwerft" });
    expect(none.hits.map((x) => x.title)).toContain("Urlaubsantrag im Personalportal");
    // "Meinten Sie": the words as the typo-tolerant match spelled them; unknown words left out.
    expect(none.didYouMean).toBe("Urlaubsantrag");
    expect((await reader.search.query({ q: "Urlaubsantarg Raumschiffwerft" })).didYouMean).toBe("Urlaubsantrag");
    expect((await reader.search.query({ q: "Personalportl Raumschiffwerft" })).didYouMean).toBe("Personalportal");
  });
});

describe("reindex and drift", () => {
  it("rebuilds into a new index, swaps it in, and reports drift", async () => {
    // People and units made by the test factories bypass the event log: drift.
    await s.drain();
    const first = await checkDrift(h.services.db, s.engine, SEARCH_SOURCES);
    expect(first.missing.length).toBeGreaterThan(0);
    expect(first.missing.every((id) => id.startsWith("person_") || id.startsWith("unit_"))).toBe(true);
    await reindexAll(h.services.db, s.engine, SEARCH_SOURCES);
    const before = await checkDrift(h.services.db, s.engine, SEARCH_SOURCES);
    expect(before.missing).toEqual([]);
    expect(before.extra).toEqual([]);
    await s.engine.delete([`task_${secretTaskId}`]);
    await s.engine.upsert([
      buildDocument({
        type: "task",
        objectId: "00000000-0000-4000-8000-000000000000",
        title: "Gibt es nicht",
        body: "",
        subtitle: "",
        url: "/",
        unitIds: [],
        tags: [],
        date: new Date(),
        visibility: "all",
        projectId: null,
        audienceUnitIds: [],
        readerIds: [],
      }),
    ]);
    const drift = await checkDrift(h.services.db, s.engine, SEARCH_SOURCES);
    expect(drift.missing).toEqual([`task_${secretTaskId}`]);
    expect(drift.extra).toEqual(["task_00000000-0000-4000-8000-000000000000"]);
    const progress: number[] = [];
    const result = await reindexAll(h.services.db, s.engine, SEARCH_SOURCES, (p) => progress.push(p.done));
    expect(progress.at(-1)).toBe(result.documents);
    const after = await checkDrift(h.services.db, s.engine, SEARCH_SOURCES);
    expect(after).toMatchObject({ missing: [], extra: [], database: result.documents, index: result.documents });
  });
});
