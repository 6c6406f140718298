/**
 * Socket.IO event maps shared by server and browser. Broadcasts carry ids and
 * versions only; clients refetch through tRPC, which applies permissions.
 * Rooms: `user:<id>`, `session:<id>`, `unit:<id>`, `project:<id>`, `page:<type>:<id>`,
 * and `presence:online` for sockets that show the list of colleagues online.
 */
import type { TPersonPresence, TPresenceEntry } from "./presence.ts";

/** Pages that show who is there: project, task, knowledge article, minutes, news post. */
export const PAGE_TYPES = ["project", "task", "article", "minutes", "news"] as const;
export type TPageType = (typeof PAGE_TYPES)[number];
export type TPageRef = { type: TPageType; id: string };

export function isPageType(value: unknown): value is TPageType {
  return typeof value === "string" && (PAGE_TYPES as readonly string[]).includes(value);
}

/**
 * "Something you show changed; refetch it." Sent to `project:<projectId>` and to
 * `page:<objectType>:<objectId>` for every activity event (outbox handler
 * `realtime-broadcaster`). Never carries content, only what identifies the change.
 */
export type TChangedPayload = {
  /** Activity event id (decimal string): clients can drop duplicates. */
  eventId: string;
  verb: string;
  objectType: string;
  objectId: string;
  projectId: string | null;
  /** The object's version after the change, when the event recorded one. */
  version: number | null;
  /** When the change was committed (ISO). */
  updatedAt: string;
};

/**
 * Who is on a page: either the full list (`people`, after many changes at once) or
 * what changed (`delta`: each person as they appear now, `person: null` = gone), so
 * that a join on a page with 200 viewers sends 200 small messages, not 200 lists.
 */
export type TPagePresencePayload =
  | { page: string; people: TPersonPresence[] }
  | { page: string; delta: { userId: string; person: TPersonPresence | null }[] };

/** Applies a page presence message to the list a client holds (sorted by name, as the server sorts). */
export function applyPagePresence(
  current: readonly TPersonPresence[],
  payload: TPagePresencePayload,
): TPersonPresence[] {
  if ("people" in payload) return payload.people;
  const changed = new Set(payload.delta.map((d) => d.userId));
  const next = current.filter((p) => !changed.has(p.userId));
  for (const { person } of payload.delta) if (person) next.push(person);
  return next.sort((a, b) => a.name.localeCompare(b.name, "de") || a.userId.localeCompare(b.userId));
}
export type TUserPresencePayload = {
  userId: string;
  name: string;
  unitId: string;
  status: "online" | "away" | "offline";
};

export type ServerToClientEvents = {
  /** Sent once after the handshake: who the server thinks this socket is. */
  welcome: (payload: { userId: string; hidden: boolean }) => void;
  changed: (payload: TChangedPayload) => void;
  /** Who is on a page the socket entered (full list, small), after every change. */
  "presence:page": (payload: TPagePresencePayload) => void;
  /** One person's online state changed (only to sockets in `presence:online`). */
  "presence:user": (payload: TUserPresencePayload) => void;
  /** The socket lost read access to a project (removed, visibility changed): it left its rooms. */
  "access:revoked": (payload: { projectId: string }) => void;
  /** Something for the person's notification badge changed; refetch the count. */
  notifications: (payload: { eventId: string }) => void;
};

export type TEnterAck = { ok: true; people: TPersonPresence[] } | { ok: false };

export type ClientToServerEvents = {
  ping: (ack: (payload: { now: string }) => void) => void;
  /** Enter a page (leaving the previous one): authorized, then the socket joins its rooms. */
  "page:enter": (page: TPageRef, ack: (result: TEnterAck) => void) => void;
  "page:leave": () => void;
  /** "bearbeitet gerade" on the current page: a soft lock others see, nothing is blocked. */
  "presence:editing": (editing: boolean) => void;
  /** The tab saw no input for a while (or became active again). */
  "presence:away": (away: boolean) => void;
  /** Subscribe to the online list (optionally one unit) and get it now. */
  "presence:online": (filter: { unitId?: string }, ack: (people: TPersonPresence[]) => void) => void;
};

/** Messages between app instances (through the PostgreSQL adapter). */
export type InterServerEvents = {
  "presence:upsert": (entry: TPresenceEntry) => void;
  "presence:remove": (serverId: string, socketId: string) => void;
  /** Heartbeat: the sender's complete list of local entries. */
  "presence:snapshot": (serverId: string, entries: TPresenceEntry[]) => void;
  /** A new instance asks the others for their snapshots. */
  "presence:hello": (serverId: string) => void;
  /** An instance shuts down cleanly: drop its entries now. */
  "presence:bye": (serverId: string) => void;
  "presence:hidden": (userId: string, hidden: boolean) => void;
  /** Re-check read access of the project's room members (after a removal or visibility change). */
  "access:recheck": (projectId: string) => void;
};

export type SocketData = {
  userId: string;
  unitId: string;
  sessionId: string;
  name: string;
  hidden: boolean;
  /** The page the socket is on (room name) or null. */
  page: string | null;
  /** Rooms joined because of a project (room -> project id): left again when access ends. */
  scopes: Record<string, string>;
};

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  unit: (id: string) => `unit:${id}`,
  project: (id: string) => `project:${id}`,
  page: (type: string, id: string) => `page:${type}:${id}`,
  online: "presence:online",
} as const;

/** A tab without keyboard, pointer or focus for this long counts as away. */
export const AWAY_AFTER_MS = 5 * 60 * 1000;
