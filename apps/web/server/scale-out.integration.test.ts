/**
 * Two app instances (own HTTP server, own port, own database pool, own outbox
 * dispatcher) against one PostgreSQL, sharing Socket.IO through the PostgreSQL
 * adapter: presence and board changes made through B reach a user on A.
 */
import { createServer, type Server } from "node:http";
import { createContext, type TServices } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { createRealtimeBroadcaster } from "@kreisnetz/api/realtime";
import { appRouter } from "@kreisnetz/api/router";
import { logout, resolveSession, SESSION_COOKIE } from "@kreisnetz/api/session";
import { createDb, type Db } from "@kreisnetz/db/client";
import { createTestDatabase, type TestDatabase } from "@kreisnetz/db/test-db";
import { getFreePort } from "@kreisnetz/embedded/ports";
import * as trpcExpress from "@trpc/server/adapters/express";
import { parse as parseCookie } from "cookie";
import express from "express";
import pg from "pg";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callerFor, connected, enter, next, person, projectKey, watchPage, type TClient } from "./realtime-test-kit.ts";
import { attachSocketServer, type TRealtimeServer } from "./socket.ts";

type TInstance = { url: string; db: Db; services: TServices; sockets: TRealtimeServer; pool: pg.Pool; http: Server };

let testDb: TestDatabase;
let a: TInstance;
let b: TInstance;
const clients: TClient[] = [];

async function startInstance(databaseUrl: string): Promise<TInstance> {
  const db = createDb(databaseUrl, { max: 4 });
  const services: TServices = { db, events: new EventLog(db), sessionSecret: "scale-out-secret-0123456789abcdef" };
  const app = express();
  app.use(
    "/api/trpc",
    trpcExpress.createExpressMiddleware({
      router: appRouter,
      createContext: async ({ req }) => {
        const resolved = await resolveSession(db, parseCookie(req.headers.cookie ?? "")[SESSION_COOKIE]);
        return createContext(services, {
          actor: resolved?.actor ?? null,
          session: resolved?.session ?? null,
          locale: "de",
          ip: "127.0.0.1",
          userAgent: "scale-out-test",
        });
      },
    }),
  );
  const http = createServer(app);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const sockets = attachSocketServer(http, services, { adapterPool: pool });
  services.realtime = sockets.realtime;
  services.events.register(createRealtimeBroadcaster(sockets.target));
  const port = await getFreePort();
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, db, services, sockets, pool, http };
}

async function stopInstance(instance: TInstance | undefined) {
  if (!instance) return;
  await instance.sockets.close();
  await instance.pool.end();
  await instance.db.$disconnect();
}

beforeAll(async () => {
  testDb = await createTestDatabase(inject("pgAdminUrl"));
  a = await startInstance(testDb.url);
  b = await startInstance(testDb.url);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stopInstance(a);
  await stopInstance(b);
  await testDb?.drop();
});

async function connect(instance: TInstance, cookie: string) {
  const socket = await connected(instance.url, cookie);
  clients.push(socket);
  return socket;
}

/** tRPC over HTTP, as the browser calls it. */
async function trpcMutation(instance: TInstance, cookie: string, procedure: string, input: unknown) {
  const response = await fetch(`${instance.url}/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(superjson.serialize(input)),
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe("two instances behind one database", () => {
  it("runs on two ports", () => {
    expect(a.url).not.toBe(b.url);
  });

  it("a user on A sees a user on B on the same page and in the online list, and B's board change reaches A", async () => {
    const lead = await person(testDb.db);
    const member = await person(testDb.db);
    const leadCaller = await callerFor(a.services, lead.token);
    const project = await leadCaller.projects.create({
      key: projectKey(),
      title: "Zwei Server",
      leadUnitId: lead.user.unitId,
      visibility: "MEMBERS",
    });
    await leadCaller.projects.addMember({ projectId: project.id, userId: member.user.id, role: "MEMBER" });
    const task = await leadCaller.tasks.create({ projectId: project.id, title: "Wandert" });

    const onA = await connect(a, lead.cookie);
    const view = await watchPage(onA, "project", project.id);
    const onB = await connect(b, member.cookie);

    expect(await enter(onB, "project", project.id)).toMatchObject({ ok: true });
    const seen = await view.until((people) => people.some((x) => x.userId === member.user.id));
    expect(seen.map((p) => p.userId).sort()).toEqual([lead.user.id, member.user.id].sort());
    const online = await onA.emitWithAck("presence:online", {});
    expect(online.map((p) => p.userId)).toContain(member.user.id);
    // B holds the member's socket; A only knows it from B's messages.
    expect(a.sockets.presence.entriesOf(b.sockets.serverId).map((e) => e.userId)).toEqual([member.user.id]);

    const board = await leadCaller.tasks.board({ projectId: project.id });
    const moved = next(onA, "changed", (c) => c.verb === "task.moved" && c.objectId === task.id);
    await trpcMutation(b, member.cookie, "tasks.move", {
      id: task.id,
      version: task.version,
      stateId: board.columns[1]!.id,
      position: 2048,
    });
    expect(await moved).toMatchObject({ projectId: project.id, version: task.version + 1 });

    // Leaving on B clears the person from A's page list.
    onB.close();
    const left = await view.until((people) => !people.some((x) => x.userId === member.user.id));
    expect(left.map((p) => p.userId)).toEqual([lead.user.id]);
  });

  it("logging out on A drops that session's socket held by B", async () => {
    const someone = await person(testDb.db);
    const onB = await connect(b, someone.cookie);
    const gone = new Promise<string>((resolve) => onB.on("disconnect", resolve));
    await logout(a.services, someone.token);
    expect(await gone).toBe("io server disconnect");
  });
});
