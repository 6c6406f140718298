import { computeQuarter, computeQuarterFromRows } from "@kreisnetz/coop-index/compute";
import type { CoopEvent } from "@kreisnetz/coop-index/types";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { aggregateQuarter } from "./aggregate.ts";
import { mapUnitsToLevel } from "./levels.ts";
import { currentMethod } from "./method.ts";
import { computeSnapshot, dashboard, storeSnapshot } from "./service.ts";

/**
 * A reorganisation in the middle of 2025-Q2: three people of Beta move to Gamma on 15 May
 * (effective-dated membership), and a Sachgebiet is moved from Alpha to Beta (an `org-unit.moved`
 * event, as the org-units module writes it). The lean scan, the grouped SQL statement and the
 * pure event path must give the same numbers, and the quarter carries a structure break.
 */
const h = setupHarness();
const Q = { year: 2025, quarter: 2 } as const;
const REORG = new Date("2025-05-15T10:00:00Z");
const NOW = new Date("2026-12-01T00:00:00Z");

let units: { alpha: string; beta: string; gamma: string; sg: string };
let movers: string[];

beforeAll(async () => {
  const db = h.services.db;
  const vs = await createUnit(db, { name: "Spitze", kind: "VERWALTUNGSSPITZE" });
  const d = await createUnit(db, { name: "Dezernat Umbau", kind: "DEZERNAT", parentId: vs.id });
  const alpha = await createUnit(db, { name: "Fachbereich Alpha", kind: "FACHBEREICH", parentId: d.id });
  const beta = await createUnit(db, { name: "Fachbereich Beta", kind: "FACHBEREICH", parentId: d.id });
  const gamma = await createUnit(db, { name: "Fachbereich Gamma", kind: "FACHBEREICH", parentId: d.id });
  const sg = await createUnit(db, { name: "Sachgebiet Wandernd", kind: "SACHGEBIET", parentId: beta.id });
  units = { alpha: alpha.id, beta: beta.id, gamma: gamma.id, sg: sg.id };
  const make = async (unitId: string, n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await createUser(db, { unitId })).id);
    return ids;
  };
  const a = await make(alpha.id, 6);
  const b = await make(beta.id, 9);
  const g = await make(gamma.id, 6);
  const s = await make(sg.id, 2);
  await db.unitMembership.updateMany({ data: { validFrom: new Date("2025-01-01T00:00:00Z") } });
  movers = b.slice(6);
  await db.unitMembership.updateMany({ where: { userId: { in: movers } }, data: { validTo: REORG } });
  await db.unitMembership.createMany({
    data: movers.map((userId) => ({ userId, unitId: gamma.id, validFrom: REORG })),
  });
  await db.user.updateMany({ where: { id: { in: movers } }, data: { unitId: gamma.id } });
  // the Sachgebiet was under Alpha until the reorganisation (the tree stores only the current parent)
  await db.activityEvent.create({
    data: {
      actorId: null,
      verb: "org-unit.moved",
      objectType: "org-unit",
      objectId: sg.id,
      payload: { fromParentId: alpha.id, toParentId: beta.id },
      createdAt: REORG,
    },
  });

  const rows: { actorId: string; verb: string; objectType: string; objectId: string; createdAt: Date }[] = [];
  const day = (k: number, minutes = 0) => new Date(Date.UTC(2025, 3, 2 + (k % 85), 7, minutes));
  const everyone = [...a, ...b, ...g, ...s];
  for (let k = 0; k < 60; k++) {
    const team = [a[k % 6]!, b[k % 9]!, b[(k + 4) % 9]!, g[k % 6]!, everyone[(k * 7) % everyone.length]!];
    team.forEach((p, i) =>
      rows.push({ actorId: p, verb: "task.commented", objectType: "task", objectId: `t-${k}`, createdAt: day(k, i) }),
    );
    rows.push({
      actorId: team[1]!,
      verb: "task.completed",
      objectType: "task",
      objectId: `t-${k}`,
      createdAt: day(k, 9),
    });
    // several edits of one document on one day count once
    for (const m of [10, 20, 30]) {
      rows.push({
        actorId: team[2]!,
        verb: "article.updated",
        objectType: "article",
        objectId: `doc-${k % 7}`,
        createdAt: day(k, m),
      });
    }
  }
  // a mover works on one object before and after the move: one participant, the earlier unit
  rows.push({
    actorId: movers[0]!,
    verb: "task.commented",
    objectType: "task",
    objectId: "t-1",
    createdAt: new Date("2025-05-14T09:00:00Z"),
  });
  rows.push({
    actorId: movers[0]!,
    verb: "task.commented",
    objectType: "task",
    objectId: "t-1",
    createdAt: new Date("2025-05-16T09:00:00Z"),
  });
  await db.activityEvent.createMany({ data: rows.map((r) => ({ ...r, projectId: null })) });
});

/** The pure path's input: each event with the unit its actor belonged to at that instant. */
async function pureEvents(): Promise<CoopEvent[]> {
  const db = h.services.db;
  const raw = await db.activityEvent.findMany({ where: { objectType: { not: "org-unit" } } });
  const memberships = await db.unitMembership.findMany();
  const orgUnits = await db.orgUnit.findMany({ select: { id: true, parentId: true, kind: true, name: true } });
  const { target } = mapUnitsToLevel(orgUnits, "FACHBEREICH");
  return raw
    .filter((e) => e.objectType === e.verb.split(".")[0])
    .map((e) => {
      const m = memberships.find(
        (x) => x.userId === e.actorId && x.validFrom <= e.createdAt && (x.validTo === null || e.createdAt < x.validTo),
      );
      return {
        personId: e.actorId!,
        unitId: m ? target.get(m.unitId)! : null,
        objectKey: `${e.objectType}:${e.objectId}`,
        projectId: e.projectId,
        verb: e.verb,
        at: e.createdAt,
        isSystem: e.isSystem,
      };
    });
}

describe("a reorganisation in the middle of the quarter", () => {
  it("gives the same numbers from the lean scan, the grouped statement and the pure path", async () => {
    const db = h.services.db;
    const method = await currentMethod(db);
    const results = [];
    for (const strategy of ["scan", "grouped"] as const) {
      const aggregate = await aggregateQuarter(db, Q, "FACHBEREICH", method.config, NOW, { strategy });
      results.push(
        computeQuarterFromRows({ quarter: Q, rows: aggregate.rows, units: aggregate.units, method: method.config }),
      );
    }
    const [scan, grouped] = results;
    const units = (await aggregateQuarter(db, Q, "FACHBEREICH", method.config, NOW)).units;
    const pure = computeQuarter({ quarter: Q, events: await pureEvents(), units, method: method.config });
    for (const r of [scan!, grouped!]) {
      expect(r.organisation).toEqual(pure.organisation);
      expect(r.units).toEqual(pure.units);
      expect(r.unitPairs).toEqual(pure.unitPairs);
      expect(r.dataQuality.qualifyingEvents).toBe(pure.dataQuality.qualifyingEvents);
      expect(r.dataQuality.documentEditsCollapsed).toBe(pure.dataQuality.documentEditsCollapsed);
    }
    expect(scan!.dataQuality).toEqual(grouped!.dataQuality);
    expect(pure.dataQuality.documentEditsCollapsed).toBeGreaterThan(0);
    // the movers count for Gamma after 15 May: Gamma has events of 6 + 3 people
    const gamma = scan!.units.find((u) => u.unitId === units.find((x) => x.name === "Fachbereich Gamma")!.id)!;
    expect(gamma.activePersons).toBe(9);
  });

  it("marks the quarter and the units concerned as a structure break, on the trend too", async () => {
    const db = h.services.db;
    const method = await currentMethod(db);
    const q2 = await computeSnapshot(db, Q, "FACHBEREICH", method, NOW);
    expect(q2.structureBreak.organisation).toBe(true);
    expect(q2.structureBreak.unitIds).toEqual([units.alpha, units.beta].sort());
    const q1 = await computeSnapshot(db, { year: 2025, quarter: 1 }, "FACHBEREICH", method, NOW);
    expect(q1.structureBreak).toEqual({ organisation: false, unitIds: [] });
    await storeSnapshot(db, q1);
    await storeSnapshot(db, q2);
    // Q1 has no events: give the stored one some so the dashboard keeps it on the trend
    const stored = await db.coopSnapshot.findFirstOrThrow({ where: { year: 2025, quarter: 1 } });
    await db.coopSnapshot.update({
      where: { id: stored.id },
      data: { result: { ...q2, quarter: "2025-Q1", structureBreak: { organisation: false, unitIds: [] } } as object },
    });
    const view = await dashboard(db, { level: "FACHBEREICH" });
    expect(view.trend.map((p) => [p.quarter, p.structureBreak])).toEqual([
      ["2025-Q1", false],
      ["2025-Q2", true],
    ]);
    expect(view.organisation!.structureBreak).toBe(true);
    expect(
      view.units
        .filter((u) => u.structureBreak)
        .map((u) => u.unitId)
        .sort(),
    ).toEqual([units.alpha, units.beta].sort());
    expect(view.units.find((u) => u.unitId === units.gamma)!.structureBreak).toBe(false);
  });

  it("carries ids with tabs, line breaks, backslashes and umlauts exactly in the lean scan", async () => {
    const db = h.services.db;
    const method = await currentMethod(db);
    const q3 = { year: 2025, quarter: 3 } as const;
    const [p1, p2, p3] = [movers[0]!, movers[1]!, movers[2]!];
    const at = (day: number, hour: number) => new Date(Date.UTC(2025, 6, day, hour));
    const odd = ["tab\there", "line\nbreak", "back\\slash", "Straße-ä", "\\N"];
    await db.activityEvent.createMany({
      data: odd.flatMap((objectId, k) =>
        [p1, p2, p3].map((actorId, i) => ({
          actorId,
          verb: "task.commented",
          objectType: "task",
          objectId,
          projectId: null,
          createdAt: at(10 + k, 8 + i),
        })),
      ),
    });
    const scan = await aggregateQuarter(db, q3, "FACHBEREICH", method.config, NOW);
    const grouped = await aggregateQuarter(db, q3, "FACHBEREICH", method.config, NOW, { strategy: "grouped" });
    // the scan path ran (only it marks once-per-day events by day), and found the five objects
    expect(scan.rows.day).toBeDefined();
    expect(scan.rows.objectCount).toBe(odd.length);
    const input = (rows: typeof scan.rows) => ({ quarter: q3, rows, units: scan.units, method: method.config });
    expect(computeQuarterFromRows(input(scan.rows))).toEqual(computeQuarterFromRows(input(grouped.rows)));
  });
});
