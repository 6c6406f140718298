import { computeQuarterFromRows } from "@kreisnetz/coop-index/compute";
import { quarterBounds } from "@kreisnetz/coop-index/quarters";
import { createUnit, createUser } from "@kreisnetz/seeds/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { aggregateQuarter, loadOrgUnits } from "./aggregate.ts";
import { mapUnitsToLevel } from "./levels.ts";
import { currentMethod } from "./method.ts";
import { crossUnitRequests } from "./requests.ts";

/**
 * K5 from the event log: assignments and @-mentions across Fachbereiche are requests; the first
 * later event on the task by someone of the receiving Fachbereich answers them.
 */
const h = setupHarness();
const Q = { year: 2025, quarter: 2 } as const;
const NOW = new Date("2025-09-01T00:00:00Z");
const at = (day: number, hour = 9) => new Date(Date.UTC(2025, 3, day, hour));

let alpha: string[];
let beta: string[];
let units: { alpha: string; beta: string; sgBeta: string };

beforeAll(async () => {
  const db = h.services.db;
  const d = await createUnit(db, { name: "Dezernat K5", kind: "DEZERNAT" });
  const a = await createUnit(db, { name: "FB Alpha", kind: "FACHBEREICH", parentId: d.id });
  const b = await createUnit(db, { name: "FB Beta", kind: "FACHBEREICH", parentId: d.id });
  const sg = await createUnit(db, { name: "SG Beta-Service", kind: "SACHGEBIET", parentId: b.id });
  units = { alpha: a.id, beta: b.id, sgBeta: sg.id };
  alpha = await Promise.all(Array.from({ length: 5 }, async () => (await createUser(db, { unitId: a.id })).id));
  beta = [
    ...(await Promise.all(Array.from({ length: 4 }, async () => (await createUser(db, { unitId: b.id })).id))),
    // a Sachgebiet below Beta answers for Beta at the Fachbereich level
    (await createUser(db, { unitId: sg.id })).id,
  ];
  await db.unitMembership.updateMany({ data: { validFrom: new Date("2025-01-01T00:00:00Z") } });
  const event = (actorId: string, verb: string, objectId: string, createdAt: Date, payload: object = {}) => ({
    actorId,
    verb,
    objectType: "task",
    objectId,
    payload,
    createdAt,
  });
  await db.activityEvent.createMany({
    data: [
      // 1. Alpha assigns t1 to Beta; Beta's Sachgebiet answers the next day.
      event(alpha[0]!, "task.assigned", "t1", at(7), { assigneeId: beta[0] }),
      event(beta[4]!, "task.commented", "t1", at(8), { mentionIds: [] }),
      // 2. Alpha mentions one of Beta and one of Alpha: only Beta's is a request; nobody of Beta answers.
      event(alpha[1]!, "task.commented", "t2", at(10), { mentionIds: [beta[1], alpha[2]] }),
      event(alpha[3]!, "task.commented", "t2", at(11), { mentionIds: [] }),
      // 3. An assignment within Alpha is no request between units.
      event(alpha[0]!, "task.assigned", "t3", at(10), { assigneeId: alpha[4] }),
      // 4. Beta assigns t4 to Alpha; Alpha answers 16 days later (late for 5 working days).
      event(beta[2]!, "task.assigned", "t4", at(14), { assigneeId: alpha[0] }),
      event(alpha[0]!, "task.completed", "t4", at(30)),
      // 5. Before the quarter: not this quarter's request.
      { ...event(alpha[0]!, "task.assigned", "t5", new Date("2025-03-20T09:00:00Z"), { assigneeId: beta[0] }) },
    ],
  });
});

describe("K5 requests from the event log", () => {
  it("finds cross-unit assignments and mentions and their first answer from the receiving unit", async () => {
    const db = h.services.db;
    const { start, end } = quarterBounds(Q);
    const { target } = mapUnitsToLevel(await loadOrgUnits(db), "FACHBEREICH");
    const requests = await crossUnitRequests(db, start, end, NOW, target);
    const summary = requests
      .map((r) => ({
        from: r.fromUnitId === units.alpha ? "alpha" : "beta",
        to: r.toUnitId === units.alpha ? "alpha" : "beta",
        requestedAt: new Date(r.requestedAt).toISOString(),
        respondedAt: r.respondedAt === null ? null : new Date(r.respondedAt).toISOString(),
        responder: r.responderId,
      }))
      .sort((x, y) => x.requestedAt.localeCompare(y.requestedAt));
    expect(summary).toEqual([
      {
        from: "alpha",
        to: "beta",
        requestedAt: at(7).toISOString(),
        respondedAt: at(8).toISOString(),
        responder: beta[4],
      },
      { from: "alpha", to: "beta", requestedAt: at(10).toISOString(), respondedAt: null, responder: null },
      {
        from: "beta",
        to: "alpha",
        requestedAt: at(14).toISOString(),
        respondedAt: at(30).toISOString(),
        responder: alpha[0],
      },
    ]);
  });

  it("feeds K5 when it is switched on: answered in time per receiving unit, gates applied", async () => {
    const db = h.services.db;
    const stored = await currentMethod(db);
    const method = {
      ...stored.config,
      k5Enabled: true,
      // tiny units on purpose: the unit gates would merge both into their Dezernat
      thresholds: {
        ...stored.config.thresholds,
        k5MinRequests: 1,
        k5MinResponders: 1,
        unitMinActivePersons: 1,
        unitMinEvents: 1,
      },
    };
    const aggregate = await aggregateQuarter(db, Q, "FACHBEREICH", method, NOW);
    const { start, end } = quarterBounds(Q);
    const requests = await crossUnitRequests(db, start, end, NOW, aggregate.target);
    const result = computeQuarterFromRows({
      quarter: Q,
      rows: aggregate.rows,
      units: aggregate.units,
      method,
      requests,
    });
    expect(result.dataQuality.requestsConsidered).toBe(3);
    // Organisation: one of three requests answered within five working days.
    expect(result.organisation.components.K5).toMatchObject({ status: "ok", raw: 1 / 3 });
    // Per receiving unit: Beta answered one of its two in time, Alpha its one too late.
    const k5Of = (unitId: string) => result.units.find((u) => u.unitId === unitId)?.components.K5.raw;
    expect(k5Of(units.beta)).toBe(0.5);
    expect(k5Of(units.alpha)).toBe(0);
    // Switched off, K5 is disabled and no request is counted.
    const off = computeQuarterFromRows({
      quarter: Q,
      rows: aggregate.rows,
      units: aggregate.units,
      method: { ...method, k5Enabled: false },
      requests,
    });
    expect(off.organisation.components.K5.status).toBe("disabled");
  });
});
