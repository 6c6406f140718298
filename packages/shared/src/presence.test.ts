import { describe, expect, it } from "vitest";
import { PresenceStore, PRESENCE_TTL_MS, type TPresenceEntry } from "./presence.ts";

const PAGE = "page:project:p1";

function entry(overrides: Partial<TPresenceEntry> & Pick<TPresenceEntry, "socketId" | "userId">): TPresenceEntry {
  return {
    serverId: "a",
    name: overrides.userId === "u1" ? "Anna" : "Bernd",
    unitId: "unit-1",
    hidden: false,
    away: false,
    page: PAGE,
    editing: false,
    ...overrides,
  };
}

describe("PresenceStore", () => {
  it("counts several tabs of one person once and reports the page as changed only when it is", () => {
    const store = new PresenceStore();
    const first = store.upsert(entry({ socketId: "s1", userId: "u1" }), 0);
    expect([...first.pages]).toEqual([[PAGE, new Set(["u1"])]]);
    expect(first.people.get("u1")?.status).toBe("online");

    const second = store.upsert(entry({ socketId: "s2", userId: "u1" }), 0);
    expect(second.pages.size).toBe(0);
    expect(second.people.size).toBe(0);
    expect(store.page(PAGE)).toEqual([
      { userId: "u1", name: "Anna", unitId: "unit-1", status: "online", editing: false },
    ]);
    expect(store.online()).toHaveLength(1);

    store.remove("a", "s1");
    expect(store.page(PAGE)).toHaveLength(1);
    const last = store.remove("a", "s2");
    expect(store.page(PAGE)).toEqual([]);
    expect(last.people.get("u1")?.status).toBe("offline");
  });

  it("is away only when every tab is away, and editing when any tab edits", () => {
    const store = new PresenceStore();
    store.upsert(entry({ socketId: "s1", userId: "u1", away: true }), 0);
    expect(store.page(PAGE)[0]?.status).toBe("away");
    store.upsert(entry({ socketId: "s2", userId: "u1", page: "page:task:t1" }), 0);
    expect(store.online()[0]?.status).toBe("online");
    expect(store.page(PAGE)[0]?.status).toBe("away");

    const editing = store.upsert(entry({ socketId: "s1", userId: "u1", away: false, editing: true }), 0);
    expect([...editing.pages.keys()]).toEqual([PAGE]);
    expect(store.pagePerson(PAGE, "u1")).toMatchObject({ editing: true });
    expect(store.pagePerson("page:task:t1", "u1")).toMatchObject({ editing: false });
    expect(store.pagePerson("page:task:nowhere", "u1")).toBeNull();
    expect(store.page(PAGE)[0]).toMatchObject({ status: "online", editing: true });
    expect(store.page("page:task:t1")[0]?.editing).toBe(false);
  });

  it("never lists hidden people, and reports them offline when they hide", () => {
    const store = new PresenceStore();
    store.upsert(entry({ socketId: "s1", userId: "u1" }), 0);
    store.upsert(entry({ socketId: "s2", userId: "u2", hidden: true }), 0);
    expect(store.page(PAGE).map((p) => p.userId)).toEqual(["u1"]);
    expect(store.online().map((p) => p.userId)).toEqual(["u1"]);

    const hide = store.setHidden("u1", true);
    expect(hide.people.get("u1")?.status).toBe("offline");
    expect([...hide.pages.keys()]).toEqual([PAGE]);
    expect(store.pagePerson(PAGE, "u1")).toBeNull();
    expect(store.online()).toEqual([]);
    store.setHidden("u2", false);
    expect(store.online().map((p) => p.userId)).toEqual(["u2"]);
  });

  it("filters the online list by unit and sorts by name", () => {
    const store = new PresenceStore();
    store.upsert(entry({ socketId: "s1", userId: "u2", unitId: "unit-2", page: null }), 0);
    store.upsert(entry({ socketId: "s2", userId: "u1", page: null }), 0);
    expect(store.online().map((p) => p.name)).toEqual(["Anna", "Bernd"]);
    expect(store.online({ unitId: "unit-2" }).map((p) => p.userId)).toEqual(["u2"]);
  });

  it("drops an instance that stopped sending heartbeats, with all its entries (no ghosts)", () => {
    const store = new PresenceStore();
    store.upsert(entry({ socketId: "s1", userId: "u1", serverId: "a" }), 0);
    store.upsert(entry({ socketId: "s2", userId: "u2", serverId: "b" }), 0);
    store.beat("a", PRESENCE_TTL_MS);
    expect(store.expire(PRESENCE_TTL_MS).pages.size).toBe(0);

    const change = store.expire(PRESENCE_TTL_MS + 1);
    expect(change.people.get("u2")?.status).toBe("offline");
    expect(change.people.has("u1")).toBe(false);
    expect(store.online().map((p) => p.userId)).toEqual(["u1"]);
  });

  it("replaces an instance's entries with its heartbeat snapshot", () => {
    const store = new PresenceStore();
    store.upsert(entry({ socketId: "s1", userId: "u1", serverId: "b" }), 0);
    const change = store.replaceServer("b", [entry({ socketId: "s9", userId: "u2", serverId: "b" })], 5);
    expect(change.people.get("u1")?.status).toBe("offline");
    expect(change.people.get("u2")?.status).toBe("online");
    expect(store.entriesOf("b").map((e) => e.socketId)).toEqual(["s9"]);
    // Entries that claim another instance in a snapshot are ignored.
    store.replaceServer("b", [entry({ socketId: "x", userId: "u3", serverId: "c" })], 6);
    expect(store.size).toBe(0);
  });
});
