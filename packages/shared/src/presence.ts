/**
 * Presence, in memory only: who is online, who is on which page, who edits. Pure
 * (no I/O, no clock: callers pass `now`), so every instance keeps the same replica
 * from the same messages and the rules are unit-tested without sockets.
 *
 * One entry per socket (tab); people are derived from entries, so several tabs of
 * one person count once. Entries belong to the instance that holds the socket; an
 * instance that stops sending heartbeats is dropped with all its entries after
 * `ttlMs`, so a crashed server leaves no ghosts. Nothing here is ever stored.
 */

export type TPresenceEntry = {
  serverId: string;
  socketId: string;
  userId: string;
  name: string;
  unitId: string;
  /** The person chose to appear offline (or the admin default says so): never listed. */
  hidden: boolean;
  away: boolean;
  /** Page room (`page:<type>:<id>`) or null. */
  page: string | null;
  /** "bearbeitet gerade" on `page`. */
  editing: boolean;
};

export type TPersonPresence = {
  userId: string;
  name: string;
  unitId: string;
  status: "online" | "away";
  editing: boolean;
};

/** What a change touched: per page, the people whose appearance there changed; people whose online state changed. */
export type TPresenceChange = {
  pages: Map<string, Set<string>>;
  people: Map<string, { name: string; unitId: string; status: "online" | "away" | "offline" }>;
};

/** Heartbeats every 10 s; an instance silent for 30 s is gone (the issue allows 60 s). */
export const PRESENCE_HEARTBEAT_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;

const keyOf = (serverId: string, socketId: string) => `${serverId}\u0000${socketId}`;

export class PresenceStore {
  private readonly entries = new Map<string, TPresenceEntry>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byPage = new Map<string, Set<string>>();
  private readonly lastBeat = new Map<string, number>();

  /** Adds or replaces one socket's entry. */
  upsert(entry: TPresenceEntry, now: number): TPresenceChange {
    return this.batch([entry.userId], () => {
      this.lastBeat.set(entry.serverId, Math.max(this.lastBeat.get(entry.serverId) ?? 0, now));
      this.put(entry);
    });
  }

  remove(serverId: string, socketId: string): TPresenceChange {
    const entry = this.entries.get(keyOf(serverId, socketId));
    if (!entry) return emptyChange();
    return this.batch([entry.userId], () => this.drop(keyOf(serverId, socketId)));
  }

  /** A heartbeat with the instance's complete list: replaces what we held for it. */
  replaceServer(serverId: string, entries: readonly TPresenceEntry[], now: number): TPresenceChange {
    const users = new Set(entries.map((e) => e.userId));
    for (const entry of this.entries.values()) if (entry.serverId === serverId) users.add(entry.userId);
    return this.batch([...users], () => {
      this.lastBeat.set(serverId, now);
      for (const [key, entry] of this.entries) if (entry.serverId === serverId) this.drop(key);
      for (const entry of entries) if (entry.serverId === serverId) this.put(entry);
    });
  }

  /** The instance is alive (our own instance beats itself). */
  beat(serverId: string, now: number): void {
    this.lastBeat.set(serverId, now);
  }

  dropServer(serverId: string): TPresenceChange {
    const change = this.replaceServer(serverId, [], 0);
    this.lastBeat.delete(serverId);
    return change;
  }

  /** Drops every instance not heard from within `ttlMs`. */
  expire(now: number, ttlMs = PRESENCE_TTL_MS): TPresenceChange {
    const gone = [...this.lastBeat].filter(([, at]) => now - at > ttlMs).map(([id]) => id);
    const change = emptyChange();
    for (const serverId of gone) merge(change, this.dropServer(serverId));
    return change;
  }

  /** Applies a person's appear-offline choice to all their entries. */
  setHidden(userId: string, hidden: boolean): TPresenceChange {
    return this.batch([userId], () => {
      for (const key of this.byUser.get(userId) ?? []) {
        const entry = this.entries.get(key);
        if (entry) this.entries.set(key, { ...entry, hidden });
      }
    });
  }

  /** Visible people on a page, once each, sorted by name; away only if every tab there is away. */
  page(page: string): TPersonPresence[] {
    return this.people([...(this.byPage.get(page) ?? [])]);
  }

  /** Visible people online anywhere, optionally of one unit. */
  online(filter: { unitId?: string } = {}): TPersonPresence[] {
    const people = this.people([...this.entries.keys()]).map((p) => ({ ...p, editing: false }));
    return filter.unitId ? people.filter((p) => p.unitId === filter.unitId) : people;
  }

  /** Entries held for one instance (its heartbeat snapshot). */
  entriesOf(serverId: string): TPresenceEntry[] {
    return [...this.entries.values()].filter((e) => e.serverId === serverId);
  }

  get size(): number {
    return this.entries.size;
  }

  private person(userId: string): TPersonPresence | null {
    return this.people([...(this.byUser.get(userId) ?? [])])[0] ?? null;
  }

  private people(keys: readonly string[]): TPersonPresence[] {
    const byUser = new Map<string, TPersonPresence>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry || entry.hidden) continue;
      const seen = byUser.get(entry.userId);
      const status = entry.away ? "away" : "online";
      if (!seen) {
        byUser.set(entry.userId, {
          userId: entry.userId,
          name: entry.name,
          unitId: entry.unitId,
          status,
          editing: entry.editing,
        });
      } else {
        if (status === "online") seen.status = "online";
        seen.editing ||= entry.editing;
      }
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name, "de") || a.userId.localeCompare(b.userId));
  }

  /** Runs a mutation and reports which pages and people it changed. */
  private batch(userIds: readonly string[], work: () => void): TPresenceChange {
    const pagesBefore = new Map(userIds.map((id) => [id, this.pagesOf(id)]));
    const before = new Map(userIds.map((id) => [id, this.person(id)]));
    work();
    const change = emptyChange();
    for (const userId of userIds) {
      const after = this.person(userId);
      const was = before.get(userId) ?? null;
      const pagesAfter = this.pagesOf(userId);
      const pagesWere = pagesBefore.get(userId) ?? new Map<string, string>();
      for (const page of new Set([...pagesWere.keys(), ...pagesAfter.keys()])) {
        if (pagesWere.get(page) !== pagesAfter.get(page)) addTo(change.pages, page, userId);
      }
      if (was?.status !== after?.status || was?.name !== after?.name) {
        const ref = after ?? was;
        if (ref) change.people.set(userId, { name: ref.name, unitId: ref.unitId, status: after?.status ?? "offline" });
      }
    }
    return change;
  }

  /** page -> a fingerprint of how this person appears there (absent when not shown). */
  private pagesOf(userId: string): Map<string, string> {
    const pages = new Map<string, string>();
    for (const key of this.byUser.get(userId) ?? []) {
      const entry = this.entries.get(key);
      if (entry?.page) pages.set(entry.page, "");
    }
    for (const page of pages.keys()) {
      const person = this.pagePerson(page, userId);
      if (person) pages.set(page, `${person.status}|${person.editing}|${person.name}`);
      else pages.delete(page);
    }
    return pages;
  }

  /** How one person appears on a page (null: not there, or hidden); costs only their own tabs. */
  pagePerson(page: string, userId: string): TPersonPresence | null {
    const keys = [...(this.byUser.get(userId) ?? [])].filter((key) => this.entries.get(key)?.page === page);
    return this.people(keys)[0] ?? null;
  }

  private put(entry: TPresenceEntry): void {
    const key = keyOf(entry.serverId, entry.socketId);
    if (this.entries.has(key)) this.drop(key);
    this.entries.set(key, entry);
    addTo(this.byUser, entry.userId, key);
    if (entry.page) addTo(this.byPage, entry.page, key);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    removeFrom(this.byUser, entry.userId, key);
    if (entry.page) removeFrom(this.byPage, entry.page, key);
  }
}

function emptyChange(): TPresenceChange {
  return { pages: new Map(), people: new Map() };
}

function merge(into: TPresenceChange, from: TPresenceChange): void {
  for (const [page, users] of from.pages) for (const userId of users) addTo(into.pages, page, userId);
  for (const [id, person] of from.people) into.people.set(id, person);
}

function addTo(index: Map<string, Set<string>>, id: string, key: string): void {
  let set = index.get(id);
  if (!set) index.set(id, (set = new Set()));
  set.add(key);
}

function removeFrom(index: Map<string, Set<string>>, id: string, key: string): void {
  const set = index.get(id);
  if (!set) return;
  set.delete(key);
  if (set.size === 0) index.delete(id);
}
