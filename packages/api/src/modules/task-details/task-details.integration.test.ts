import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TCreatedUser } from "@kreisnetz/seeds/factories";
import { translate } from "@kreisnetz/shared/i18n";
import { MAX_ATTACHMENT_BYTES } from "@kreisnetz/shared/schemas/task-details";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { describeError } from "../../errors.ts";
import { castProject, failure, projectCast, snapshot } from "../../../test/projects.ts";

const h = setupHarness();
let cast: Awaited<ReturnType<typeof projectCast>>;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

beforeAll(async () => {
  cast = await projectCast(h);
});

/** Project-space rows plus everything this module writes: a refused call leaves all of it as it was. */
async function fullSnapshot() {
  const db = h.services.db;
  return {
    base: await snapshot(h),
    comments: await db.taskComment.findMany({ orderBy: { id: "asc" } }),
    mentions: await db.taskCommentMention.findMany({ orderBy: [{ commentId: "asc" }, { userId: "asc" }] }),
    checklist: await db.taskChecklistItem.findMany({ orderBy: { id: "asc" } }),
    labels: await db.projectLabel.findMany({ orderBy: { id: "asc" } }),
    attachments: await db.taskAttachment.findMany({ orderBy: { id: "asc" } }),
    files: fs.readdirSync(h.services.uploadsDir!).sort(),
  };
}

async function taskIn(visibility: "ALL_STAFF" | "MEMBERS") {
  const project = await castProject(h, cast, { visibility });
  const task = await (
    await cast.as(cast.member)
  ).tasks.create({ projectId: project.id, title: "Leistungsverzeichnis prüfen" });
  return { project, task };
}

describe("comments with mentions", () => {
  it("stores a member's comment, resolves @mentions of members and writes task.commented", async () => {
    const { project, task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const leadName = (await h.services.db.user.findUniqueOrThrow({ where: { id: cast.lead.id } })).name;
    const { id } = await member.taskDetails.addComment({
      taskId: task.id,
      body: `Bitte prüfen, @${leadName}!`,
      mentionIds: [cast.guest.id],
    });
    const detail = await member.taskDetails.get({ taskId: task.id });
    expect(detail.comments).toHaveLength(1);
    expect(detail.comments[0]).toMatchObject({ id, canEdit: true, author: { id: cast.member.id } });
    expect(detail.comments[0]!.mentions.map((m) => m.id).sort()).toEqual([cast.lead.id, cast.guest.id].sort());
    const events = await h.services.db.activityEvent.findMany({ where: { verb: "task.commented", objectId: task.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ objectType: "task", projectId: project.id, actorId: cast.member.id });
    expect((events[0]!.payload as { mentionIds: string[] }).mentionIds.sort()).toEqual(
      [cast.lead.id, cast.guest.id].sort(),
    );
  });

  it("lets authors edit and delete their own comments only", async () => {
    const { task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const lead = await cast.as(cast.lead);
    const { id } = await member.taskDetails.addComment({ taskId: task.id, body: "Erster Entwurf" });
    await expect(lead.taskDetails.editComment({ id, body: "Übernommen" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(lead.taskDetails.deleteComment({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await member.taskDetails.editComment({ id, body: "Zweiter Entwurf", mentionIds: [cast.lead.id] });
    const edited = (await member.taskDetails.get({ taskId: task.id })).comments[0]!;
    expect(edited).toMatchObject({ body: "Zweiter Entwurf", mentions: [{ id: cast.lead.id }] });
    expect(edited.editedAt).not.toBeNull();
    await member.taskDetails.deleteComment({ id });
    expect((await member.taskDetails.get({ taskId: task.id })).comments).toEqual([]);
    const verbs = (
      await h.services.db.activityEvent.findMany({ where: { objectId: task.id }, orderBy: { id: "asc" } })
    ).map((e) => e.verb);
    expect(verbs).toEqual(["task.created", "task.commented", "task.comment-edited", "task.comment-deleted"]);
  });

  it("refuses mentions of non-members with a translated message and changes nothing", async () => {
    const { task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const before = await fullSnapshot();
    const error = await failure(
      member.taskDetails.addComment({ taskId: task.id, body: "Hallo", mentionIds: [cast.outsider.id] }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: "comments.error.mentionNotMember" });
    expect(translate("en", describeError(error).messageKey)).toBe("Only members of the project can be mentioned.");
    expect(await fullSnapshot()).toEqual(before);
  });
});

describe("checklist", () => {
  it("adds, ticks, renames, reorders and removes items", async () => {
    const { task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const a = await member.taskDetails.addChecklistItem({ taskId: task.id, text: "Angebote einholen" });
    const b = await member.taskDetails.addChecklistItem({ taskId: task.id, text: "Vergabevermerk" });
    await member.taskDetails.updateChecklistItem({ id: a.id, done: true });
    await member.taskDetails.updateChecklistItem({ id: b.id, text: "Vergabevermerk schreiben" });
    await member.taskDetails.reorderChecklist({ taskId: task.id, itemIds: [b.id, a.id] });
    expect((await member.taskDetails.get({ taskId: task.id })).checklist).toEqual([
      { id: b.id, text: "Vergabevermerk schreiben", done: false },
      { id: a.id, text: "Angebote einholen", done: true },
    ]);
    const before = await fullSnapshot();
    await expect(member.taskDetails.reorderChecklist({ taskId: task.id, itemIds: [a.id] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "checklist.error.order",
    });
    expect(await fullSnapshot()).toEqual(before);
    await member.taskDetails.deleteChecklistItem({ id: a.id });
    expect((await member.taskDetails.get({ taskId: task.id })).checklist.map((i) => i.id)).toEqual([b.id]);
  });
});

describe("labels", () => {
  it("keeps a catalogue per project, puts labels on tasks and renames them everywhere", async () => {
    const { project, task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const label = await member.taskDetails.createLabel({ projectId: project.id, name: "Vergabe", color: "#1D4ED8" });
    const set = await member.taskDetails.setTaskLabels({
      taskId: task.id,
      version: task.version,
      labelIds: [label.id],
    });
    expect(set).toEqual({ id: task.id, version: task.version + 1, labels: ["Vergabe"] });
    await member.taskDetails.updateLabel({ id: label.id, name: "Vergabeverfahren" });
    expect((await member.tasks.get({ id: task.id })).labels).toEqual(["Vergabeverfahren"]);
    expect(await member.taskDetails.labels({ projectId: project.id })).toEqual([
      { id: label.id, name: "Vergabeverfahren", color: "#1d4ed8" },
    ]);
    await member.taskDetails.deleteLabel({ id: label.id });
    expect((await member.tasks.get({ id: task.id })).labels).toEqual([]);
  });

  it("refuses light colours, duplicate names, labels of other projects and stale versions", async () => {
    const { project, task } = await taskIn("ALL_STAFF");
    const other = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const foreign = await member.taskDetails.createLabel({
      projectId: other.project.id,
      name: "Fremd",
      color: "#7c2d12",
    });
    await member.taskDetails.createLabel({ projectId: project.id, name: "Haushalt", color: "#166534" });
    const before = await fullSnapshot();
    await expect(
      member.taskDetails.createLabel({ projectId: project.id, name: "Gelb", color: "#ffeb3b" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "labels.error.contrast",
    });
    await expect(
      member.taskDetails.createLabel({ projectId: project.id, name: "haushalt", color: "#166534" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "labels.error.taken",
    });
    await expect(
      member.taskDetails.setTaskLabels({ taskId: task.id, version: task.version, labelIds: [foreign.id] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "labels.error.notFound" });
    await expect(
      member.taskDetails.setTaskLabels({ taskId: task.id, version: task.version + 5, labelIds: [] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await fullSnapshot()).toEqual(before);
  });
});

describe("attachments", () => {
  it("stores an allowlisted file under the uploads directory and serves it to readers", async () => {
    const { task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const uploaded = await member.taskDetails.uploadAttachment({
      taskId: task.id,
      fileName: "../Leistungsverzeichnis.pdf",
      dataBase64: PDF.toString("base64"),
    });
    expect(uploaded).toMatchObject({ contentType: "application/pdf", size: PDF.length });
    const row = await h.services.db.taskAttachment.findUniqueOrThrow({ where: { id: uploaded.id } });
    expect(row.fileName).toBe("Leistungsverzeichnis.pdf");
    expect(fs.readFileSync(path.join(h.services.uploadsDir!, row.storageKey))).toEqual(PDF);
    const content = await (await cast.as(cast.outsider)).taskDetails.attachmentContent({ id: uploaded.id });
    expect(Buffer.from(content.dataBase64, "base64")).toEqual(PDF);
    await expect((await cast.as(cast.lead)).taskDetails.get({ taskId: task.id })).resolves.toMatchObject({
      attachments: [{ id: uploaded.id, canDelete: true }],
    });
    await member.taskDetails.deleteAttachment({ id: uploaded.id });
    expect(fs.existsSync(path.join(h.services.uploadsDir!, row.storageKey))).toBe(false);
  });

  it("refuses oversized files, disallowed and empty ones with a translated message, storing nothing", async () => {
    const { task } = await taskIn("ALL_STAFF");
    const member = await cast.as(cast.member);
    const before = await fullSnapshot();
    const oversized = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    await expect(
      member.taskDetails.uploadAttachment({
        taskId: task.id,
        fileName: "gross.pdf",
        dataBase64: oversized.toString("base64"),
      }),
    ).rejects.toSatisfy((error) => {
      const d = describeError(error);
      return d.messageKey === "attachments.error.tooLarge" && translate("de", d.messageKey, d.params).includes("4 MB");
    });
    await expect(
      member.taskDetails.uploadAttachment({
        taskId: task.id,
        fileName: "rechnung.pdf",
        dataBase64: EXE.toString("base64"),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "attachments.error.type" });
    await expect(
      member.taskDetails.uploadAttachment({ taskId: task.id, fileName: "leer.txt", dataBase64: "" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await fullSnapshot()).toEqual(before);
  });

  it("lets only the uploader or a lead delete an attachment", async () => {
    const { project, task } = await taskIn("ALL_STAFF");
    const second = await h.userWith(["STAFF"]);
    const lead = await cast.as(cast.lead);
    await lead.projects.addMember({ projectId: project.id, userId: second.id, role: "MEMBER" });
    const uploaded = await (
      await cast.as(cast.member)
    ).taskDetails.uploadAttachment({
      taskId: task.id,
      fileName: "plan.pdf",
      dataBase64: PDF.toString("base64"),
    });
    await expect((await h.callerFor(second)).taskDetails.deleteAttachment({ id: uploaded.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await lead.taskDetails.deleteAttachment({ id: uploaded.id });
    expect(await h.services.db.taskAttachment.count({ where: { id: uploaded.id } })).toBe(0);
  });
});

/** Every procedure against every role and membership. */
describe("rights of every role", () => {
  type TFixture = Awaited<ReturnType<typeof fixture>>;

  async function fixture(visibility: "ALL_STAFF" | "MEMBERS") {
    const { project, task } = await taskIn(visibility);
    const member = await cast.as(cast.member);
    const comment = await member.taskDetails.addComment({ taskId: task.id, body: "Vorhanden" });
    const item = await member.taskDetails.addChecklistItem({ taskId: task.id, text: "Vorhanden" });
    const label = await member.taskDetails.createLabel({ projectId: project.id, name: "Vorhanden", color: "#1d4ed8" });
    const attachment = await member.taskDetails.uploadAttachment({
      taskId: task.id,
      fileName: "a.pdf",
      dataBase64: PDF.toString("base64"),
    });
    return { project, task, comment, item, label, attachment };
  }

  const reads = {
    get: (c: Caller, f: TFixture) => c.taskDetails.get({ taskId: f.task.id }),
    labels: (c: Caller, f: TFixture) => c.taskDetails.labels({ projectId: f.project.id }),
    attachmentContent: (c: Caller, f: TFixture) => c.taskDetails.attachmentContent({ id: f.attachment.id }),
  };
  const writes = {
    addComment: (c: Caller, f: TFixture) => c.taskDetails.addComment({ taskId: f.task.id, body: "Neu" }),
    editComment: (c: Caller, f: TFixture) => c.taskDetails.editComment({ id: f.comment.id, body: "Neu" }),
    deleteComment: (c: Caller, f: TFixture) => c.taskDetails.deleteComment({ id: f.comment.id }),
    addChecklistItem: (c: Caller, f: TFixture) => c.taskDetails.addChecklistItem({ taskId: f.task.id, text: "Neu" }),
    updateChecklistItem: (c: Caller, f: TFixture) => c.taskDetails.updateChecklistItem({ id: f.item.id, done: true }),
    deleteChecklistItem: (c: Caller, f: TFixture) => c.taskDetails.deleteChecklistItem({ id: f.item.id }),
    reorderChecklist: async (c: Caller, f: TFixture) => {
      const ids = (await c.taskDetails.get({ taskId: f.task.id })).checklist.map((i) => i.id);
      return c.taskDetails.reorderChecklist({ taskId: f.task.id, itemIds: ids.reverse() });
    },
    createLabel: (c: Caller, f: TFixture) =>
      c.taskDetails.createLabel({ projectId: f.project.id, name: "Neu", color: "#1d4ed8" }),
    updateLabel: (c: Caller, f: TFixture) => c.taskDetails.updateLabel({ id: f.label.id, color: "#166534" }),
    setTaskLabels: (c: Caller, f: TFixture) =>
      c.taskDetails.setTaskLabels({ taskId: f.task.id, version: f.task.version, labelIds: [f.label.id] }),
    deleteLabel: (c: Caller, f: TFixture) => c.taskDetails.deleteLabel({ id: f.label.id }),
    uploadAttachment: (c: Caller, f: TFixture) =>
      c.taskDetails.uploadAttachment({ taskId: f.task.id, fileName: "b.pdf", dataBase64: PDF.toString("base64") }),
    deleteAttachment: (c: Caller, f: TFixture) => c.taskDetails.deleteAttachment({ id: f.attachment.id }),
  };
  type Caller = Awaited<ReturnType<typeof h.callerFor>>;

  async function expectRefused(
    user: TCreatedUser | null,
    f: TFixture,
    code: string,
    which: "reads" | "writes" | "all",
  ) {
    const caller = user ? await h.callerFor(user) : (h.anonymousCaller() as Caller);
    const before = await fullSnapshot();
    const procedures = { ...(which !== "writes" ? reads : {}), ...(which !== "reads" ? writes : {}) };
    for (const [name, call] of Object.entries(procedures)) {
      const error = await failure(call(caller, f));
      expect({ name, code: (error as { code?: string }).code }).toEqual({ name, code });
    }
    expect(await fullSnapshot()).toEqual(before);
  }

  it("hides members-only tasks from non-members and admins (NOT_FOUND) and refuses the anonymous", async () => {
    const f = await fixture("MEMBERS");
    await expectRefused(cast.outsider, f, "NOT_FOUND", "all");
    await expectRefused(cast.admin, f, "NOT_FOUND", "all");
    await expectRefused(null, f, "UNAUTHORIZED", "all");
  });

  it("lets guests and staff outside an open project read but not change anything", async () => {
    const members = await fixture("MEMBERS");
    const open = await fixture("ALL_STAFF");
    for (const call of Object.values(reads)) {
      await expect(call(await cast.as(cast.guest), members)).resolves.toBeTruthy();
      await expect(call(await cast.as(cast.outsider), open)).resolves.toBeTruthy();
    }
    expect((await (await cast.as(cast.guest)).taskDetails.get({ taskId: members.task.id })).canEdit).toBe(false);
    await expectRefused(cast.guest, members, "FORBIDDEN", "writes");
    await expectRefused(cast.outsider, open, "FORBIDDEN", "writes");
  });

  it("lets members do all of it, in a members-only project too", async () => {
    const f = await fixture("MEMBERS");
    const member = await cast.as(cast.member);
    for (const [name, call] of Object.entries({ ...reads, ...writes })) {
      await expect(call(member, f).then(() => name)).resolves.toBe(name);
    }
  });

  it("answers unknown ids with NOT_FOUND", async () => {
    const member = await cast.as(cast.member);
    const id = randomUUID();
    const f = {
      project: { id },
      task: { id, version: 1 },
      comment: { id },
      item: { id },
      label: { id },
      attachment: { id },
    } as unknown as TFixture;
    for (const [name, call] of Object.entries({ ...reads, ...writes })) {
      if (name === "reorderChecklist") continue;
      const error = await failure(call(member, f));
      expect({ name, code: (error as { code?: string }).code }).toEqual({ name, code: "NOT_FOUND" });
    }
  });
});
