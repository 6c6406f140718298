import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TServices } from "@kreisnetz/api/context";
import { EventLog } from "@kreisnetz/api/events";
import { createSession, endSessions } from "@kreisnetz/api/session";
import { createTestDatabase, type TestDatabase } from "@kreisnetz/db/test-db";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { attachSocketServer, type TSocketServer } from "./socket.ts";

let testDb: TestDatabase;
let services: TServices;
let httpServer: Server;
let io: TSocketServer;
let url: string;

beforeAll(async () => {
  testDb = await createTestDatabase(inject("pgAdminUrl"));
  services = { db: testDb.db, events: new EventLog(testDb.db), sessionSecret: "socket-test-secret-0123456789abcdef" };
  httpServer = createServer();
  io = attachSocketServer(httpServer, services);
  services.onSessionsEnded = (userId) => io.in(`user:${userId}`).disconnectSockets(true);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  io.close();
  await testDb.drop();
});

function open(cookie?: string): Socket {
  return connect(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
}

async function sessionCookie(secondFactorOk = true) {
  const unit = await createUnit(testDb.db);
  const user = await createUser(testDb.db, { unitId: unit.id });
  const token = await createSession(testDb.db, user.id, { secondFactorOk, userAgent: "socket-test" });
  return { user, cookie: `kn_session=${token}` };
}

describe("Socket.IO handshake", () => {
  it("welcomes a socket with a valid session cookie and puts it in its user room", async () => {
    const { user, cookie } = await sessionCookie();
    const socket = open(cookie);
    const welcome = await new Promise<{ userId: string }>((resolve, reject) => {
      socket.on("welcome", resolve);
      socket.on("connect_error", reject);
    });
    expect(welcome.userId).toBe(user.id);
    const inRoom = await io.in(`user:${user.id}`).fetchSockets();
    expect(inRoom).toHaveLength(1);
    socket.close();
  });

  it("refuses sockets without a cookie, with an unknown token, or before the second factor", async () => {
    const { cookie: halfLoggedIn } = await sessionCookie(false);
    for (const cookie of [undefined, "kn_session=forged-token", halfLoggedIn]) {
      const socket = open(cookie);
      const error = await new Promise<Error>((resolve) => socket.on("connect_error", resolve));
      expect(error.message).toBe("unauthorized");
      socket.close();
    }
  });

  it("disconnects the person's sockets when their sessions end", async () => {
    const { user, cookie } = await sessionCookie();
    const socket = open(cookie);
    await new Promise((resolve) => socket.on("welcome", resolve));
    const disconnected = new Promise<string>((resolve) => socket.on("disconnect", resolve));
    await endSessions(services, testDb.db, user.id);
    expect(await disconnected).toBe("io server disconnect");
  });
});
