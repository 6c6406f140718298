import { randomUUID } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import type { TRealtime, TServices } from "@kreisnetz/api/context";
import { authorizePage, canStillReadProject, isHidden, type TBroadcastTarget } from "@kreisnetz/api/realtime";
import { resolveSession, SESSION_COOKIE } from "@kreisnetz/api/session";
import {
  PRESENCE_HEARTBEAT_MS,
  PresenceStore,
  type TPresenceChange,
  type TPresenceEntry,
} from "@kreisnetz/shared/presence";
import {
  isPageType,
  rooms,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from "@kreisnetz/shared/realtime";
import { createAdapter } from "@socket.io/postgres-adapter";
import { parse as parseCookie } from "cookie";
import type pg from "pg";
import { Server, type Socket } from "socket.io";

/** Up to this many people changed on a page: send what changed; more (a snapshot, an expiry): the full list. */
const DELTA_LIMIT = 5;

export type TSocketServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type TSocketOptions = {
  publicUrl?: string;
  /**
   * A pg pool on the app's PostgreSQL: instances then share rooms, broadcasts and
   * presence through `@socket.io/postgres-adapter`. Without it the in-memory adapter
   * serves one instance and Socket.IO's connection state recovery is available
   * (the PostgreSQL adapter does not support it; clients resync instead).
   */
  adapterPool?: pg.Pool;
  /** How often open sockets' sessions are re-checked (expiry, missed logouts). */
  sessionCheckMs?: number;
};

export type TRealtimeServer = {
  io: TSocketServer;
  serverId: string;
  presence: PresenceStore;
  /** For services (logout, deactivation, appear offline). */
  realtime: TRealtime;
  /** For the outbox handler "realtime-broadcaster". */
  target: TBroadcastTarget;
  close(): Promise<void>;
};

/**
 * Socket.IO on the app's HTTP server, authenticated from the session cookie at
 * the handshake (never a token in the URL). Each instance keeps a replica of all
 * presence (`PresenceStore`), fed by its own sockets and by the other instances'
 * messages and heartbeats, and tells its own sockets what changed.
 */
export function attachSocketServer(
  httpServer: HttpServer,
  services: TServices,
  options: TSocketOptions = {},
): TRealtimeServer {
  const { publicUrl, adapterPool } = options;
  const clustered = Boolean(adapterPool);
  const serverId = randomUUID();
  const presence = new PresenceStore();
  const mine = new Map<string, TPresenceEntry>();

  const io: TSocketServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    ...(adapterPool
      ? { adapter: createAdapter(adapterPool, { heartbeatInterval: 5_000, heartbeatTimeout: 15_000 }) }
      : { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false } }),
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const host = req.headers.host;
      callback(null, !origin || origin === publicUrl || (host !== undefined && hostOf(origin) === host));
    },
  });

  const toOthers = <E extends keyof InterServerEvents>(event: E, ...args: Parameters<InterServerEvents[E]>) => {
    if (clustered) io.serverSideEmit(event, ...args);
  };

  /** Tells this instance's sockets what a presence change means for them. */
  const publish = (change: TPresenceChange) => {
    for (const [page, users] of change.pages) {
      if (users.size > DELTA_LIMIT) {
        io.local.to(page).emit("presence:page", { page, people: presence.page(page) });
      } else {
        const delta = [...users].map((userId) => ({ userId, person: presence.pagePerson(page, userId) }));
        io.local.to(page).emit("presence:page", { page, delta });
      }
    }
    for (const [userId, person] of change.people) {
      io.local.to(rooms.online).emit("presence:user", { userId, ...person });
    }
  };

  const update = (socket: TSocket, patch: Partial<TPresenceEntry>) => {
    const current = mine.get(socket.id);
    if (!current) return;
    const next = { ...current, ...patch };
    mine.set(socket.id, next);
    publish(presence.upsert(next, Date.now()));
    toOthers("presence:upsert", next);
  };

  const leaveScopes = async (socket: TSocket, projectId?: string) => {
    for (const [room, scope] of Object.entries(socket.data.scopes)) {
      if (projectId && scope !== projectId) continue;
      await socket.leave(room);
      delete socket.data.scopes[room];
      if (room === socket.data.page) socket.data.page = null;
    }
  };

  io.use(async (socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? "")[SESSION_COOKIE];
    const resolved = await resolveSession(services.db, token).catch(() => null);
    if (!resolved?.session.secondFactorOk) return next(new Error("unauthorized"));
    const hidden = await isHidden(services.db, resolved.actor.id).catch(() => null);
    if (hidden === null) return next(new Error("unavailable"));
    const recovered = socket.data.scopes ?? {};
    socket.data = {
      userId: resolved.actor.id,
      unitId: resolved.actor.unitId,
      sessionId: resolved.session.id,
      name: resolved.actor.name,
      hidden,
      page: socket.data.page ?? null,
      scopes: recovered,
    };
    next();
  });

  io.on("connection", (socket) => {
    const { data } = socket;
    void socket.join([rooms.user(data.userId), rooms.session(data.sessionId), rooms.unit(data.unitId)]);
    const entry: TPresenceEntry = {
      serverId,
      socketId: socket.id,
      userId: data.userId,
      name: data.name,
      unitId: data.unitId,
      hidden: data.hidden,
      away: false,
      page: socket.recovered ? data.page : null,
      editing: false,
    };
    if (!socket.recovered) data.scopes = {};
    mine.set(socket.id, entry);
    publish(presence.upsert(entry, Date.now()));
    toOthers("presence:upsert", entry);
    socket.emit("welcome", { userId: data.userId, hidden: data.hidden });

    socket.on("ping", (ack) => {
      if (typeof ack === "function") ack({ now: new Date().toISOString() });
    });

    socket.on("page:enter", async (page, ack) => {
      if (typeof ack !== "function") return;
      if (!page || !isPageType(page.type) || typeof page.id !== "string") return ack({ ok: false });
      const grant = await authorizePage(services.db, data.userId, page).catch(() => null);
      if (!grant || !socket.connected) return ack({ ok: false });
      const room = rooms.page(page.type, page.id);
      await leaveScopes(socket);
      const scope = grant.projectId ?? "";
      const joined = grant.projectId ? [room, rooms.project(grant.projectId)] : [room];
      await socket.join(joined);
      for (const r of joined) data.scopes[r] = scope;
      data.page = room;
      update(socket, { page: room, editing: false });
      ack({ ok: true, people: presence.page(room) });
    });

    socket.on("page:leave", async () => {
      await leaveScopes(socket);
      data.page = null;
      update(socket, { page: null, editing: false });
    });

    socket.on("presence:editing", (editing) => {
      if (data.page) update(socket, { editing: editing === true });
    });

    socket.on("presence:away", (away) => update(socket, { away: away === true }));

    socket.on("presence:online", async (filter, ack) => {
      if (typeof ack !== "function") return;
      await socket.join(rooms.online);
      const unitId = typeof filter?.unitId === "string" && filter.unitId ? filter.unitId : undefined;
      ack(presence.online({ unitId }));
    });

    socket.on("disconnect", () => {
      mine.delete(socket.id);
      publish(presence.remove(serverId, socket.id));
      toOthers("presence:remove", serverId, socket.id);
    });
  });

  // ---- messages from the other instances ----
  const now = () => Date.now();
  io.on("presence:upsert", (entry) => {
    if (entry.serverId !== serverId) publish(presence.upsert(entry, now()));
  });
  io.on("presence:remove", (from, socketId) => {
    if (from !== serverId) publish(presence.remove(from, socketId));
  });
  io.on("presence:snapshot", (from, entries) => {
    if (from !== serverId) publish(presence.replaceServer(from, entries, now()));
  });
  io.on("presence:hello", (from) => {
    if (from !== serverId) toOthers("presence:snapshot", serverId, [...mine.values()]);
  });
  io.on("presence:bye", (from) => {
    if (from !== serverId) publish(presence.dropServer(from));
  });

  const applyHidden = (userId: string, hidden: boolean) => {
    for (const [socketId, entry] of mine) {
      if (entry.userId !== userId) continue;
      mine.set(socketId, { ...entry, hidden });
      const socket = io.sockets.sockets.get(socketId);
      if (socket) socket.data.hidden = hidden;
    }
    publish(presence.setHidden(userId, hidden));
  };
  io.on("presence:hidden", applyHidden);

  /** Local sockets in the project's room whose person can no longer read it leave its rooms. */
  const recheckProject = async (projectId: string) => {
    const ids = io.sockets.adapter.rooms.get(rooms.project(projectId));
    if (!ids) return;
    const byUser = new Map<string, TSocket[]>();
    for (const id of ids) {
      const socket = io.sockets.sockets.get(id);
      if (socket) byUser.set(socket.data.userId, [...(byUser.get(socket.data.userId) ?? []), socket]);
    }
    for (const [userId, sockets] of byUser) {
      if (await canStillReadProject(services.db, userId, projectId)) continue;
      for (const socket of sockets) {
        const page = socket.data.page;
        await leaveScopes(socket, projectId);
        if (page && socket.data.page === null) update(socket, { page: null, editing: false });
        socket.emit("access:revoked", { projectId });
      }
    }
  };
  io.on("access:recheck", (projectId) => void recheckProject(projectId).catch((e) => console.error("[socket]", e)));

  /** Drops sockets whose session ended without a direct call (expiry, a missed message). */
  const recheckSessions = async () => {
    const sessions = [...new Set([...io.sockets.sockets.values()].map((s) => s.data.sessionId))];
    if (sessions.length === 0) return;
    const valid = new Set(
      (
        await services.db.session.findMany({
          where: { id: { in: sessions }, expiresAt: { gte: new Date() }, user: { deactivatedAt: null } },
          select: { id: true },
        })
      ).map((s) => s.id),
    );
    for (const socket of io.sockets.sockets.values()) if (!valid.has(socket.data.sessionId)) socket.disconnect(true);
  };

  const heartbeat = setInterval(() => {
    presence.beat(serverId, now());
    toOthers("presence:snapshot", serverId, [...mine.values()]);
    publish(presence.expire(now()));
  }, PRESENCE_HEARTBEAT_MS);
  heartbeat.unref();
  const sessionCheck = setInterval(
    () => void recheckSessions().catch((e) => console.error("[socket] session check:", e)),
    options.sessionCheckMs ?? 60_000,
  );
  sessionCheck.unref();
  presence.beat(serverId, now());
  toOthers("presence:hello", serverId);

  const realtime: TRealtime = {
    userSessionsEnded(userId, keepSessionId) {
      const target = io.in(rooms.user(userId));
      (keepSessionId ? target.except(rooms.session(keepSessionId)) : target).disconnectSockets(true);
    },
    sessionEnded(sessionId) {
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
    presenceVisibilityChanged(userId, hidden) {
      applyHidden(userId, hidden);
      toOthers("presence:hidden", userId, hidden);
    },
  };

  const target: TBroadcastTarget = {
    changed(targets, payload) {
      io.to(targets).emit("changed", payload);
    },
    notify(userId, eventId) {
      io.to(rooms.user(userId)).emit("notifications", { eventId });
    },
    disconnectUser(userId) {
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    async reauthorizeProject(projectId) {
      toOthers("access:recheck", projectId);
      await recheckProject(projectId);
    },
  };

  return {
    io,
    serverId,
    presence,
    realtime,
    target,
    async close() {
      clearInterval(heartbeat);
      clearInterval(sessionCheck);
      toOthers("presence:bye", serverId);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
