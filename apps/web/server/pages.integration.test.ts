/**
 * Article, minutes and news pages: who may enter their rooms (each module's own
 * read policy), what reaches them live (comments, minutes changes), the
 * notification badge signal after commit, and loss of access on the minutes page.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TServices } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { createNotifier } from "@kreisnetz/api/notifications";
import { createRealtimeBroadcaster } from "@kreisnetz/api/realtime";
import { createTestDatabase, type TestDatabase } from "@kreisnetz/db/test-db";
import { createUnit } from "@kreisnetz/seeds/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  callerFor,
  connected,
  enter,
  next,
  person,
  projectKey,
  record,
  watchPage,
  type TClient,
} from "./realtime-test-kit.ts";
import { attachSocketServer, type TRealtimeServer } from "./socket.ts";

let testDb: TestDatabase;
let services: TServices;
let httpServer: Server;
let server: TRealtimeServer;
let url: string;
const sockets: TClient[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase(inject("pgAdminUrl"));
  services = { db: testDb.db, events: new EventLog(testDb.db), sessionSecret: "socket-test-secret-0123456789abcdef" };
  httpServer = createServer();
  server = attachSocketServer(httpServer, services);
  services.realtime = server.realtime;
  services.events.register(createRealtimeBroadcaster(server.target));
  services.events.register(createNotifier({ db: testDb.db, events: services.events }));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
  await testDb.drop();
});

async function join(cookie: string): Promise<TClient> {
  const socket = await connected(url, cookie);
  sockets.push(socket);
  return socket;
}

async function withRoles(roles: ("STAFF" | "EDITOR")[], unitId?: string) {
  const someone = await person(testDb.db, unitId);
  await testDb.db.user.update({ where: { id: someone.user.id }, data: { roles } });
  return someone;
}

const text = (value: string) => ({
  type: "text",
  version: 1,
  text: value,
  format: 0,
  detail: 0,
  mode: "normal",
  style: "",
});
const richText = (value: string) => ({
  root: {
    type: "root",
    version: 1,
    direction: "ltr",
    format: "",
    indent: 0,
    children: [{ type: "paragraph", version: 1, direction: "ltr", format: "", indent: 0, children: [text(value)] }],
  },
});

/** A news post for one unit only, published by an editor; plus a reader in that unit and one outside it. */
async function unitNews() {
  const unitId = (await createUnit(testDb.db)).id;
  const author = await person(testDb.db, unitId);
  const reader = await person(testDb.db, unitId);
  const otherUnit = await person(testDb.db);
  const editor = await withRoles(["STAFF", "EDITOR"]);
  const authorCaller = await callerFor(services, author.token);
  const post = await authorCaller.news.create({
    kind: "NEWS",
    title: "Neue Öffnungszeiten",
    teaser: "Ab Januar länger.",
    body: richText("Die Kantine öffnet um 7 Uhr."),
    audience: "UNITS",
    unitIds: [unitId],
    storyUnitIds: [],
    teamOfMonth: false,
  });
  await authorCaller.news.submit({ id: post.id });
  await (await callerFor(services, editor.token)).news.publish({ id: post.id });
  return { post, author, reader, otherUnit };
}

/** A members-only project with a meeting: `lead` and `member` are in it, `outsider` is not. */
async function membersMeeting() {
  const lead = await person(testDb.db);
  const member = await person(testDb.db);
  const outsider = await person(testDb.db);
  const leadCaller = await callerFor(services, lead.token);
  const project = await leadCaller.projects.create({
    key: projectKey(),
    title: "Live-Protokoll",
    leadUnitId: lead.user.unitId,
    visibility: "MEMBERS",
  });
  await leadCaller.projects.addMember({ projectId: project.id, userId: member.user.id, role: "MEMBER" });
  const meeting = await leadCaller.meetings.create({
    projectId: project.id,
    title: "Projektsitzung",
    startsAt: "2026-03-10T09:30",
    participantIds: [lead.user.id, member.user.id],
  });
  return { lead, member, outsider, leadCaller, project, meeting };
}

describe("who may enter article, minutes and news pages", () => {
  it("news: the audience and the author enter, another unit's person is refused", async () => {
    const { post, author, reader, otherUnit } = await unitNews();
    expect(await enter(await join(reader.cookie), "news", post.id)).toMatchObject({ ok: true });
    expect(await enter(await join(author.cookie), "news", post.id)).toMatchObject({ ok: true });
    const outside = await join(otherUnit.cookie);
    expect(await enter(outside, "news", post.id)).toEqual({ ok: false });
    const rooms = (await server.io.in(`user:${otherUnit.user.id}`).fetchSockets())[0]?.rooms;
    expect([...(rooms ?? [])].filter((r) => r.includes(post.id))).toEqual([]);
  });

  it("news: a draft is only for its author (and editors), not for colleagues of the audience", async () => {
    const unitId = (await createUnit(testDb.db)).id;
    const author = await person(testDb.db, unitId);
    const colleague = await person(testDb.db, unitId);
    const draft = await (
      await callerFor(services, author.token)
    ).news.create({
      kind: "NEWS",
      title: "Entwurf",
      teaser: "Noch geheim.",
      body: richText("Entwurf"),
      audience: "ALL",
      unitIds: [],
      storyUnitIds: [],
      teamOfMonth: false,
    });
    expect(await enter(await join(author.cookie), "news", draft.id)).toMatchObject({ ok: true });
    expect(await enter(await join(colleague.cookie), "news", draft.id)).toEqual({ ok: false });
  });

  it("minutes: project members enter, an outsider of a members-only project is refused", async () => {
    const { member, outsider, meeting } = await membersMeeting();
    expect(await enter(await join(member.cookie), "minutes", meeting.id)).toMatchObject({ ok: true });
    expect(await enter(await join(outsider.cookie), "minutes", meeting.id)).toEqual({ ok: false });
  });

  it("article: every colleague enters (the knowledge base is for everyone); archived or unknown articles are refused", async () => {
    const editor = await withRoles(["STAFF", "EDITOR"]);
    const editorCaller = await callerFor(services, editor.token);
    const spaceKey = `live-${projectKey().toLowerCase()}`;
    await editorCaller.knowledge.createSpace({ key: spaceKey, name: "Live-Wissen" });
    const article = await editorCaller.knowledge.create({ spaceKey, title: "VPN einrichten" });
    const colleague = await person(testDb.db);
    const socket = await join(colleague.cookie);
    const watcher = await watchPage(await join(editor.cookie), "article", article.id);
    expect(await enter(socket, "article", article.id)).toMatchObject({ ok: true });
    await watcher.until((people) => people.some((p) => p.userId === colleague.user.id));

    await testDb.db.knowledgeArticle.update({ where: { id: article.id }, data: { archivedAt: new Date() } });
    expect(await enter(await join(colleague.cookie), "article", article.id)).toEqual({ ok: false });
    expect(await enter(socket, "article", "00000000-0000-4000-8000-000000000000")).toEqual({ ok: false });
  });
});

describe("live updates on those pages", () => {
  it("a news comment reaches everyone on the post's page (ids only), not other unit's people", async () => {
    const { post, author, reader, otherUnit } = await unitNews();
    const viewer = await join(reader.cookie);
    await enter(viewer, "news", post.id);
    const outside = await join(otherUnit.cookie);
    expect(await enter(outside, "news", post.id)).toEqual({ ok: false });
    const seenOutside = record(outside, "changed");
    const changed = next(viewer, "changed", (c) => c.verb === "news.comment-added");
    await (await callerFor(services, author.token)).news.addComment({ postId: post.id, body: "Prima!" });
    const payload = await changed;
    expect(Object.keys(payload).sort()).toEqual(
      ["eventId", "objectId", "objectType", "projectId", "updatedAt", "verb", "version"].sort(),
    );
    expect(payload).toMatchObject({ objectType: "news-comment", projectId: null });
    expect(seenOutside).toEqual([]);
  });

  it("a task comment reaches the task page; a mention rings the badge of the mentioned person only", async () => {
    const { lead, member, outsider, leadCaller, project } = await membersMeeting();
    const task = await leadCaller.tasks.create({ projectId: project.id, title: "Kommentierte Karte" });
    const viewer = await join(member.cookie);
    await enter(viewer, "task", task.id);
    const leadSocket = await join(lead.cookie);
    const outsiderSocket = await join(outsider.cookie);
    const leadBadge = record(leadSocket, "notifications");
    const outsiderBadge = record(outsiderSocket, "notifications");
    const commented = next(viewer, "changed", (c) => c.verb === "task.commented" && c.objectId === task.id);
    const badge = next(viewer, "notifications");
    await leadCaller.taskDetails.addComment({
      taskId: task.id,
      body: "@Mitglied bitte prüfen",
      mentionIds: [member.user.id],
    });
    await commented;
    expect(await badge).toEqual({ eventId: expect.stringMatching(/^\d+$/) });
    const unread = await (await callerFor(services, member.token)).notifications.unreadCount();
    expect(unread.count).toBe(1);
    expect(leadBadge).toEqual([]);
    expect(outsiderBadge).toEqual([]);
  });

  it("a minutes change reaches the minutes page; a removed member leaves it and hears nothing more", async () => {
    const { lead, member, leadCaller, project, meeting } = await membersMeeting();
    const control = await join(lead.cookie);
    const removed = await join(member.cookie);
    await enter(control, "minutes", meeting.id);
    await enter(removed, "minutes", meeting.id);

    const first = next(removed, "changed", (c) => c.verb === "meeting.agenda-item-added" && c.objectId === meeting.id);
    const afterAdd = await leadCaller.meetings.addAgendaItem({
      meetingId: meeting.id,
      version: meeting.version,
      title: "Begrüßung",
    });
    expect(await first).toMatchObject({ objectType: "meeting", projectId: project.id });

    const revoked = next(removed, "access:revoked");
    await leadCaller.projects.removeMember({ projectId: project.id, userId: member.user.id });
    expect(await revoked).toEqual({ projectId: project.id });
    const seenByRemoved = record(removed, "changed");
    const controlSaw = next(control, "changed", (c) => c.verb === "meeting.agenda-item-updated");
    await leadCaller.meetings.updateAgendaItem({
      meetingId: meeting.id,
      version: afterAdd.version,
      itemId: afterAdd.agendaItems[0]!.id,
      notes: "Alle da.",
    });
    await controlSaw;
    expect(seenByRemoved).toEqual([]);
    expect(server.presence.page(`page:minutes:${meeting.id}`).map((p) => p.userId)).toEqual([lead.user.id]);
    expect(await enter(removed, "minutes", meeting.id)).toEqual({ ok: false });
  });
});
