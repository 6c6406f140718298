import { createUnit, createUser, type TCreatedUser } from "@kreisnetz/seeds/factories";
import type { TCreatePostInput } from "@kreisnetz/shared/schemas/news";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { failure } from "../../../test/projects.ts";
import { describeError } from "../../errors.ts";
import { publishDue } from "./service.ts";

const h = setupHarness();

const text = (value: string) => ({
  type: "text",
  version: 1,
  text: value,
  format: 0,
  detail: 0,
  mode: "normal",
  style: "",
});
const body = (value: string) => ({
  root: {
    type: "root",
    version: 1,
    direction: "ltr",
    format: "",
    indent: 0,
    children: [{ type: "paragraph", version: 1, direction: "ltr", format: "", indent: 0, children: [text(value)] }],
  },
});

/** A unit tree A > A1, a separate unit B, people of every role. */
let cast: {
  unitA: string;
  unitA1: string;
  unitB: string;
  author: TCreatedUser;
  colleague: TCreatedUser;
  subunitStaff: TCreatedUser;
  outsider: TCreatedUser;
  editor: TCreatedUser;
  leadership: TCreatedUser;
  admin: TCreatedUser;
};

beforeAll(async () => {
  const db = h.services.db;
  const unitA = (await createUnit(db, { name: "FB Bau und Planung" })).id;
  const unitA1 = (await createUnit(db, { name: "SG Bauleitplanung", parentId: unitA })).id;
  const unitB = (await createUnit(db, { name: "Kämmerei" })).id;
  cast = {
    unitA,
    unitA1,
    unitB,
    author: await createUser(db, { unitId: unitA, name: "Anna Autorin" }),
    colleague: await createUser(db, { unitId: unitA }),
    subunitStaff: await createUser(db, { unitId: unitA1 }),
    outsider: await createUser(db, { unitId: unitB }),
    editor: await h.userWith(["STAFF", "EDITOR"]),
    leadership: await h.userWith(["STAFF", "LEADERSHIP"], unitA),
    admin: await h.userWith(["STAFF", "ADMIN"], unitA),
  };
});

const as = (user: TCreatedUser, locale?: "de" | "dsb" | "en") => h.callerFor(user, { locale });

function input(overrides: Partial<TCreatePostInput> = {}): TCreatePostInput {
  return {
    kind: "NEWS",
    title: "Neue Öffnungszeiten der Kantine",
    teaser: "Ab Januar länger geöffnet.",
    body: body("Die Kantine öffnet ab Januar um 7 Uhr."),
    audience: "ALL",
    unitIds: [],
    storyUnitIds: [],
    teamOfMonth: false,
    ...overrides,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return describeError(await failure(promise)).code;
}

/** Creates a post as the author and publishes it through the editor. */
async function published(overrides: Partial<TCreatePostInput> = {}) {
  const post = await (await as(cast.author)).news.create(input(overrides));
  await (await as(cast.author)).news.submit({ id: post.id });
  return (await as(cast.editor)).news.publish({ id: post.id });
}

async function eventsOf(id: string) {
  return h.services.db.activityEvent.findMany({ where: { objectId: id }, orderBy: { id: "asc" } });
}
async function auditOf(id: string) {
  return h.services.db.auditLog.findMany({ where: { objectId: id }, orderBy: { createdAt: "asc" } });
}

describe("drafts", () => {
  it("are visible to their author and editors only", async () => {
    const draft = await (await as(cast.author)).news.create(input());
    expect(draft).toMatchObject({ status: "DRAFT", author: { id: cast.author.id }, can: { edit: true } });
    expect(draft.html).toContain("Die Kantine öffnet");

    for (const other of [cast.colleague, cast.subunitStaff, cast.outsider, cast.leadership, cast.admin]) {
      const caller = await as(other);
      expect(await codeOf(caller.news.get({ id: draft.id }))).toBe("NOT_FOUND");
      expect((await caller.news.list({ kind: "NEWS", limit: 100 })).map((p) => p.id)).not.toContain(draft.id);
      expect((await caller.news.feed()).items.map((p) => p.id)).not.toContain(draft.id);
      expect(await codeOf(caller.news.submit({ id: draft.id }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.news.update({ ...input({ title: "Übernommen" }), id: draft.id }))).toBe("NOT_FOUND");
    }
    const editorView = await (await as(cast.editor)).news.get({ id: draft.id });
    expect(editorView.actions).toContain("publish");
    expect((await (await as(cast.author)).news.mine()).map((p) => p.id)).toContain(draft.id);
  });

  it("refuses anonymous callers", async () => {
    expect(await codeOf(h.anonymousCaller().news.list({ kind: "NEWS", limit: 10 }))).toBe("UNAUTHORIZED");
    expect(await codeOf(h.anonymousCaller().news.create(input()))).toBe("UNAUTHORIZED");
    expect(await codeOf(h.anonymousCaller().news.atomEntries())).toBe("UNAUTHORIZED");
  });

  it("refuses bad rich text and a units audience without units, changing nothing", async () => {
    const before = await h.services.db.newsPost.count();
    const caller = await as(cast.author);
    const bad = await failure(caller.news.create(input({ body: { root: { type: "script", children: [] } } })));
    expect(describeError(bad)).toMatchObject({ code: "BAD_INPUT", messageKey: "news.richText.MISSING_ROOT" });
    expect(await codeOf(caller.news.create(input({ audience: "UNITS", unitIds: [] })))).toBe("BAD_INPUT");
    expect(await codeOf(caller.news.create(input({ teamOfMonth: true })))).toBe("FORBIDDEN");
    expect(await h.services.db.newsPost.count()).toBe(before);
  });
});

describe("editorial workflow", () => {
  it("goes through review, changes, approval and publication with events and audit rows", async () => {
    const author = await as(cast.author);
    const editor = await as(cast.editor);
    const post = await author.news.create(input());
    expect((await author.news.submit({ id: post.id })).status).toBe("IN_REVIEW");
    expect(await codeOf(author.news.approve({ id: post.id }))).toBe("FORBIDDEN");
    expect(await codeOf((await as(cast.leadership)).news.approve({ id: post.id }))).toBe("FORBIDDEN");
    expect(await codeOf((await as(cast.admin)).news.publish({ id: post.id }))).toBe("FORBIDDEN");
    expect((await editor.news.reviewQueue()).map((p) => p.id)).toContain(post.id);
    expect(await codeOf(author.news.reviewQueue())).toBe("FORBIDDEN");

    const changes = await editor.news.requestChanges({ id: post.id, note: "Bitte Uhrzeit prüfen." });
    expect(changes).toMatchObject({ status: "CHANGES_REQUESTED", reviewNote: "Bitte Uhrzeit prüfen." });
    await author.news.update({ ...input({ body: body("Die Kantine öffnet ab Januar um 6:30 Uhr.") }), id: post.id });
    await author.news.submit({ id: post.id });
    expect((await editor.news.approve({ id: post.id })).status).toBe("APPROVED");
    expect(await codeOf(author.news.update({ ...input(), id: post.id }))).toBe("FORBIDDEN");
    expect((await editor.news.publish({ id: post.id })).status).toBe("PUBLISHED");
    expect((await editor.news.archive({ id: post.id })).status).toBe("ARCHIVED");
    expect(await codeOf(editor.news.publish({ id: post.id }))).toBe("BAD_INPUT");

    const verbs = (await eventsOf(post.id)).map((e) => e.verb);
    expect(verbs).toEqual([
      "news.created",
      "news.submitted",
      "news.changes-requested",
      "news.updated",
      "news.submitted",
      "news.approved",
      "news.published",
      "news.archived",
    ]);
    expect((await eventsOf(post.id)).every((e) => e.objectType === "news-post")).toBe(true);
    expect((await auditOf(post.id)).map((a) => a.action)).toEqual([
      "news.submitted",
      "news.changes-requested",
      "news.submitted",
      "news.approved",
      "news.published",
      "news.archived",
    ]);
  });

  it("refuses steps out of order and schedules in the past", async () => {
    const post = await (await as(cast.author)).news.create(input());
    const editor = await as(cast.editor);
    expect(await codeOf(editor.news.archive({ id: post.id }))).toBe("BAD_INPUT");
    expect(await codeOf(editor.news.approve({ id: post.id }))).toBe("BAD_INPUT");
    await (await as(cast.author)).news.submit({ id: post.id });
    const past = await failure(editor.news.schedule({ id: post.id, publishAt: new Date(Date.now() - 60_000) }));
    expect(describeError(past)).toMatchObject({ code: "BAD_INPUT", messageKey: "news.error.publishAtPast" });
    expect((await h.services.db.newsPost.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("IN_REVIEW");
  });

  it("publishes a scheduled post when its time comes (queries at once, the timer job records it)", async () => {
    const post = await (await as(cast.author)).news.create(input({ title: "Geplante Meldung" }));
    await (await as(cast.author)).news.submit({ id: post.id });
    const editor = await as(cast.editor);
    await editor.news.approve({ id: post.id });
    const scheduled = await editor.news.schedule({ id: post.id, publishAt: new Date(Date.now() + 3_600_000) });
    expect(scheduled.status).toBe("SCHEDULED");
    const reader = await as(cast.colleague);
    expect(await codeOf(reader.news.get({ id: post.id }))).toBe("NOT_FOUND");

    const due = new Date(Date.now() - 1000);
    await h.services.db.newsPost.update({ where: { id: post.id }, data: { publishAt: due, publishedAt: due } });
    expect((await reader.news.get({ id: post.id })).shownStatus).toBe("PUBLISHED");
    expect((await reader.news.feed()).items.map((p) => p.id)).toContain(post.id);

    const flipped = await publishDue(h.services.db, h.services.events);
    expect(flipped.published).toContain(post.id);
    expect((await h.services.db.newsPost.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("PUBLISHED");
    const last = (await eventsOf(post.id)).at(-1)!;
    expect(last).toMatchObject({ verb: "news.published", actorId: null });
    expect((await publishDue(h.services.db, h.services.events)).published).not.toContain(post.id);
  });
});

describe("audience", () => {
  it("shows a post for unit A to A and its subunits only: list, by id, feed and Atom", async () => {
    const post = await published({ title: "Nur für FB Bau", audience: "UNITS", unitIds: [cast.unitA] });
    for (const reader of [cast.colleague, cast.subunitStaff]) {
      const caller = await as(reader);
      expect((await caller.news.get({ id: post.id })).title).toBe("Nur für FB Bau");
      expect((await caller.news.list({ kind: "NEWS", limit: 100 })).map((p) => p.id)).toContain(post.id);
      expect((await caller.news.feed()).items.map((p) => p.id)).toContain(post.id);
    }
    const outsider = await as(cast.outsider);
    expect(await codeOf(outsider.news.get({ id: post.id }))).toBe("NOT_FOUND");
    expect((await outsider.news.list({ kind: "NEWS", limit: 100 })).map((p) => p.id)).not.toContain(post.id);
    expect((await outsider.news.feed()).items.map((p) => p.id)).not.toContain(post.id);
    expect(await codeOf(outsider.news.addComment({ postId: post.id, body: "Hallo" }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.news.react({ postId: post.id, kind: "LIKE", on: true }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.news.markRead({ id: post.id }))).toBe("NOT_FOUND");
    // The Atom feed carries news for everyone only, for every reader.
    expect((await outsider.news.atomEntries()).map((e) => e.id)).not.toContain(post.id);
    expect((await (await as(cast.colleague)).news.atomEntries()).map((e) => e.id)).not.toContain(post.id);

    const forAll = await published({ title: "Für alle" });
    expect((await outsider.news.atomEntries()).map((e) => e.id)).toContain(forAll.id);
  });

  it("shows the Lower Sorbian version to dsb readers and German otherwise", async () => {
    const post = await published({
      title: "Sprachkurs Niedersorbisch",
      titleDsb: "Rěcny kurs dolnoserbšćina",
      bodyDsb: body("Kurs zachopijo w januarje."),
    });
    const dsb = await (await as(cast.outsider, "dsb")).news.get({ id: post.id });
    expect(dsb).toMatchObject({ title: "Rěcny kurs dolnoserbšćina", language: "dsb" });
    expect(dsb.html).toContain("Kurs zachopijo");
    const de = await (await as(cast.outsider, "de")).news.get({ id: post.id });
    expect(de).toMatchObject({ title: "Sprachkurs Niedersorbisch", language: "de" });
    const fallback = await published({ title: "Nur Deutsch" });
    expect((await (await as(cast.outsider, "dsb")).news.get({ id: fallback.id })).title).toBe("Nur Deutsch");
  });

  it("pins posts first and marks unread ones", async () => {
    const pinned = await published({ title: "Angeheftet" });
    await published({ title: "Neuer, aber nicht angeheftet" });
    await (
      await as(cast.editor)
    ).news.setPinned({
      id: pinned.id,
      pinnedFrom: new Date(Date.now() - 60_000),
      pinnedUntil: new Date(Date.now() + 3_600_000),
    });
    expect(
      await codeOf((await as(cast.author)).news.setPinned({ id: pinned.id, pinnedFrom: null, pinnedUntil: null })),
    ).toBe("FORBIDDEN");
    const reader = await as(cast.outsider);
    const feed = await reader.news.feed();
    expect(feed.items[0]).toMatchObject({ id: pinned.id, pinned: true, unread: true });
    // a page opened twice at once marks twice at once: one marker, no error
    await Promise.all(Array.from({ length: 8 }, () => reader.news.markRead({ id: pinned.id })));
    expect(await h.services.db.newsRead.count({ where: { postId: pinned.id, userId: cast.outsider.id } })).toBe(1);
    expect((await reader.news.feed()).items[0]).toMatchObject({ id: pinned.id, unread: false });
  });
});

describe("revisions", () => {
  it("keeps a revision per saved body and restores an old one", async () => {
    const author = await as(cast.author);
    const post = await author.news.create(input({ body: body("Fassung eins") }));
    await author.news.update({ ...input({ body: body("Fassung zwei") }), id: post.id });
    await author.news.update({ ...input({ body: body("Fassung zwei"), teaser: "nur Kurztext" }), id: post.id });
    expect((await author.news.revisions({ id: post.id })).map((r) => r.version)).toEqual([2, 1]);
    const restored = await author.news.restoreRevision({ id: post.id, version: 1 });
    expect(restored.html).toContain("Fassung eins");
    expect(restored.version).toBe(3);
    expect(await codeOf((await as(cast.colleague)).news.revisions({ id: post.id }))).toBe("NOT_FOUND");
    expect(await codeOf(author.news.restoreRevision({ id: post.id, version: 9 }))).toBe("NOT_FOUND");
  });
});

describe("concurrent edits", () => {
  it("refuses a save based on an older state of the post and changes nothing", async () => {
    const author = await as(cast.author);
    const post = await author.news.create(input({ body: body("Erste Fassung") }));
    const opened = (await author.news.get({ id: post.id })).source!.updatedAt;
    // Someone else (an editor) saves first ...
    await (await as(cast.editor)).news.update({ ...input({ title: "Vom Redakteur" }), id: post.id });
    // ... so the author's save, based on what they opened, is a conflict.
    const stale = author.news.update({ ...input({ title: "Von der Autorin" }), id: post.id, baseUpdatedAt: opened });
    expect(describeError(await failure(stale))).toMatchObject({ code: "CONFLICT", messageKey: "news.error.conflict" });
    const after = await author.news.get({ id: post.id });
    expect(after.source!.title).toBe("Vom Redakteur");
    // Based on the current state, the save goes through.
    await author.news.update({
      ...input({ title: "Von der Autorin" }),
      id: post.id,
      baseUpdatedAt: after.source!.updatedAt,
    });
    expect((await author.news.get({ id: post.id })).source!.title).toBe("Von der Autorin");
  });
});

describe("must-read", () => {
  it("shows a banner until acknowledged and reports rates per unit only, to editors", async () => {
    const db = h.services.db;
    const big = (await createUnit(db, { name: "Rechtsamt" })).id;
    const small = (await createUnit(db, { name: "SG Vergabe", parentId: big })).id;
    const people = [
      ...(await Promise.all(Array.from({ length: 5 }, () => createUser(db, { unitId: big })))),
      ...(await Promise.all(Array.from({ length: 2 }, () => createUser(db, { unitId: small })))),
    ];
    const post = await published({ title: "Neue Dienstanweisung", audience: "UNITS", unitIds: [big] });
    const editor = await as(cast.editor);
    expect(
      await codeOf((await as(cast.author)).news.setMustRead({ id: post.id, mustRead: true, deadline: new Date() })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(editor.news.setMustRead({ id: post.id, mustRead: true, deadline: null }))).toBe("BAD_INPUT");
    await editor.news.setMustRead({ id: post.id, mustRead: true, deadline: new Date(Date.now() + 7 * 86_400_000) });

    const reader = await as(people[5]!);
    expect((await reader.news.feed()).mustReads.map((m) => m.id)).toContain(post.id);
    expect(await codeOf((await as(cast.outsider)).news.acknowledge({ id: post.id }))).toBe("NOT_FOUND");
    await Promise.all(Array.from({ length: 8 }, () => reader.news.acknowledge({ id: post.id })));
    await reader.news.acknowledge({ id: post.id });
    expect(await db.newsAcknowledgement.count({ where: { postId: post.id, userId: people[5]!.id } })).toBe(1);
    await (await as(people[0]!)).news.acknowledge({ id: post.id });
    expect((await reader.news.feed()).mustReads.map((m) => m.id)).not.toContain(post.id);
    expect((await reader.news.get({ id: post.id })).acknowledged).toBe(true);

    const rates = await editor.news.mustReadRates({ id: post.id });
    expect(rates.rows).toEqual([{ unitId: big, name: "Rechtsamt", people: 7, acknowledged: 2, mergedUnits: 1 }]);
    for (const user of [cast.author, cast.leadership, cast.admin, people[0]!]) {
      expect(await codeOf((await as(user)).news.mustReadRates({ id: post.id }))).toBe("FORBIDDEN");
    }
    // Nothing any procedure returns names who acknowledged.
    const everything = JSON.stringify([rates, await editor.news.get({ id: post.id }), await editor.news.feed()]);
    for (const person of people) expect(everything).not.toContain(person.id);
  });
});

describe("comments and reactions", () => {
  it("lets authors edit and delete their own comments and editors moderate", async () => {
    const post = await published({ title: "Kommentierbar" });
    const reader = await as(cast.outsider);
    const other = await as(cast.colleague);
    const { id } = await reader.news.addComment({ postId: post.id, body: "Gute Nachricht!" });
    expect(await codeOf(other.news.editComment({ commentId: id, body: "gekapert" }))).toBe("FORBIDDEN");
    expect(await codeOf(other.news.deleteComment({ commentId: id }))).toBe("FORBIDDEN");
    expect(await codeOf(other.news.moderateComment({ commentId: id }))).toBe("FORBIDDEN");
    await reader.news.editComment({ commentId: id, body: "Sehr gute Nachricht!" });
    let view = await other.news.get({ id: post.id });
    expect(view.comments).toMatchObject([{ id, body: "Sehr gute Nachricht!", removed: false, mine: false }]);
    expect(view.comments[0]!.editedAt).not.toBeNull();

    const second = await other.news.addComment({ postId: post.id, body: "Unpassend" });
    await (await as(cast.editor)).news.moderateComment({ commentId: second.id });
    await reader.news.deleteComment({ commentId: id });
    view = await other.news.get({ id: post.id });
    expect(view.comments.map((c) => [c.body, c.removed])).toEqual([
      [null, true],
      [null, true],
    ]);
    expect((await auditOf(second.id)).map((a) => a.action)).toEqual(["news.comment-moderated"]);
    expect(await codeOf(reader.news.editComment({ commentId: id, body: "wieder da" }))).toBe("BAD_INPUT");
  });

  it("refuses comments on drafts and keeps one reaction per person and kind", async () => {
    const draft = await (await as(cast.author)).news.create(input());
    expect(await codeOf((await as(cast.author)).news.addComment({ postId: draft.id, body: "x" }))).toBe("BAD_INPUT");
    const post = await published({ title: "Reaktionen" });
    const reader = await as(cast.outsider);
    await reader.news.react({ postId: post.id, kind: "LIKE", on: true });
    await reader.news.react({ postId: post.id, kind: "LIKE", on: true });
    await reader.news.react({ postId: post.id, kind: "THANKS", on: true });
    await (await as(cast.colleague)).news.react({ postId: post.id, kind: "LIKE", on: true });
    let view = await reader.news.get({ id: post.id });
    expect(view.reactions.filter((r) => r.count > 0)).toEqual([
      { kind: "LIKE", count: 2, mine: true },
      { kind: "THANKS", count: 1, mine: true },
    ]);
    await reader.news.react({ postId: post.id, kind: "LIKE", on: false });
    view = await reader.news.get({ id: post.id });
    expect(view.reactions.find((r) => r.kind === "LIKE")).toEqual({ kind: "LIKE", count: 1, mine: false });
  });
});

describe("success stories", () => {
  it("carries structured fields, Team des Monats, and a gallery by unit and year", async () => {
    const db = h.services.db;
    const project = await db.project.create({
      data: {
        key: `NEWS${Math.floor(Math.random() * 900 + 100)}`.replace(/\d/g, "X"),
        title: "E-Akte",
        leadUnitId: cast.unitA,
      },
    });
    const editor = await as(cast.editor);
    const story = await editor.news.create(
      input({
        kind: "STORY",
        title: "Digitale Bauakte in sechs Wochen",
        storySituation: "Papierakten",
        storySolution: "Gemeinsames Projekt",
        storyResult: "Bearbeitung halb so lang",
        storyUnitIds: [cast.unitA, cast.unitB],
        contactUnitId: cast.unitA,
        projectId: project.id,
        teamOfMonth: true,
      }),
    );
    await editor.news.publish({ id: story.id });
    const view = await (await as(cast.outsider)).news.get({ id: story.id });
    expect(view.story).toMatchObject({
      situation: "Papierakten",
      solution: "Gemeinsames Projekt",
      result: "Bearbeitung halb so lang",
      project: { id: project.id, title: "E-Akte" },
      contactUnit: { id: cast.unitA },
    });
    expect(view.teamOfMonth).toBe(true);
    const reader = await as(cast.outsider);
    const year = new Date().getFullYear();
    expect((await reader.news.gallery({ unitId: cast.unitB, year })).map((s) => s.id)).toContain(story.id);
    expect((await reader.news.gallery({ unitId: cast.unitA1 })).map((s) => s.id)).not.toContain(story.id);
    expect((await reader.news.gallery({ year: year - 3 })).map((s) => s.id)).not.toContain(story.id);
    expect((await reader.news.feed()).stories.map((s) => s.id)).toContain(story.id);
    expect((await reader.news.list({ kind: "NEWS", limit: 100 })).map((s) => s.id)).not.toContain(story.id);
  });
});
