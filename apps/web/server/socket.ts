import type { Server as HttpServer } from "node:http";
import type { TServices } from "@kreisnetz/api/context";
import { resolveSession, SESSION_COOKIE } from "@kreisnetz/api/session";
import {
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "@kreisnetz/shared/realtime";
import { parse as parseCookie } from "cookie";
import { Server } from "socket.io";

export type TSocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * Socket.IO on the app's HTTP server, authenticated from the session cookie at
 * the handshake (never a token in the URL). Presence and live updates build on it.
 */
export function attachSocketServer(httpServer: HttpServer, services: TServices, publicUrl?: string): TSocketServer {
  const io: TSocketServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000 },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const host = req.headers.host;
      callback(null, !origin || origin === publicUrl || (host !== undefined && hostOf(origin) === host));
    },
  });

  io.use(async (socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? "")[SESSION_COOKIE];
    const resolved = await resolveSession(services.db, token).catch(() => null);
    if (!resolved?.session.secondFactorOk) return next(new Error("unauthorized"));
    socket.data.userId = resolved.actor.id;
    socket.data.unitId = resolved.actor.unitId;
    next();
  });

  io.on("connection", (socket) => {
    void socket.join([rooms.user(socket.data.userId), rooms.unit(socket.data.unitId)]);
    socket.emit("welcome", { userId: socket.data.userId });
    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ now: new Date().toISOString() });
    });
  });

  return io;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
