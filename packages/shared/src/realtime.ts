/**
 * Socket.IO event maps shared by server and browser. Broadcasts carry ids and
 * versions only; clients refetch through tRPC, which applies permissions.
 * Rooms: `user:<id>`, `unit:<id>`, `project:<id>`, `page:<type>:<id>`.
 */
export type ServerToClientEvents = {
  /** Sent once after the handshake: who the server thinks this socket is. */
  welcome: (payload: { userId: string }) => void;
  /** Something the client shows changed; refetch it. */
  changed: (payload: { objectType: string; objectId: string; updatedAt: string }) => void;
};

export type ClientToServerEvents = {
  ping: (ack: (payload: { now: string }) => void) => void;
};

export type InterServerEvents = Record<string, never>;

export type SocketData = { userId: string; unitId: string };

export const rooms = {
  user: (id: string) => `user:${id}`,
  unit: (id: string) => `unit:${id}`,
  project: (id: string) => `project:${id}`,
  page: (type: string, id: string) => `page:${type}:${id}`,
} as const;
