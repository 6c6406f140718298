/** Shared by the Socket.IO integration tests (not part of the app). */
import { createContext, type TServices } from "@kreisnetz/api/context";
import { createCaller } from "@kreisnetz/api/router";
import { createSession, resolveSession } from "@kreisnetz/api/session";
import type { Db } from "@kreisnetz/db/client";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import type { TPersonPresence } from "@kreisnetz/shared/presence";
import {
  applyPagePresence,
  rooms,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type TPageType,
} from "@kreisnetz/shared/realtime";
import { io as connect, type Socket } from "socket.io-client";

export type TClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function person(db: Db, unitId?: string) {
  const unit = unitId ?? (await createUnit(db)).id;
  const user = await createUser(db, { unitId: unit });
  const token = await createSession(db, user.id, { secondFactorOk: true, userAgent: "socket-test" });
  return { user, token, cookie: `kn_session=${token}` };
}

export async function callerFor(services: TServices, token: string) {
  const resolved = await resolveSession(services.db, token);
  if (!resolved) throw new Error("no session");
  return createCaller(
    createContext(services, {
      actor: resolved.actor,
      session: resolved.session,
      locale: "de",
      ip: "127.0.0.1",
      userAgent: "socket-test",
    }),
  );
}

export function open(url: string, cookie?: string): TClient {
  return connect(url, {
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
  });
}

/** Connects and waits for the welcome. */
export async function connected(url: string, cookie: string): Promise<TClient> {
  const socket = open(url, cookie);
  await new Promise<void>((resolve, reject) => {
    socket.once("welcome", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Resolves with the first event payload that satisfies `accept` (or rejects after `ms`). */
export function next<E extends keyof ServerToClientEvents>(
  socket: TClient,
  event: E,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no matching "${event}" within ${ms} ms`));
    }, ms);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

/** Collects every payload of an event from now on. */
export function record<E extends keyof ServerToClientEvents>(socket: TClient, event: E) {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  socket.on(event, ((payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload)) as never);
  return seen;
}

export function enter(socket: TClient, type: TPageType, id: string) {
  return socket.emitWithAck("page:enter", { type, id });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh project key (letters only). */
export function projectKey(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
}

/**
 * Enters a page and keeps the list of who is there as the socket sees it (the
 * enter answer, then full lists and deltas); `until` waits for a condition on it.
 */
export async function watchPage(socket: TClient, type: TPageType, id: string) {
  const page = rooms.page(type, id);
  let people: TPersonPresence[] = [];
  const waiters = new Set<() => void>();
  socket.on("presence:page", (payload) => {
    if (payload.page !== page) return;
    people = applyPagePresence(people, payload);
    for (const check of [...waiters]) check();
  });
  const ack = await enter(socket, type, id);
  if (!ack.ok) throw new Error(`could not enter ${page}`);
  people = ack.people;
  return {
    get people() {
      return people;
    },
    until(accept: (people: TPersonPresence[]) => boolean, ms = 10_000): Promise<TPersonPresence[]> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`presence on ${page} never matched; last: ${JSON.stringify(people)}`));
        }, ms);
        const check = () => {
          if (!accept(people)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(people);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
