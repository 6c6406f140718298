import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { describe, expect, it } from "vitest";
import { setupHarness } from "../../test/harness.ts";
import { EventLog, retryDelayMs } from "./event-log.ts";
import type { TStoredEvent } from "./types.ts";

const h = setupHarness();

async function actor() {
  const unit = await createUnit(h.services.db);
  return createUser(h.services.db, { unitId: unit.id });
}

describe("EventLog", () => {
  it("writes the event and deliveries only for interested handlers, in the caller's transaction", async () => {
    const log = new EventLog(h.services.db);
    log.register({ name: "tasks-only", matches: (e) => e.objectType === "task", handle: async () => undefined });
    log.register({ name: "everything", matches: () => true, handle: async () => undefined });
    const user = await actor();

    const id = await h.services.db.$transaction((tx) =>
      log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "org-unit.renamed", objectType: "org-unit", objectId: "u1" }),
    );
    const deliveries = await h.services.db.eventDelivery.findMany({ where: { eventId: id } });
    expect(deliveries.map((d) => d.handler)).toEqual(["everything"]);

    await expect(
      h.services.db.$transaction(async (tx) => {
        await log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "task.created", objectType: "task", objectId: "t-rollback" });
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await h.services.db.activityEvent.count({ where: { objectId: "t-rollback" } })).toBe(0);
  });

  it("delivers each event once to a healthy handler, in order", async () => {
    const log = new EventLog(h.services.db);
    const seen: string[] = [];
    log.register({ name: "collector", matches: (e) => e.objectType === "probe-a", handle: async (events) => void seen.push(...events.map((e) => e.objectId)) });
    const user = await actor();
    for (const objectId of ["a1", "a2", "a3"]) {
      await h.services.db.$transaction((tx) =>
        log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "probe.made", objectType: "probe-a", objectId }),
      );
    }
    await Promise.all([log.kick(), log.kick()]);
    await log.kick();
    expect(seen).toEqual(["a1", "a2", "a3"]);
  });

  it("retries a failing handler with backoff and marks success later", async () => {
    const log = new EventLog(h.services.db);
    let failures = 1;
    const handled: TStoredEvent[] = [];
    log.register({
      name: "flaky",
      matches: (e) => e.objectType === "probe-b",
      handle: async (events) => {
        if (failures-- > 0) throw new Error("Meilisearch is down");
        handled.push(...events);
      },
    });
    const user = await actor();
    const id = await h.services.db.$transaction((tx) =>
      log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "probe.made", objectType: "probe-b", objectId: "b1" }),
    );
    await log.kick();
    const failed = await h.services.db.eventDelivery.findUniqueOrThrow({ where: { eventId_handler: { eventId: id, handler: "flaky" } } });
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, lastError: "Meilisearch is down" });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    await h.services.db.eventDelivery.update({ where: { eventId_handler: { eventId: id, handler: "flaky" } }, data: { nextAttemptAt: new Date() } });
    await log.kick();
    expect(handled.map((e) => e.objectId)).toEqual(["b1"]);
    const done = await h.services.db.eventDelivery.findUniqueOrThrow({ where: { eventId_handler: { eventId: id, handler: "flaky" } } });
    expect(done.status).toBe("DONE");
  });

  it("lets two dispatchers drain concurrently without delivering an event twice", async () => {
    const counts = new Map<string, number>();
    const handler = {
      name: "concurrent",
      matches: (e: { objectType: string }) => e.objectType === "probe-c",
      handle: async (events: TStoredEvent[]) => {
        for (const e of events) counts.set(e.objectId, (counts.get(e.objectId) ?? 0) + 1);
      },
    };
    const a = new EventLog(h.services.db);
    const b = new EventLog(h.services.db);
    a.register(handler);
    b.register(handler);
    const user = await actor();
    await h.services.db.$transaction(
      async (tx) => {
        for (let i = 0; i < 300; i += 1) {
          await a.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "probe.made", objectType: "probe-c", objectId: `c${i}` });
        }
      },
      { timeout: 60_000 },
    );
    await Promise.all([a.kick(), b.kick()]);
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("drains each handler on its own: a slow handler does not hold up another", async () => {
    const log = new EventLog(h.services.db);
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    log.register({
      name: "slow-indexer",
      matches: (e) => e.objectType === "probe-d",
      handle: async () => {
        await blocked;
        order.push("slow");
      },
    });
    let fastDone!: () => void;
    const fastSeen = new Promise<void>((resolve) => (fastDone = resolve));
    log.register({
      name: "fast-broadcaster",
      matches: (e) => e.objectType === "probe-d",
      handle: async () => {
        order.push("fast");
        fastDone();
      },
    });
    const user = await actor();
    await h.services.db.$transaction((tx) =>
      log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "probe.made", objectType: "probe-d", objectId: "d1" }),
    );
    const kicked = log.kick();
    await fastSeen;
    expect(order).toEqual(["fast"]);
    release();
    await kicked;
    expect(order).toEqual(["fast", "slow"]);
  });

  it("finishes, in the same kick, deliveries one handler wrote for another", async () => {
    const log = new EventLog(h.services.db);
    const rung: string[] = [];
    log.register({
      name: "writer",
      matches: (e) => e.objectType === "probe-e",
      handle: async (events) => {
        for (const e of events) {
          await h.services.db.$transaction((tx) =>
            log.record(tx, { actorId: null, actorUnitId: null, verb: "probe.follow", objectType: "probe-f", objectId: `${e.objectId}-f` }),
          );
        }
      },
    });
    log.register({
      name: "follower",
      matches: (e) => e.objectType === "probe-f",
      handle: async (events) => void rung.push(...events.map((e) => e.objectId)),
    });
    const user = await actor();
    await h.services.db.$transaction((tx) =>
      log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "probe.made", objectType: "probe-e", objectId: "e1" }),
    );
    await log.kick();
    expect(rung).toEqual(["e1-f"]);
  });

  it("stores the time in UTC and hands handlers the same event the ORM reads", async () => {
    const log = new EventLog(h.services.db);
    const handed: TStoredEvent[] = [];
    log.register({ name: "clock", matches: (e) => e.objectType === "probe-g", handle: async (events) => void handed.push(...events) });
    const user = await actor();
    const before = Date.now();
    const id = await h.services.db.$transaction((tx) =>
      log.record(tx, { actorId: user.id, actorUnitId: user.unitId, verb: "probe.made", objectType: "probe-g", objectId: "g1", projectId: null, payload: { version: 3, note: "ä" } }),
    );
    await log.kick();
    const stored = await h.services.db.activityEvent.findUniqueOrThrow({ where: { id } });
    expect(Math.abs(stored.createdAt.getTime() - before)).toBeLessThan(60_000);
    expect(handed).toEqual([stored]);
    expect(handed[0]).toMatchObject({ payload: { version: 3, note: "ä" }, isSystem: false, actorUnitId: user.unitId });
    const delivery = await h.services.db.eventDelivery.findUniqueOrThrow({ where: { eventId_handler: { eventId: id, handler: "clock" } } });
    expect(delivery.status).toBe("DONE");
    expect(Math.abs(delivery.doneAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("backs off exponentially up to ten minutes", () => {
    expect(retryDelayMs(1)).toBe(2000);
    expect(retryDelayMs(3)).toBe(8000);
    expect(retryDelayMs(30)).toBe(600_000);
  });
});
