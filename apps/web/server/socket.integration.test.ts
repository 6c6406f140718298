import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TServices } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { createRealtimeBroadcaster } from "@kreisnetz/api/realtime";
import { createSession, endSessions, logout } from "@kreisnetz/api/session";
import { createTestDatabase, type TestDatabase } from "@kreisnetz/db/test-db";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  callerFor,
  connected,
  enter,
  next,
  open,
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

async function sessionCookie(secondFactorOk = true) {
  const unit = await createUnit(testDb.db);
  const user = await createUser(testDb.db, { unitId: unit.id });
  const token = await createSession(testDb.db, user.id, { secondFactorOk, userAgent: "socket-test" });
  return { user, token, cookie: `kn_session=${token}` };
}

/** A members-only project led by `lead`, with `member` in it and one task in the first column. */
async function membersProject() {
  const lead = await person(testDb.db);
  const member = await person(testDb.db);
  const outsider = await person(testDb.db);
  const leadCaller = await callerFor(services, lead.token);
  const project = await leadCaller.projects.create({
    key: projectKey(),
    title: "Live-Board",
    leadUnitId: lead.user.unitId,
    visibility: "MEMBERS",
  });
  await leadCaller.projects.addMember({ projectId: project.id, userId: member.user.id, role: "MEMBER" });
  const task = await leadCaller.tasks.create({ projectId: project.id, title: "Karte" });
  return { lead, member, outsider, leadCaller, project, task };
}

describe("Socket.IO handshake", () => {
  it("welcomes a socket with a valid session cookie and puts it in its user room", async () => {
    const { user, cookie } = await sessionCookie();
    const socket = open(url, cookie);
    const welcome = await new Promise<{ userId: string }>((resolve, reject) => {
      socket.on("welcome", resolve);
      socket.on("connect_error", reject);
    });
    expect(welcome.userId).toBe(user.id);
    const inRoom = await server.io.in(`user:${user.id}`).fetchSockets();
    expect(inRoom).toHaveLength(1);
    socket.close();
  });

  it("refuses sockets without a cookie, with an unknown token, or before the second factor", async () => {
    const { cookie: halfLoggedIn } = await sessionCookie(false);
    for (const cookie of [undefined, "kn_session=forged-token", halfLoggedIn]) {
      const socket = open(url, cookie);
      const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
      expect(error.message).toBe("unauthorized");
      socket.close();
    }
  });

  it("disconnects the person's sockets when their sessions end", async () => {
    const { user, cookie } = await sessionCookie();
    const socket = await join(cookie);
    const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));
    await endSessions(services, testDb.db, user.id);
    expect(await disconnected).toBe("io server disconnect");
  });

  it("logout drops only the sockets of that session; deactivation drops all through the outbox", async () => {
    const { user, token, cookie } = await sessionCookie();
    const otherToken = await createSession(testDb.db, user.id, { secondFactorOk: true, userAgent: "tab 2" });
    const first = await join(cookie);
    const second = await join(`kn_session=${otherToken}`);
    const firstGone = new Promise<string>((resolve) => first.on("disconnect", resolve));
    await logout(services, token);
    expect(await firstGone).toBe("io server disconnect");
    expect(second.connected).toBe(true);

    const admin = await person(testDb.db);
    await testDb.db.user.update({
      where: { id: admin.user.id },
      data: { roles: ["STAFF", "ADMIN"], totpEnabledAt: new Date() },
    });
    const secondGone = new Promise<string>((resolve) => second.on("disconnect", resolve));
    // Without the direct call the outbox handler alone must do it (another instance's deactivation).
    const realtime = services.realtime;
    services.realtime = undefined;
    try {
      await (await callerFor(services, admin.token)).users.deactivate({ id: user.id });
    } finally {
      services.realtime = realtime;
    }
    expect(await secondGone).toBe("io server disconnect");
  });
});

describe("pages and presence", () => {
  it("lets members into a members-only project's rooms and refuses outsiders and unknown pages", async () => {
    const { member, outsider, project, task } = await membersProject();
    const inside = await join(member.cookie);
    const outside = await join(outsider.cookie);
    expect(await enter(inside, "project", project.id)).toMatchObject({ ok: true });
    expect(await enter(inside, "task", task.id)).toMatchObject({ ok: true });
    expect(await enter(outside, "project", project.id)).toEqual({ ok: false });
    expect(await enter(outside, "task", task.id)).toEqual({ ok: false });
    expect(await outside.emitWithAck("page:enter", { type: "article", id: project.id })).toEqual({ ok: false });
    expect(await outside.emitWithAck("page:enter", { type: "bogus" as never, id: "x" })).toEqual({ ok: false });
    const rooms = (await server.io.in(`user:${outsider.user.id}`).fetchSockets())[0]?.rooms;
    expect([...(rooms ?? [])].filter((r) => r.includes(project.id))).toEqual([]);
  });

  it("shows who is on the page, counts two tabs once, marks editing and away, and hides people who appear offline", async () => {
    const { lead, member, project } = await membersProject();
    const watcher = await join(lead.cookie);
    const view = await watchPage(watcher, "project", project.id);

    const tab1 = await join(member.cookie);
    const tab2 = await join(member.cookie);
    await enter(tab1, "project", project.id);
    const arrived = await view.until((people) => people.some((x) => x.userId === member.user.id));
    expect(arrived.map((p) => p.userId).sort()).toEqual([lead.user.id, member.user.id].sort());
    const ack = await enter(tab2, "project", project.id);
    expect(ack.ok && ack.people.filter((p) => p.userId === member.user.id)).toHaveLength(1);

    tab1.emit("presence:editing", true);
    const editing = await view.until((people) => people.some((x) => x.userId === member.user.id && x.editing));
    expect(editing.find((p) => p.userId === member.user.id)?.status).toBe("online");

    tab1.emit("presence:away", true);
    tab2.emit("presence:away", true);
    await view.until((people) => people.some((x) => x.userId === member.user.id && x.status === "away"));
    expect(view.people).toHaveLength(2);

    const memberCaller = await callerFor(services, member.token);
    expect(await memberCaller.presence.setAppearOffline({ appearOffline: true })).toMatchObject({
      appearOffline: true,
      choice: true,
    });
    const hidden = await view.until((people) => !people.some((x) => x.userId === member.user.id));
    expect(hidden.map((p) => p.userId)).toEqual([lead.user.id]);
    const online = await watcher.emitWithAck("presence:online", {});
    expect(online.map((p) => p.userId)).not.toContain(member.user.id);
    expect(online.map((p) => p.userId)).toContain(lead.user.id);
    const ownUnit = await watcher.emitWithAck("presence:online", { unitId: lead.user.unitId });
    expect(ownUnit.map((p) => p.userId)).toEqual([lead.user.id]);

    // A new tab of someone hidden stays hidden (checked at the handshake).
    const tab3 = await join(member.cookie);
    const again = await enter(tab3, "project", project.id);
    expect(again.ok && again.people.map((p) => p.userId)).toEqual([lead.user.id]);
  });

  it("takes the admin default when the person has no choice of their own; only admins may set it", async () => {
    const admin = await person(testDb.db);
    await testDb.db.user.update({
      where: { id: admin.user.id },
      data: { roles: ["STAFF", "ADMIN"], totpEnabledAt: new Date() },
    });
    const staff = await person(testDb.db);
    const staffCaller = await callerFor(services, staff.token);
    await expect(staffCaller.presence.setDefault({ appearOffline: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await (await callerFor(services, admin.token)).presence.setDefault({ appearOffline: true });
    try {
      expect(await staffCaller.presence.visibility()).toEqual({
        appearOffline: true,
        choice: null,
        defaultAppearOffline: true,
      });
      const socket = await join(staff.cookie);
      const online = await socket.emitWithAck("presence:online", {});
      expect(online.map((p) => p.userId)).not.toContain(staff.user.id);
      expect(await staffCaller.presence.setAppearOffline({ appearOffline: false })).toMatchObject({
        appearOffline: false,
      });
      const audit = await testDb.db.auditLog.findFirst({ where: { action: "setting.presence-default" } });
      expect(audit?.actorId).toBe(admin.user.id);
    } finally {
      await (await callerFor(services, admin.token)).presence.setDefault({ appearOffline: false });
    }
  });
});

describe("live updates", () => {
  it("sends a moved card to everyone on the board with ids and version only", async () => {
    const { lead, member, project, task, leadCaller } = await membersProject();
    const viewer = await join(member.cookie);
    await enter(viewer, "project", project.id);
    const board = await leadCaller.tasks.board({ projectId: project.id });
    const target = board.columns[1]!;
    const changed = next(viewer, "changed", (c) => c.verb === "task.moved");
    await leadCaller.tasks.move({ id: task.id, version: task.version, stateId: target.id, position: 1024 });
    const payload = await changed;
    expect(payload).toEqual({
      eventId: expect.stringMatching(/^\d+$/),
      verb: "task.moved",
      objectType: "task",
      objectId: task.id,
      projectId: project.id,
      version: task.version + 1,
      updatedAt: expect.any(String),
    });
    expect(lead.user.id).not.toBe(member.user.id);
  });

  it("stops sending a members-only project's changes to someone removed from it", async () => {
    const { lead, member, project, task, leadCaller } = await membersProject();
    const control = await join(lead.cookie);
    const removed = await join(member.cookie);
    await enter(control, "project", project.id);
    await enter(removed, "project", project.id);
    const revoked = next(removed, "access:revoked");
    await leadCaller.projects.removeMember({ projectId: project.id, userId: member.user.id });
    expect(await revoked).toEqual({ projectId: project.id });
    const seenByRemoved = record(removed, "changed");

    const board = await leadCaller.tasks.board({ projectId: project.id });
    const controlSaw = next(control, "changed", (c) => c.verb === "task.moved");
    await leadCaller.tasks.move({ id: task.id, version: task.version, stateId: board.columns[2]!.id, position: 1 });
    await controlSaw;
    expect(seenByRemoved).toEqual([]);
    const rooms = (await server.io.in(`user:${member.user.id}`).fetchSockets())[0]?.rooms;
    expect([...(rooms ?? [])].filter((r) => r.includes(project.id))).toEqual([]);
    // And presence on that page no longer lists the removed person.
    expect(server.presence.page(`page:project:${project.id}`).map((p) => p.userId)).toEqual([lead.user.id]);
  });
});
