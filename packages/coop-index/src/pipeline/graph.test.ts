import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ev, Q2_2025, unit } from "../testing.ts";
import { isTie, newmanPairWeights, pairPassesGate, unitGraph, type UnitPair } from "./graph.ts";
import { filterObjects, objectParticipants } from "./participants.ts";
import { prepareEvents } from "./prepare.ts";

const thresholds = { minParticipants: 2, maxParticipants: 25 };

/**
 * Hand fixture. Units A, B, C.
 *   o1: a1, a2, b1       (n = 3, each pair 1/2)
 *   o2: a1, b1           (n = 2, the pair 1)
 *   o3: a1, b2, c1, c2   (n = 4, each pair 1/3)
 * Person pairs: a1-a2 1/2; a1-b1 1/2 + 1 = 3/2; a2-b1 1/2; a1-b2, a1-c1, a1-c2, b2-c1, b2-c2, c1-c2 1/3.
 */
function fixture() {
  const events = [
    ...["a1", "a2", "b1"].map((p) => ev(p, p[0]!.toUpperCase(), "o1")),
    ...["a1", "b1"].map((p) => ev(p, p[0]!.toUpperCase(), "o2")),
    ...["a1", "b2", "c1", "c2"].map((p) => ev(p, p[0]!.toUpperCase(), "o3")),
  ];
  const table = prepareEvents(events, [unit("A", 5), unit("B", 5), unit("C", 5)], Q2_2025);
  const parts = objectParticipants(table);
  const filter = filterObjects(parts, thresholds);
  const identity = Int32Array.from([0, 1, 2]);
  return { table, parts, filter, identity };
}

describe("Newman pair weights (reference)", () => {
  it("matches the hand-computed w_uv", () => {
    const { parts, filter } = fixture();
    const w = newmanPairWeights(parts, filter);
    // person indices by first appearance: a1 0, a2 1, b1 2, b2 3, c1 4, c2 5
    expect(w.get("0|1")).toBeCloseTo(1 / 2, 12);
    expect(w.get("0|2")).toBeCloseTo(3 / 2, 12);
    expect(w.get("1|2")).toBeCloseTo(1 / 2, 12);
    expect(w.get("0|3")).toBeCloseTo(1 / 3, 12);
    expect(w.get("4|5")).toBeCloseTo(1 / 3, 12);
    expect(w.size).toBe(9);
    // each person spreads one unit per object: a1 is on 3 objects
    const a1 = [...w].filter(([k]) => k.split("|").includes("0")).reduce((s, [, v]) => s + v, 0);
    expect(a1).toBeCloseTo(3, 12);
  });
});

describe("unitGraph", () => {
  it("sums s_a, s_a_ext, I_a and W_ab as computed by hand", () => {
    const { parts, filter, identity } = fixture();
    const g = unitGraph(parts, filter, identity, 25, 5);
    // s_A = a1 (3) + a2 (1/2 + 1/2) = 4; s_A_ext = a1 (3/2 + 3·1/3) + a2 (1/2) = 3; I_A = 1/2
    expect(g.strength[0]).toBe(4);
    expect(g.external[0]).toBeCloseTo(3, 12);
    expect(g.internal[0]).toBeCloseTo(1 / 2, 12);
    // s_B = b1 (3/2 + 1/2) + b2 (3·1/3) = 3, all external
    expect([g.strength[1], g.external[1], g.internal[1]]).toEqual([3, 3, 0]);
    // s_C = 2; s_C_ext = 4 · 1/3 = 4/3; I_C = 1/3
    expect(g.strength[2]).toBe(2);
    expect(g.external[2]).toBeCloseTo(4 / 3, 12);
    expect(g.internal[2]).toBeCloseTo(1 / 3, 12);
    // W_AB = 3/2 + 1/2 + 1/3 = 7/3 on o1, o2, o3; W_AC = W_BC = 2/3 on o3
    const [ab, ac, bc] = g.pairs;
    expect(ab).toMatchObject({ a: 0, b: 1, sharedObjects: 3, personsA: 2, personsB: 2 });
    expect(ab!.weight).toBeCloseTo(7 / 3, 12);
    expect(ac).toMatchObject({ a: 0, b: 2, sharedObjects: 1, personsA: 1, personsB: 2 });
    expect(ac!.weight).toBeCloseTo(2 / 3, 12);
    expect(bc!.weight).toBeCloseTo(2 / 3, 12);
  });

  it("counts merged units as one (effective mapping)", () => {
    const { parts, filter } = fixture();
    const g = unitGraph(parts, filter, Int32Array.from([0, 0, 2]), 25, 5); // B merged into A
    // A+B: s = 4 + 3 = 7; external only towards C: W_AC + W_BC = 4/3
    expect(g.strength[0]).toBe(7);
    expect(g.external[0]).toBeCloseTo(4 / 3, 12);
    expect(g.pairs).toHaveLength(1);
    expect(g.pairs[0]!.weight).toBeCloseTo(4 / 3, 12);
  });

  it("agrees with the person-level reference on random objects", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 8 }), { maxLength: 25 }),
        (objects) => {
          const unitOf = (p: number) => `U${p % 4}`;
          const events = objects.flatMap((persons, o) => persons.map((p) => ev(`p${p}`, unitOf(p), `o${o}`)));
          const table = prepareEvents(
            events,
            [0, 1, 2, 3].map((u) => unit(`U${u}`, 5)),
            Q2_2025,
          );
          const parts = objectParticipants(table);
          const filter = filterObjects(parts, thresholds);
          const g = unitGraph(parts, filter, Int32Array.from([0, 1, 2, 3]), 25, 5);
          const unitIndexOfPerson = new Int32Array(table.personCount);
          for (let i = 0; i < table.size; i++) unitIndexOfPerson[table.person[i]!] = table.unit[i]!;
          const strength = [0, 0, 0, 0];
          const external = [0, 0, 0, 0];
          const W = new Map<string, number>();
          for (const [key, w] of newmanPairWeights(parts, filter)) {
            const [u, v] = key.split("|").map((x) => unitIndexOfPerson[Number(x)]!);
            strength[u!]! += w;
            strength[v!]! += w;
            if (u !== v) {
              external[u!]! += w;
              external[v!]! += w;
              const pk = `${Math.min(u!, v!)}|${Math.max(u!, v!)}`;
              W.set(pk, (W.get(pk) ?? 0) + w);
            }
          }
          for (let a = 0; a < 4; a++) {
            expect(g.strength[a]).toBeCloseTo(strength[a]!, 9);
            expect(g.external[a]).toBeCloseTo(external[a]!, 9);
            expect(g.strength[a]! - g.external[a]! - 2 * g.internal[a]!).toBeCloseTo(0, 9);
          }
          expect(g.pairs.length).toBe(W.size);
          for (const p of g.pairs) expect(p.weight).toBeCloseTo(W.get(`${p.a}|${p.b}`)!, 9);
        },
      ),
    );
  });
});

describe("ties and the pair gate", () => {
  const pair = (over: Partial<UnitPair>): UnitPair => ({
    a: 0,
    b: 1,
    weight: 1,
    sharedObjects: 2,
    personsA: 2,
    personsB: 3,
    ...over,
  });
  const t = { tieMinWeight: 1, tieMinSharedObjects: 2, pairMinPersonsPerSide: 2, pairMinPersonsTotal: 5 };

  it("needs W_ab >= 1.0 and at least 2 shared objects", () => {
    expect(isTie(pair({}), t)).toBe(true);
    expect(isTie(pair({ weight: 1 / 2 + 1 / 3 + 1 / 6 }), t)).toBe(true); // sums to 1 despite rounding
    expect(isTie(pair({ weight: 0.99 }), t)).toBe(false);
    expect(isTie(pair({ weight: 5, sharedObjects: 1 }), t)).toBe(false);
  });

  it("shows a pair only with >= 2 persons per side and >= 5 in total", () => {
    expect(pairPassesGate(pair({}), t)).toBe(true); // 2 + 3
    expect(pairPassesGate(pair({ personsA: 2, personsB: 2 }), t)).toBe(false); // 4 in total
    expect(pairPassesGate(pair({ personsA: 1, personsB: 5 }), t)).toBe(false); // one side alone
  });
});
