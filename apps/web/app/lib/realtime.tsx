/**
 * The browser side of live presence and updates: one Socket.IO connection per tab
 * (cookie-authenticated, nothing in the URL), a visible connection state, away
 * detection, and hooks for pages. Broadcasts carry ids only: pages react by
 * revalidating their Remix loaders, which refetch through tRPC with permissions.
 */
import { useRevalidator } from "@remix-run/react";
import type { TPersonPresence } from "@kreisnetz/shared/presence";
import {
  applyPagePresence,
  AWAY_AFTER_MS,
  rooms,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type TChangedPayload,
  type TPagePresencePayload,
  type TPageRef,
  type TUserPresencePayload,
} from "@kreisnetz/shared/realtime";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { io, type Socket } from "socket.io-client";

type TClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export type TConnectionStatus = "connecting" | "live" | "offline" | "ended";

type TRealtime = { socket: TClient | null; status: TConnectionStatus; userId: string | null; resyncs: number };

const RealtimeContext = createContext<TRealtime>({ socket: null, status: "connecting", userId: null, resyncs: 0 });

export function useRealtime(): TRealtime {
  return useContext(RealtimeContext);
}

/** Connects once per tab while someone is logged in; reconnects and resyncs on its own. */
export function RealtimeProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [state, setState] = useState<TRealtime>({ socket: null, status: "connecting", userId: null, resyncs: 0 });
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    if (!enabled) return;
    const socket: TClient = io({ path: "/socket.io", reconnectionDelay: 500, reconnectionDelayMax: 10_000 });
    let connectedBefore = false;
    const patch = (next: Partial<TRealtime>) => setState((s) => ({ ...s, ...next }));
    socket.on("welcome", ({ userId }) => patch({ userId }));
    socket.on("connect", () => {
      // Missed broadcasts are replayed when the server recovered the session; otherwise refetch.
      const resync = connectedBefore && !socket.recovered;
      connectedBefore = true;
      setState((s) => ({ ...s, socket, status: "live", resyncs: s.resyncs + (resync ? 1 : 0) }));
      if (resync) revalidate.current();
    });
    socket.on("disconnect", (reason) => patch({ status: reason === "io server disconnect" ? "ended" : "offline" }));
    socket.on("connect_error", (error) =>
      patch({ status: error.message === "unauthorized" ? "ended" : socket.active ? "offline" : "ended" }),
    );
    patch({ socket });

    // Away after a while without keyboard, pointer or focus; back on the next input.
    let away = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const setAway = (value: boolean) => {
      if (value === away) return;
      away = value;
      socket.emit("presence:away", value);
    };
    const active = () => {
      setAway(false);
      clearTimeout(timer);
      timer = setTimeout(() => setAway(true), AWAY_AFTER_MS);
    };
    const inputs = ["pointerdown", "keydown", "focus", "visibilitychange"] as const;
    for (const name of inputs) window.addEventListener(name, active, { passive: true });
    active();

    return () => {
      clearTimeout(timer);
      for (const name of inputs) window.removeEventListener(name, active);
      socket.close();
      setState({ socket: null, status: "connecting", userId: null, resyncs: 0 });
    };
  }, [enabled]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

/** Who is on this page (others and yourself), kept current; re-entered after every reconnect. */
export function usePagePresence(page: TPageRef | null): { people: TPersonPresence[]; entered: boolean } {
  const { socket } = useRealtime();
  const [people, setPeople] = useState<TPersonPresence[]>([]);
  const [entered, setEntered] = useState(false);
  const type = page?.type;
  const id = page?.id;

  useEffect(() => {
    if (!socket || !type || !id) return;
    const room = rooms.page(type, id);
    let alive = true;
    const enter = () => {
      socket.emit("page:enter", { type, id }, (result) => {
        if (!alive) return;
        setEntered(result.ok);
        setPeople(result.ok ? result.people : []);
      });
    };
    const onPage = (payload: TPagePresencePayload) => {
      if (payload.page === room) setPeople((current) => applyPagePresence(current, payload));
    };
    const onRevoked = () => {
      setEntered(false);
      setPeople([]);
    };
    socket.on("connect", enter);
    socket.on("presence:page", onPage);
    socket.on("access:revoked", onRevoked);
    if (socket.connected) enter();
    return () => {
      alive = false;
      socket.off("connect", enter);
      socket.off("presence:page", onPage);
      socket.off("access:revoked", onRevoked);
      if (socket.connected) socket.emit("page:leave");
      setEntered(false);
      setPeople([]);
    };
  }, [socket, type, id]);

  return { people, entered };
}

/** "bearbeitet gerade": tells others on the page while `editing` is true (a warning, not a lock). */
export function useEditingSignal(editing: boolean): void {
  const { socket, status } = useRealtime();
  useEffect(() => {
    if (!socket || status !== "live") return;
    socket.emit("presence:editing", editing);
    return () => {
      if (editing) socket.emit("presence:editing", false);
    };
  }, [socket, status, editing]);
}

/** Typing in a form counts as editing until it is sent, reset, or left alone this long. */
export const EDITING_IDLE_MS = 2 * 60 * 1000;

/**
 * "Editing" for pages without a dedicated edit mode: true once the person types or
 * changes a field in a form inside `container`, false after submitting it, resetting
 * it or EDITING_IDLE_MS without input. Feeds `useEditingSignal` (a warning, no lock).
 */
export function useEditingWithin(container: RefObject<HTMLElement | null>): boolean {
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(idle);
      setEditing(false);
    };
    const onInput = (event: Event) => {
      if (!(event.target instanceof HTMLElement) || !event.target.closest("form")) return;
      setEditing(true);
      clearTimeout(idle);
      idle = setTimeout(stop, EDITING_IDLE_MS);
    };
    element.addEventListener("input", onInput);
    element.addEventListener("submit", stop);
    element.addEventListener("reset", stop);
    return () => {
      clearTimeout(idle);
      element.removeEventListener("input", onInput);
      element.removeEventListener("submit", stop);
      element.removeEventListener("reset", stop);
    };
  }, [container]);
  return editing;
}

/**
 * Revalidates the page's loaders when a matching change arrives (coalesced), or
 * when access was revoked. While `paused` (the person is typing in a form that
 * carries a version) changes wait and are applied once it ends: the version guard
 * then reports a conflict instead of a silent overwrite. Returns how many
 * revalidations ran.
 */
export function useLiveRevalidate(matches: (change: TChangedPayload) => boolean, paused = false): number {
  const { socket } = useRealtime();
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const match = useRef(matches);
  match.current = matches;
  const hold = useRef(paused);
  hold.current = paused;
  const pending = useRef(false);
  const [applied, setApplied] = useState(0);
  const run = useRef(() => {
    pending.current = false;
    revalidate.current();
    setApplied((n) => n + 1);
  });

  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Set<string>();
    const schedule = () => {
      clearTimeout(timer);
      pending.current = true;
      if (hold.current) return;
      timer = setTimeout(() => run.current(), 100);
    };
    const onChanged = (change: TChangedPayload) => {
      if (seen.has(change.eventId) || !match.current(change)) return;
      seen.add(change.eventId);
      schedule();
    };
    socket.on("changed", onChanged);
    socket.on("access:revoked", schedule);
    return () => {
      clearTimeout(timer);
      socket.off("changed", onChanged);
      socket.off("access:revoked", schedule);
    };
  }, [socket]);

  useEffect(() => {
    if (!paused && pending.current) run.current();
  }, [paused]);

  return applied;
}

/** The online list (optionally one unit), kept current from per-person deltas. */
export function useOnline(unitId: string | undefined): { people: TPersonPresence[] | null } {
  const { socket, status } = useRealtime();
  const [people, setPeople] = useState<TPersonPresence[] | null>(null);

  useEffect(() => {
    if (!socket || status !== "live") return;
    let alive = true;
    socket.emit("presence:online", { unitId }, (list) => {
      if (alive) setPeople(list);
    });
    const onUser = (delta: TUserPresencePayload) => {
      setPeople((list) => {
        if (!list) return list;
        const rest = list.filter((p) => p.userId !== delta.userId);
        if (delta.status === "offline" || (unitId && delta.unitId !== unitId)) return rest;
        const person: TPersonPresence = { ...delta, status: delta.status, editing: false };
        return [...rest, person].sort((a, b) => a.name.localeCompare(b.name, "de"));
      });
    };
    socket.on("presence:user", onUser);
    return () => {
      alive = false;
      socket.off("presence:user", onUser);
    };
  }, [socket, status, unitId]);

  return { people };
}

/** Hook point for the notification badge: counts notification signals since the page loaded. */
export function useNotificationSignals(): number {
  const { socket } = useRealtime();
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!socket) return;
    const onNotify = () => setCount((n) => n + 1);
    socket.on("notifications", onNotify);
    return () => {
      socket.off("notifications", onNotify);
    };
  }, [socket]);
  return count;
}
