import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeQuarter, computeQuarterFromRows, type AggregatedRows } from "./compute.ts";
import { prepareEvents } from "./pipeline/prepare.ts";
import { COMPONENT_IDS, DEFAULT_METHOD_V1, QUALIFYING_VERBS } from "./method.ts";
import { berlinDate, quarterBounds, toEpochMs } from "./quarters.ts";
import { Q2_2025 } from "./testing.ts";
import type {
  ComponentResult,
  CoopEvent,
  CrossUnitRequest,
  MethodConfig,
  QuarterInput,
  QuarterResult,
} from "./types.ts";

const SMALL_GATES: MethodConfig = {
  ...DEFAULT_METHOD_V1,
  thresholds: {
    ...DEFAULT_METHOD_V1.thresholds,
    unitMinHeadcount: 1,
    unitMinActivePersons: 2,
    unitMinEvents: 5,
    pairMinPersonsPerSide: 1,
    pairMinPersonsTotal: 2,
    k5MinRequests: 1,
    k5MinResponders: 1,
    activeProjectMinEvents: 3,
    maxParticipants: 6,
  },
};

const { start } = quarterBounds(Q2_2025);
const MINUTE = 60_000;

/** Random quarters: a unit tree, persons (some moving unit, some without unit), events and requests. */
const inputs: fc.Arbitrary<QuarterInput> = fc
  .record({
    units: fc.array(
      fc.record({ headcount: fc.integer({ min: 0, max: 12 }), parent: fc.option(fc.nat(), { nil: null }) }),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    persons: fc.array(fc.record({ home: fc.nat(), other: fc.nat(), unitless: fc.integer({ min: 0, max: 15 }) }), {
      minLength: 1,
      maxLength: 25,
      size: "large",
    }),
    events: fc.array(
      fc.record({
        person: fc.nat(),
        object: fc.integer({ min: 0, max: 40 }),
        project: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
        verb: fc.constantFrom(...QUALIFYING_VERBS, "article.updated", "article.updated", "meeting.invited"),
        minute: fc.integer({ min: -3 * 1440, max: 93 * 1440 }),
        otherUnit: fc.integer({ min: 0, max: 5 }),
        system: fc.integer({ min: 0, max: 20 }),
      }),
      { minLength: 10, maxLength: 300, size: "max" },
    ),
    requests: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        minute: fc.integer({ min: 0, max: 90 * 1440 }),
        after: fc.option(fc.integer({ min: 0, max: 20 * 1440 }), { nil: null }),
        responder: fc.nat(),
      }),
      { maxLength: 30, size: "large" },
    ),
    method: fc.constantFrom(DEFAULT_METHOD_V1, SMALL_GATES, {
      ...SMALL_GATES,
      k5Enabled: true,
      smallUnits: "suppress",
    }),
  })
  .map(({ units, persons, events, requests, method }) => {
    const unitId = (i: number) => `unit-${i % units.length}`;
    const personId = (i: number) => `person-${i % persons.length}-q8z`;
    return {
      quarter: Q2_2025,
      method,
      units: units.map((u, i) => ({
        id: unitId(i),
        parentId: i === 0 || u.parent === null ? null : unitId(u.parent % i),
        headcount: u.headcount,
        name: `Einheit ${i}`,
      })),
      events: events.map((e): CoopEvent => {
        const p = persons[e.person % persons.length]!;
        return {
          personId: personId(e.person),
          unitId: p.unitless === 0 ? null : unitId(e.otherUnit === 0 ? p.other : p.home),
          objectKey: `object-${e.object}`,
          projectId: e.project === null ? null : `project-${e.project}`,
          verb: e.verb,
          at: new Date(start.getTime() + e.minute * MINUTE),
          isSystem: e.system === 0,
        };
      }),
      requests: requests.map((r): CrossUnitRequest => ({
        fromUnitId: unitId(r.from),
        toUnitId: unitId(r.to),
        requestedAt: new Date(start.getTime() + r.minute * MINUTE).toISOString(),
        respondedAt: r.after === null ? null : new Date(start.getTime() + (r.minute + r.after) * MINUTE).toISOString(),
        responderId: r.after === null ? null : personId(r.responder),
      })),
    };
  });

function allComponents(result: QuarterResult): ComponentResult[] {
  return [result.organisation, ...result.units].flatMap((r) => COMPONENT_IDS.map((id) => r.components[id]));
}

/** Which of two same-day document edits survives: earlier instant, then unit id, then project id. */
function earlier(x: CoopEvent, y: CoopEvent): boolean {
  const dt = toEpochMs(x.at) - toEpochMs(y.at);
  if (dt !== 0) return dt < 0;
  if (x.unitId !== y.unitId) return x.unitId! < y.unitId!;
  return (x.projectId ?? "") < (y.projectId ?? "");
}

/** Independent, naive recount of what the unit gates look at. */
function naiveUnitFigures(input: QuarterInput, unitIds: readonly string[]) {
  const members = new Set(unitIds);
  const known = new Set(input.units.map((u) => u.id));
  const { start: s, end: e } = quarterBounds(input.quarter);
  const countable = input.events.filter((ev) => {
    const ms = toEpochMs(ev.at);
    return (
      !ev.isSystem &&
      (QUALIFYING_VERBS as readonly string[]).includes(ev.verb) &&
      ms >= s.getTime() &&
      ms < e.getTime() &&
      ev.unitId !== null &&
      known.has(ev.unitId)
    );
  });
  const survivors = new Map<string, CoopEvent>();
  const kept: CoopEvent[] = [];
  for (const ev of countable) {
    if (ev.verb !== "article.updated") kept.push(ev);
    else {
      const key = `${ev.personId}|${ev.objectKey}|${berlinDate(ev.at)}`;
      const other = survivors.get(key);
      if (!other || earlier(ev, other)) survivors.set(key, ev);
    }
  }
  kept.push(...survivors.values());
  const mine = kept.filter((ev) => members.has(ev.unitId!));
  return {
    headcount: input.units.filter((u) => members.has(u.id)).reduce((sum, u) => sum + u.headcount, 0),
    activePersons: new Set(mine.map((ev) => ev.personId)).size,
    events: mine.length,
  };
}

/**
 * What the SQL aggregation does, written independently: filter, keep one once-per-day edit per
 * person, object and Berlin day (earliest, then unit, then project), group by person, unit,
 * object and project with count and earliest instant, dense indices in id order.
 */
function aggregate(input: QuarterInput): AggregatedRows {
  const { start: s, end: e } = quarterBounds(input.quarter);
  const known = new Set(input.units.map((u) => u.id));
  const unitIds = [...known].sort();
  const kept: CoopEvent[] = [];
  const survivors = new Map<string, CoopEvent>();
  for (const ev of input.events) {
    const ms = toEpochMs(ev.at);
    if (ev.isSystem || !input.method.qualifyingVerbs.includes(ev.verb) || !(ms >= s.getTime() && ms < e.getTime())) {
      continue;
    }
    // like prepareEvents: events without a known unit are dropped before edits are collapsed
    if (!input.method.oncePerDayVerbs.includes(ev.verb) || ev.unitId === null || !known.has(ev.unitId)) kept.push(ev);
    else {
      const key = `${ev.personId}|${ev.objectKey}|${berlinDate(ev.at)}`;
      const other = survivors.get(key);
      const unitOf = (x: CoopEvent) => (x.unitId !== null && known.has(x.unitId) ? x.unitId : "");
      const better =
        !other ||
        toEpochMs(ev.at) < toEpochMs(other.at) ||
        (toEpochMs(ev.at) === toEpochMs(other.at) &&
          (unitOf(ev) < unitOf(other) ||
            (unitOf(ev) === unitOf(other) && (ev.projectId ?? "") < (other.projectId ?? ""))));
      if (better) survivors.set(key, ev);
    }
  }
  kept.push(...survivors.values());
  const dense = (values: string[]) => new Map([...new Set(values)].sort().map((v, i) => [v, i]));
  const persons = dense(kept.map((ev) => ev.personId));
  const objects = dense(kept.map((ev) => ev.objectKey));
  const projects = dense(kept.flatMap((ev) => (ev.projectId === null ? [] : [ev.projectId])));
  const groups = new Map<string, { p: number; u: number; o: number; j: number; count: number; at: number }>();
  for (const ev of kept) {
    const u = ev.unitId !== null && known.has(ev.unitId) ? unitIds.indexOf(ev.unitId) : -1;
    const j = ev.projectId === null ? -1 : projects.get(ev.projectId)!;
    const row = { p: persons.get(ev.personId)!, u, o: objects.get(ev.objectKey)!, j };
    const key = `${row.p}|${row.u}|${row.o}|${row.j}`;
    const g = groups.get(key);
    if (g) {
      g.count += 1;
      g.at = Math.min(g.at, toEpochMs(ev.at));
    } else groups.set(key, { ...row, count: 1, at: toEpochMs(ev.at) });
  }
  const rows = [...groups.values()];
  const table = prepareEvents(input.events, input.units, input.quarter, input.method);
  const { withoutUnit: _ignored, ...dropped } = table.dropped;
  return {
    personCount: persons.size,
    objectCount: objects.size,
    projectIds: [...projects.keys()],
    person: Int32Array.from(rows.map((r) => r.p)),
    object: Int32Array.from(rows.map((r) => r.o)),
    unit: Int32Array.from(rows.map((r) => r.u)),
    project: Int32Array.from(rows.map((r) => r.j)),
    count: Int32Array.from(rows.map((r) => r.count)),
    at: Float64Array.from(rows.map((r) => r.at)),
    received: table.received,
    dropped,
  };
}

describe("computeQuarter properties", () => {
  it("gives the same numbers from pre-aggregated rows as from the raw events", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const fromEvents = computeQuarter(input);
        const { events: _events, ...rest } = input;
        const fromRows = computeQuarterFromRows({ ...rest, rows: aggregate(input) });
        expect(fromRows).toEqual(fromEvents);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps every raw value in [0, 1] and every score and index in [0, 100]", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = computeQuarter(input);
        for (const c of allComponents(result)) {
          if (c.raw !== null) expect(c.raw >= 0 && c.raw <= 1).toBe(true);
          if (c.score !== null) expect(c.score >= 0 && c.score <= 100).toBe(true);
          expect(c.status === "ok").toBe(c.score !== null);
        }
        for (const r of [result.organisation, ...result.units]) {
          if (r.index.value === null) continue;
          expect(r.index.value >= 0 && r.index.value <= 100).toBe(true);
          const points = COMPONENT_IDS.reduce((sum, id) => sum + (r.components[id].points ?? 0), 0);
          expect(points).toBeCloseTo(r.index.value, 9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("never shows a unit or a pair below the gates", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = computeQuarter(input);
        const t = input.method.thresholds;
        for (const u of result.units) {
          const naive = naiveUnitFigures(input, [u.unitId, ...u.mergedUnitIds]);
          expect(naive).toEqual({ headcount: u.headcount, activePersons: u.activePersons, events: u.qualifyingEvents });
          expect(naive.headcount).toBeGreaterThanOrEqual(t.unitMinHeadcount);
          expect(naive.activePersons).toBeGreaterThanOrEqual(t.unitMinActivePersons);
          expect(naive.events).toBeGreaterThanOrEqual(t.unitMinEvents);
        }
        const shown = new Set(result.units.map((u) => u.unitId));
        const hidden = result.hiddenUnits.map((h) => h.unitId);
        expect(hidden.filter((id) => shown.has(id))).toEqual([]);
        expect([...shown, ...hidden].sort()).toEqual(input.units.map((u) => u.id).sort());
        for (const p of result.unitPairs) expect(shown.has(p.unitIdA) && shown.has(p.unitIdB)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("does not change when persons are relabelled", () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 1000 }), (input, salt) => {
        const rename = (id: string) => `renamed-${(id.length * 7919 + salt) % 10007}-${[...id].reverse().join("")}`;
        const relabelled: QuarterInput = {
          ...input,
          events: input.events.map((e) => ({ ...e, personId: rename(e.personId) })),
          requests: input.requests!.map((r) => ({ ...r, responderId: r.responderId && rename(r.responderId) })),
        };
        expect(computeQuarter(relabelled)).toEqual(computeQuarter(input));
      }),
      { numRuns: 150 },
    );
  });

  it("does not change when events, units and requests come in another order", () => {
    const withOrder = inputs.chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.events.keys()], { minLength: input.events.length })),
    );
    fc.assert(
      fc.property(withOrder, ([input, order]) => {
        const permuted: QuarterInput = {
          ...input,
          events: order.map((i) => input.events[i]!),
          units: [...input.units].reverse(),
          requests: [...input.requests!].reverse(),
        };
        expect(computeQuarter(permuted)).toEqual(computeQuarter(input));
      }),
      { numRuns: 150 },
    );
  });

  it("never lets a person id into the result", () => {
    fc.assert(
      fc.property(inputs, (input) => {
        expect(JSON.stringify(computeQuarter(input))).not.toMatch(/person-\d+-q8z/);
      }),
    );
  });
});
