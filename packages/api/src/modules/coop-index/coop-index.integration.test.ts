import { computeQuarter, computeQuarterFromRows } from "@kreisnetz/coop-index/compute";
import type { CoopEvent } from "@kreisnetz/coop-index/types";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import type { TRole } from "@kreisnetz/shared/permissions";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { aggregateQuarter } from "./aggregate.ts";
import { buildReport, reportCsv, reportPdf } from "./report.ts";
import { mapUnitsToLevel } from "./levels.ts";
import { currentMethod } from "./method.ts";
import { computeSnapshot, recomputeSeries, storeSnapshot } from "./service.ts";

const h = setupHarness();
const Q = { year: 2025, quarter: 2 } as const;
const SMALL_UNIT = "Kleinstamt Dreiköpfig";

type TPeople = { a: string[]; b: string[]; c: string[]; system: string };
let people: TPeople;
let projectId: string;
const userIds: string[] = [];

/** Walks any value and collects every string and every object key. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

function expectNoPersons(value: unknown) {
  const all = strings(value);
  for (const id of userIds) expect(all).not.toContain(id);
  expect(all.filter((s) => /person[_-]?id|user[_-]?id|actor/i.test(s))).toEqual([]);
  expect(all.filter((s) => s.includes(SMALL_UNIT))).toEqual([]);
}

beforeAll(async () => {
  const db = h.services.db;
  const vs = await createUnit(db, { name: "Spitze", kind: "VERWALTUNGSSPITZE" });
  const d = await createUnit(db, { name: "Dezernat Test", kind: "DEZERNAT", parentId: vs.id });
  const fbA = await createUnit(db, { name: "Fachbereich Alpha", kind: "FACHBEREICH", parentId: d.id });
  const sgA = await createUnit(db, { name: "Sachgebiet Alpha-1", kind: "SACHGEBIET", parentId: fbA.id });
  const fbB = await createUnit(db, { name: "Fachbereich Beta", kind: "FACHBEREICH", parentId: d.id });
  const fbC = await createUnit(db, { name: SMALL_UNIT, kind: "FACHBEREICH", parentId: d.id });
  const make = async (unitId: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await createUser(db, { unitId })).id);
    return ids;
  };
  people = {
    a: [...(await make(fbA.id, 4)), ...(await make(sgA.id, 2))],
    b: await make(fbB.id, 6),
    c: await make(fbC.id, 3),
    system: (await make(fbB.id, 1))[0]!,
  };
  userIds.push(...people.a, ...people.b, ...people.c, people.system);
  await db.user.update({ where: { id: people.system }, data: { isSystem: true } });
  await db.unitMembership.updateMany({ data: { validFrom: new Date("2025-01-01T00:00:00Z") } });
  const project = await db.project.create({
    data: { key: "KOOP", title: "Kooperationsprojekt", leadUnitId: fbA.id, units: { create: [{ unitId: fbB.id }] } },
  });
  projectId = project.id;

  const rows: {
    actorId: string;
    verb: string;
    objectType: string;
    objectId: string;
    projectId: string | null;
    createdAt: Date;
    isSystem?: boolean;
  }[] = [];
  const at = (k: number, minutes = 0) => new Date(Date.UTC(2025, 3, 7 + (k % 70), 8, minutes));
  for (let k = 0; k < 30; k++) {
    const obj = `task-${k}`;
    const participants = [people.a[k % 6]!, people.a[(k + 1) % 6]!, people.b[k % 6]!, people.b[(k + 2) % 6]!];
    if (k % 5 === 0) participants.push(people.c[k % 3]!);
    rows.push({
      actorId: participants[0]!,
      verb: "task.created",
      objectType: "task",
      objectId: obj,
      projectId,
      createdAt: at(k),
    });
    participants.forEach((p, i) =>
      rows.push({
        actorId: p,
        verb: "task.commented",
        objectType: "task",
        objectId: obj,
        projectId,
        createdAt: at(k, i + 1),
      }),
    );
    rows.push({
      actorId: participants[1]!,
      verb: "task.completed",
      objectType: "task",
      objectId: obj,
      projectId,
      createdAt: at(k, 30),
    });
    rows.push({
      actorId: participants[1]!,
      verb: "task.moved",
      objectType: "task",
      objectId: obj,
      projectId,
      createdAt: at(k, 31),
    });
  }
  for (const m of [0, 5, 10]) {
    rows.push({
      actorId: people.a[0]!,
      verb: "article.updated",
      objectType: "article",
      objectId: "art-1",
      projectId: null,
      createdAt: at(3, m),
    });
    rows.push({
      actorId: people.b[0]!,
      verb: "article.updated",
      objectType: "article",
      objectId: "art-1",
      projectId: null,
      createdAt: at(3, 20 + m),
    });
  }
  // wrong object type for the verb, a system event, a system account: none of them counts
  rows.push({
    actorId: people.a[2]!,
    verb: "task.commented",
    objectType: "article",
    objectId: "art-1",
    projectId: null,
    createdAt: at(4),
  });
  rows.push({
    actorId: people.a[2]!,
    verb: "task.commented",
    objectType: "task",
    objectId: "task-1",
    projectId,
    createdAt: at(4),
    isSystem: true,
  });
  rows.push({
    actorId: people.system,
    verb: "task.commented",
    objectType: "task",
    objectId: "task-1",
    projectId,
    createdAt: at(4),
  });
  // outside the quarter
  rows.push({
    actorId: people.a[2]!,
    verb: "task.commented",
    objectType: "task",
    objectId: "task-1",
    projectId,
    createdAt: new Date("2025-07-01T00:30:00Z"),
  });
  await db.activityEvent.createMany({
    data: rows.map((r) => ({ ...r, actorUnitId: null, isSystem: r.isSystem ?? false })),
  });
});

describe("computation over the event log", () => {
  it("gives the same numbers as the pure event path on the same events", async () => {
    const db = h.services.db;
    const method = await currentMethod(db);
    const aggregate = await aggregateQuarter(db, Q, "FACHBEREICH", method.config, new Date("2026-12-01T00:00:00Z"));
    const fromRows = computeQuarterFromRows({
      quarter: Q,
      rows: aggregate.rows,
      units: aggregate.units,
      method: method.config,
    });

    const raw = await db.activityEvent.findMany({ include: {} });
    const users = await db.user.findMany({ select: { id: true, unitId: true, isSystem: true } });
    const orgUnits = await db.orgUnit.findMany({ select: { id: true, parentId: true, kind: true, name: true } });
    const { target } = mapUnitsToLevel(orgUnits, "FACHBEREICH");
    const byId = new Map(users.map((u) => [u.id, u]));
    const events: CoopEvent[] = raw
      .filter((e) => e.objectType === e.verb.split(".")[0])
      .map((e) => ({
        personId: e.actorId!,
        unitId: target.get(byId.get(e.actorId!)!.unitId)!,
        objectKey: `${e.objectType}:${e.objectId}`,
        projectId: e.projectId,
        verb: e.verb,
        at: new Date(e.createdAt),
        isSystem: e.isSystem || byId.get(e.actorId!)!.isSystem,
      }));
    const fromEvents = computeQuarter({ quarter: Q, events, units: aggregate.units, method: method.config });
    expect(fromRows.organisation).toEqual(fromEvents.organisation);
    expect(fromRows.units).toEqual(fromEvents.units);
    expect(fromRows.unitPairs).toEqual(fromEvents.unitPairs);
    expect(fromRows.dataQuality.qualifyingEvents).toBe(fromEvents.dataQuality.qualifyingEvents);
    expect(fromRows.dataQuality.documentEditsCollapsed).toBe(4);
    expect(fromRows.dataQuality.eventsDroppedSystem).toBe(2);
    expect(fromRows.organisation.index.value).not.toBeNull();
  });

  it("shows the two large Fachbereiche and never the unit of three", async () => {
    const db = h.services.db;
    const method = await currentMethod(db);
    const snap = await computeSnapshot(db, Q, "FACHBEREICH", method, new Date("2026-12-01T00:00:00Z"));
    expect(snap.units.map((u) => u.name).sort()).toEqual(["Fachbereich Alpha", "Fachbereich Beta"]);
    expect(snap.units.find((u) => u.name === "Fachbereich Alpha")!.headcount).toBe(6);
    expect(snap.frozen).toBe(true);
    expect(snap.pairs).toHaveLength(1);
    expect(snap.projects).toHaveLength(1);
    expect(snap.projects[0]!.title).toBe("Kooperationsprojekt");
    expect(snap.projects[0]!.declaredUnitIds).toHaveLength(2);
    expect(snap.projects[0]!.livedUnitIds).toHaveLength(2);
    expectNoPersons(snap);
    // Sachgebiet level: the two people of Alpha-1 are below the gates and merge into Alpha
    const sg = await computeSnapshot(db, Q, "SACHGEBIET", method, new Date("2026-12-01T00:00:00Z"));
    expect(sg.units.find((u) => u.name === "Fachbereich Alpha")!.mergedUnits).toBe(1);
    expect(sg.units.map((u) => u.name)).not.toContain("Sachgebiet Alpha-1");
  });

  it("freezes a published quarter: a recompute under the same method version is refused", async () => {
    const db = h.services.db;
    const now = new Date("2026-12-01T00:00:00Z");
    const first = await recomputeSeries(db, { from: Q, to: Q, now, levels: ["FACHBEREICH"] });
    expect(first).toEqual([{ quarter: "2025-Q2", level: "FACHBEREICH", outcome: "created" }]);
    const before = await db.coopSnapshot.findFirstOrThrow({ where: { year: 2025, quarter: 2 } });
    await db.activityEvent.create({
      data: {
        actorId: people.a[0]!,
        verb: "task.created",
        objectType: "task",
        objectId: "late",
        createdAt: new Date("2025-05-05T08:00:00Z"),
      },
    });
    const again = await recomputeSeries(db, { from: Q, to: Q, now, levels: ["FACHBEREICH"] });
    expect(again[0]!.outcome).toBe("refused-frozen");
    const after = await db.coopSnapshot.findFirstOrThrow({ where: { year: 2025, quarter: 2 } });
    expect(after.result).toEqual(before.result);
    // a quarter that is not yet frozen is simply updated
    const open = await computeSnapshot(db, Q, "FACHBEREICH", await currentMethod(db), new Date("2025-06-30T00:00:00Z"));
    expect(open.frozen).toBe(false);
    expect(await storeSnapshot(db, { ...open, methodVersion: 1, quarter: "2025-Q2", level: "DEZERNAT" })).toBe(
      "created",
    );
    expect(await storeSnapshot(db, { ...open, methodVersion: 1, quarter: "2025-Q2", level: "DEZERNAT" })).toBe(
      "updated",
    );
  });
});

describe("coopIndex router", () => {
  const ROLE_CASES: { roles: TRole[]; read: boolean; configure: boolean }[] = [
    { roles: ["STAFF"], read: false, configure: false },
    { roles: ["STAFF", "EDITOR"], read: false, configure: false },
    { roles: ["STAFF", "LEADERSHIP"], read: true, configure: false },
    { roles: ["STAFF", "ADMIN"], read: true, configure: true },
  ];
  const CONFIG = {
    goalposts: {
      K1: { lower: 0, upper: 0.5 },
      K2: { lower: 0, upper: 0.5 },
      K3: { lower: 0, upper: 0.5 },
      K4: { lower: 0, upper: 1 / 3 },
      K5: { lower: 0.5, upper: 0.95 },
    },
    weights: { K1: 30, K2: 25, K3: 15, K4: 15, K5: 20 },
    k5Enabled: false,
    reason: "Projekte stärker gewichten",
  };

  it.each(ROLE_CASES)("allows exactly what $roles may do", async ({ roles, read, configure }) => {
    const caller = await h.callerFor(await h.userWith(roles));
    const calls = {
      dashboard: () => caller.coopIndex.dashboard({}),
      report: () => caller.coopIndex.report({ quarter: "2025-Q2" }),
      method: () => caller.coopIndex.method(),
    };
    for (const [name, call] of Object.entries(calls)) {
      if (read) await expect(call(), name).resolves.toBeDefined();
      else await expect(call(), name).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    if (!configure) {
      const versions = await h.services.db.coopMethodVersion.count();
      await expect(caller.coopIndex.configure(CONFIG)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await h.services.db.coopMethodVersion.count()).toBe(versions);
    }
  });

  it("refuses anonymous callers with UNAUTHORIZED", async () => {
    const caller = h.anonymousCaller();
    await expect(caller.coopIndex.dashboard({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.coopIndex.report({ quarter: "2025-Q2" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.coopIndex.method()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(caller.coopIndex.configure(CONFIG)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("serves the dashboard from snapshots without person ids or small units", async () => {
    const caller = await h.callerFor(await h.userWith(["STAFF", "LEADERSHIP"]));
    const data = await caller.coopIndex.dashboard({ level: "FACHBEREICH", quarter: "2025-Q2" });
    expect(data.quarter).toBe("2025-Q2");
    expect(data.organisation!.index).not.toBeNull();
    expect(data.units).toHaveLength(2);
    expectNoPersons(data);
    expectNoPersons(await caller.coopIndex.report({ quarter: "2025-Q2" }));
    expectNoPersons(await caller.coopIndex.method());
    const report = await caller.coopIndex.report({ quarter: "2025-Q2" });
    const model = buildReport(report, "de");
    expect(model.blocks.find((b) => b.kind === "h1")).toMatchObject({ text: expect.stringContaining("2025") });
    expect(JSON.stringify(model)).toContain("Fachbereich Alpha");
    expect(JSON.stringify(model)).toContain("Methode Version");
    expectNoPersons(model);
    const csv = reportCsv(report, "de");
    expect(csv).toContain("Fachbereich Beta");
    expect(csv).not.toContain(SMALL_UNIT);
    for (const id of userIds) expect(csv).not.toContain(id);
    const pdf = (await reportPdf(model)).toString("latin1");
    expect(pdf.startsWith("%PDF-1.7")).toBe(true);
    for (const marker of [
      "/StructTreeRoot",
      "/MarkInfo",
      "/Lang (de-DE)",
      "/DisplayDocTitle true",
      "/FontFile2",
      "/S /Table",
      "/S /TH",
      "/S /H1",
    ]) {
      expect(pdf, marker).toContain(marker);
    }
    await expect(caller.coopIndex.dashboard({ quarter: "2019-Q1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.coopIndex.dashboard({ quarter: "2025-5" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets an admin configure a new method version, audited, with the back series recomputed", async () => {
    const db = h.services.db;
    const admin = await h.userWith(["STAFF", "ADMIN"]);
    const caller = await h.callerFor(admin);
    const bad = { ...CONFIG, goalposts: { ...CONFIG.goalposts, K1: { lower: 0.6, upper: 0.5 } } };
    await expect(caller.coopIndex.configure(bad)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const before = await currentMethod(db);
    const { version } = await caller.coopIndex.configure(CONFIG);
    expect(version).toBe(before.version + 1);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "coop-index.configure" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.details).toMatchObject({ version, previousVersion: before.version, reason: CONFIG.reason });
    const old = await db.coopSnapshot.findFirstOrThrow({
      where: { year: 2025, quarter: 2, unitLevel: "FACHBEREICH", methodVersion: before.version },
    });
    const fresh = await db.coopSnapshot.findFirstOrThrow({
      where: { year: 2025, quarter: 2, unitLevel: "FACHBEREICH", methodVersion: version },
    });
    expect(fresh.id).not.toBe(old.id);
    const data = await caller.coopIndex.dashboard({ quarter: "2025-Q2" });
    expect(data.methodVersion).toBe(version);
    expect(data.method.weights.K1).toBe(30);
  });
});
