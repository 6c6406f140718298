import fs from "node:fs";
import path from "node:path";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import { MAX_ATTACHMENT_BYTES } from "@kreisnetz/shared/schemas/task-details";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { describeError } from "../../errors.ts";

const h = setupHarness();

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
const b64 = (b: Buffer) => b.toString("base64");

let unitId: string;
let author: Awaited<ReturnType<typeof createUser>>;
let colleague: Awaited<ReturnType<typeof createUser>>;
let outsider: Awaited<ReturnType<typeof createUser>>;
let editor: Awaited<ReturnType<typeof h.userWith>>;

beforeAll(async () => {
  const db = h.services.db;
  unitId = (await createUnit(db)).id;
  author = await createUser(db, { unitId });
  colleague = await createUser(db, { unitId });
  outsider = await createUser(db, { unitId: (await createUnit(db)).id });
  editor = await h.userWith(["STAFF", "EDITOR"]);
  await (
    await h.callerFor(editor)
  ).knowledge.createSpace({ key: "jugendamt", name: "Jugendamt", access: "UNIT", unitId });
});

async function article(title = "Hilfeplanverfahren") {
  return (await h.callerFor(author)).knowledge.create({ spaceKey: "jugendamt", title });
}

/** Everything an attachment write touches: a refused call leaves all of it as it was. */
async function snapshot() {
  const db = h.services.db;
  return {
    rows: await db.knowledgeAttachment.findMany({ orderBy: { id: "asc" } }),
    events: await db.activityEvent.count({ where: { verb: { startsWith: "article.attachment" } } }),
    files: fs.readdirSync(h.services.uploadsDir!).sort(),
  };
}

describe("knowledge attachments", () => {
  it("stores a sniffed file, lists it on the article, serves it to readers and records events", async () => {
    const { id } = await article();
    const caller = await h.callerFor(author);
    const uploaded = await caller.knowledge.uploadAttachment({
      articleId: id,
      fileName: "../Vorlage Hilfeplan.pdf",
      dataBase64: b64(PDF),
    });
    expect(uploaded).toMatchObject({ contentType: "application/pdf", size: PDF.length });
    const row = await h.services.db.knowledgeAttachment.findUniqueOrThrow({ where: { id: uploaded.id } });
    expect(row.fileName).toBe("Vorlage Hilfeplan.pdf");
    expect(fs.readFileSync(path.join(h.services.uploadsDir!, row.storageKey))).toEqual(PDF);

    // Every logged-in person reads the knowledge base: a person of another unit downloads it.
    const reader = await h.callerFor(outsider);
    const listed = await reader.knowledge.attachments({ id });
    expect(listed).toMatchObject({
      canAttach: false,
      attachments: [
        { id: uploaded.id, fileName: "Vorlage Hilfeplan.pdf", canDelete: false, uploader: { id: author.id } },
      ],
    });
    const content = await reader.knowledge.attachmentContent({ id: uploaded.id });
    expect(Buffer.from(content.dataBase64, "base64")).toEqual(PDF);
    expect((await caller.knowledge.attachments({ id })).attachments[0]!.canDelete).toBe(true);

    await caller.knowledge.deleteAttachment({ id: uploaded.id });
    expect(fs.existsSync(path.join(h.services.uploadsDir!, row.storageKey))).toBe(false);
    const events = await h.services.db.activityEvent.findMany({
      where: { objectId: id, verb: { startsWith: "article.attachment" } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.verb, e.actorId])).toEqual([
      ["article.attachment-added", author.id],
      ["article.attachment-removed", author.id],
    ]);
    expect(events[0]!.payload).toMatchObject({ attachmentId: uploaded.id, contentType: "application/pdf" });
  });

  it("refuses oversized, disallowed and empty files with a translated message, storing nothing", async () => {
    const { id } = await article("Kinderschutz");
    const caller = await h.callerFor(author);
    const before = await snapshot();
    const oversized = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    const tooLarge = await caller.knowledge
      .uploadAttachment({ articleId: id, fileName: "gross.pdf", dataBase64: b64(oversized) })
      .catch((e: unknown) => e);
    const d = describeError(tooLarge);
    expect(d.messageKey).toBe("attachments.error.tooLarge");
    expect(translate("de", d.messageKey, d.params)).toContain("4 MB");
    expect(translate("en", d.messageKey, d.params)).toContain("4 MB");
    await expect(
      caller.knowledge.uploadAttachment({ articleId: id, fileName: "rechnung.pdf", dataBase64: b64(EXE) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "attachments.error.type" });
    await expect(
      caller.knowledge.uploadAttachment({ articleId: id, fileName: "leer.txt", dataBase64: "" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "attachments.error.empty" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses outsiders: no upload or delete outside the space's unit, no download when logged out", async () => {
    const { id } = await article("Inobhutnahme");
    const uploaded = await (
      await h.callerFor(colleague)
    ).knowledge.uploadAttachment({
      articleId: id,
      fileName: "ablauf.txt",
      dataBase64: b64(Buffer.from("Schritt 1\n")),
    });
    expect(uploaded.contentType).toBe("text/plain");
    const before = await snapshot();
    const stranger = await h.callerFor(outsider);
    await expect(
      stranger.knowledge.uploadAttachment({ articleId: id, fileName: "x.pdf", dataBase64: b64(PDF) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(stranger.knowledge.deleteAttachment({ id: uploaded.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(h.anonymousCaller().knowledge.attachmentContent({ id: uploaded.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(h.anonymousCaller().knowledge.attachments({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await snapshot()).toEqual(before);
    // The article's owner and editors remove what others uploaded.
    await (await h.callerFor(editor)).knowledge.deleteAttachment({ id: uploaded.id });
    expect(await h.services.db.knowledgeAttachment.count({ where: { id: uploaded.id } })).toBe(0);
  });

  it("hides the files of an archived article as NOT_FOUND", async () => {
    const { id } = await article("Altes Formular");
    const caller = await h.callerFor(author);
    const uploaded = await caller.knowledge.uploadAttachment({
      articleId: id,
      fileName: "a.pdf",
      dataBase64: b64(PDF),
    });
    await h.services.db.knowledgeArticle.update({ where: { id }, data: { archivedAt: new Date() } });
    await expect(caller.knowledge.attachmentContent({ id: uploaded.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.knowledge.attachments({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      caller.knowledge.uploadAttachment({ articleId: id, fileName: "b.pdf", dataBase64: b64(PDF) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
