import { translate } from "@kreisnetz/shared/i18n";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { failure } from "../../../test/projects.ts";
import { describeError } from "../../errors.ts";
import { richTextFromBlocks } from "./templates.ts";

const h = setupHarness();
let editor: Awaited<ReturnType<typeof h.userWith>>;
let staff: Awaited<ReturnType<typeof h.userWith>>;
let unitSpaceUnit: Awaited<ReturnType<typeof h.userWith>>;

beforeAll(async () => {
  editor = await h.userWith(["STAFF", "EDITOR"]);
  staff = await h.userWith(["STAFF"]);
  unitSpaceUnit = await h.userWith(["STAFF"]);
  const caller = await h.callerFor(editor);
  await caller.knowledge.createSpace({ key: "it-service", name: "IT-Service" });
  await caller.knowledge.createSpace({
    key: "bauamt",
    name: "Bauamt intern",
    access: "UNIT",
    unitId: unitSpaceUnit.unitId,
  });
});

const body = (text: string) => richTextFromBlocks([{ h2: "Schritte" }, { p: text }]);

describe("articles", () => {
  it("lets staff write in open spaces, keeps versions, diffs and restores", async () => {
    const caller = await h.callerFor(staff);
    const created = await caller.knowledge.create({
      spaceKey: "it-service",
      title: "VPN einrichten",
      template: "ANLEITUNG",
      content: body("Client installieren."),
      tags: ["VPN", "vpn", "Homeoffice"],
    });
    expect(created).toMatchObject({
      version: 1,
      tags: ["vpn", "homeoffice"],
      owner: { id: staff.id },
      ownerUnit: { id: staff.unitId },
      verification: "unverified",
      canEdit: true,
      canVerify: false,
    });
    expect(created.html).toContain("<h2");
    const updated = await caller.knowledge.update({
      id: created.id,
      version: 1,
      content: body("Client installieren.\nZertifikat importieren."),
    });
    expect(updated.version).toBe(2);
    const stale = await failure(caller.knowledge.update({ id: created.id, version: 1, title: "Alt" }));
    expect(describeError(stale)).toMatchObject({ code: "CONFLICT", messageKey: "knowledge.error.staleVersion" });

    const history = await caller.knowledge.history({ id: created.id });
    expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
    const diff = await caller.knowledge.diff({ id: created.id, from: 1, to: 2 });
    expect(diff.lines.filter((l) => l.op !== "same")).toEqual([{ op: "added", text: "Zertifikat importieren." }]);

    const restored = await caller.knowledge.restore({ id: created.id, version: 1 });
    expect(restored.version).toBe(3);
    expect(restored.html).not.toContain("Zertifikat");

    const events = await h.services.db.activityEvent.findMany({
      where: { objectId: created.id },
      orderBy: { id: "asc" },
      select: { verb: true, objectType: true, actorId: true },
    });
    expect(events).toEqual([
      { verb: "article.created", objectType: "article", actorId: staff.id },
      { verb: "article.updated", objectType: "article", actorId: staff.id },
      { verb: "article.updated", objectType: "article", actorId: staff.id },
    ]);
  });

  it("starts from the template's structure when no content is given", async () => {
    const caller = await h.callerFor(staff);
    const article = await caller.knowledge.create({
      spaceKey: "it-service",
      title: "Lehren aus dem Umzug",
      template: "LESSONS_LEARNED",
    });
    expect(article.html).toContain("Was lief gut?");
  });

  it("records backlinks from links between articles", async () => {
    const caller = await h.callerFor(staff);
    const target = await caller.knowledge.create({ spaceKey: "it-service", title: "Passwort ändern" });
    const source = await caller.knowledge.create({
      spaceKey: "it-service",
      title: "Erste Schritte",
      content: richTextFromBlocks([{ link: { before: "Siehe ", text: "Passwort", url: `/knowledge/a/${target.id}` } }]),
    });
    expect((await caller.knowledge.get({ id: target.id })).backlinks).toEqual([
      { id: source.id, title: "Erste Schritte" },
    ]);
    await caller.knowledge.update({ id: source.id, version: 1, content: body("Kein Link mehr.") });
    expect((await caller.knowledge.get({ id: target.id })).backlinks).toEqual([]);
  });

  it("refuses rich text with a script link and changes nothing", async () => {
    const caller = await h.callerFor(staff);
    const before = await h.services.db.knowledgeArticle.count();
    const error = await failure(
      caller.knowledge.create({
        spaceKey: "it-service",
        title: "Böse",
        content: richTextFromBlocks([{ link: { text: "x", url: "javascript:alert(1)" } }]),
      }),
    );
    expect(describeError(error)).toMatchObject({
      code: "BAD_INPUT",
      fieldErrors: { content: { key: "knowledge.error.richText" } },
    });
    expect(translate("de", "knowledge.error.richText")).toMatch(/Inhalt/);
    expect(await h.services.db.knowledgeArticle.count()).toBe(before);
  });
});

describe("permissions", () => {
  it("lets only the unit and editors write in a unit space; everybody reads", async () => {
    const insider = await h.callerFor(unitSpaceUnit);
    const article = await insider.knowledge.create({ spaceKey: "bauamt", title: "Bauantrag prüfen" });
    const other = await h.callerFor(staff);
    expect((await other.knowledge.get({ id: article.id })).canEdit).toBe(false);
    const refused = await failure(other.knowledge.update({ id: article.id, version: 1, title: "Fremd" }));
    expect(describeError(refused)).toMatchObject({ code: "FORBIDDEN" });
    expect(describeError(await failure(other.knowledge.create({ spaceKey: "bauamt", title: "Fremd" })))).toMatchObject({
      code: "FORBIDDEN",
    });
    const byEditor = await (
      await h.callerFor(editor)
    ).knowledge.update({ id: article.id, version: 1, title: "Bauantrag vollständig prüfen" });
    expect(byEditor.version).toBe(2);
  });

  it("lets editors verify ('geprüft am ... von ...') and refuses staff", async () => {
    const caller = await h.callerFor(staff);
    const article = await caller.knowledge.create({ spaceKey: "it-service", title: "Drucker verbinden" });
    expect(describeError(await failure(caller.knowledge.verify({ id: article.id })))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(describeError(await failure(caller.knowledge.createSpace({ key: "neu", name: "Neu" })))).toMatchObject({
      code: "FORBIDDEN",
    });
    const verified = await (await h.callerFor(editor)).knowledge.verify({ id: article.id });
    expect(verified).toMatchObject({ verification: "verified", verifiedBy: { id: editor.id } });
    expect(verified.reviewDueAt).not.toBeNull();
    const past = await failure(
      (await h.callerFor(editor)).knowledge.verify({ id: article.id, nextReviewAt: "2020-01-01" }),
    );
    expect(describeError(past)).toMatchObject({ code: "BAD_INPUT" });
  });

  it("refuses anonymous callers and hides unknown articles", async () => {
    await expect(h.anonymousCaller().knowledge.spaces()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const caller = await h.callerFor(staff);
    const missing = await failure(caller.knowledge.get({ id: "00000000-0000-4000-8000-000000000000" }));
    expect(describeError(missing)).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("demo seed", () => {
  it("creates spaces and articles once, and every article renders", async () => {
    const { seedDemo } = await import("@kreisnetz/seeds/demo");
    const { seedKnowledge } = await import("@kreisnetz/seeds/knowledge");
    await seedDemo(h.services.db, { userCount: 10 });
    const first = await seedKnowledge(h.services.db);
    const count = await h.services.db.knowledgeArticle.count({ where: { isDemo: true } });
    expect(count).toBe(first.articles);
    await seedKnowledge(h.services.db);
    expect(await h.services.db.knowledgeArticle.count({ where: { isDemo: true } })).toBe(count);
    const caller = await h.callerFor(staff);
    const demo = await h.services.db.knowledgeArticle.findMany({ where: { isDemo: true }, select: { id: true } });
    for (const { id } of demo) {
      const article = await caller.knowledge.get({ id });
      expect(article.html.length).toBeGreaterThan(20);
    }
  });
});

describe("hand-over on deactivation", () => {
  it("passes the articles of a deactivated owner to the unit's leadership and records it", async () => {
    const { createKnowledgeHandover } = await import("./handover.ts");
    h.services.events.register(createKnowledgeHandover(h.services.db, h.services.events));
    const owner = await h.userWith(["STAFF"]);
    const lead = await h.userWith(["STAFF", "LEADERSHIP"], owner.unitId);
    await h.userWith(["STAFF", "EDITOR"], owner.unitId);
    const article = await (
      await h.callerFor(owner)
    ).knowledge.create({ spaceKey: "it-service", title: "Übergabe testen" });
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    await (await h.callerFor(admin)).users.deactivate({ id: owner.id });
    await h.services.events.kick();
    while ((await h.services.events.drainOnce()) > 0) {
      // drain
    }
    const after = await h.services.db.knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } });
    expect(after.ownerId).toBe(lead.id);
    const changed = await h.services.db.activityEvent.findFirst({
      where: { objectId: article.id, verb: "article.owner-changed" },
    });
    expect(changed?.payload).toMatchObject({ from: owner.id, to: lead.id });
  });
});
