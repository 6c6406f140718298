import type { MethodThresholds } from "../types.ts";
import type { ObjectFilter, ObjectParticipants } from "./participants.ts";

/** One unordered unit pair a < b with collaboration on at least one shared object. */
export type UnitPair = {
  a: number;
  b: number;
  /** W_ab = sum of w_uv over u in a, v in b. */
  weight: number;
  /** Objects with participants from both units. */
  sharedObjects: number;
  /** Distinct persons of a resp. b on those objects, counted only up to the cap given to `unitGraph`. */
  personsA: number;
  personsB: number;
};

/**
 * The unit graph. Only unit-level sums are ever formed: person-pair weights exist solely in the
 * reference `newmanPairWeights`, which the tests use to check these sums.
 */
export type UnitGraph = {
  /** s_a: sum of w_uv over u in a and every v (= objects per participant of a). */
  strength: Float64Array;
  /** s_a_ext: the part of s_a with persons of other units. */
  external: Float64Array;
  /** I_a: sum of w_uv over unordered pairs u, v both in a (each pair once). */
  internal: Float64Array;
  /** Sorted by (a, b). */
  pairs: UnitPair[];
};

/**
 * Newman's collaboration weight per person pair, w_uv = Σ 1/(n_o − 1) over shared used objects.
 * Reference definition for tests only; the index itself never builds person pairs.
 * Keys are `"u|v"` with person indices u < v.
 */
export function newmanPairWeights(parts: ObjectParticipants, filter: ObjectFilter): Map<string, number> {
  const w = new Map<string, number>();
  for (let o = 0; o < parts.objectCount; o++) {
    if (!filter.keep[o]) continue;
    const from = parts.offsets[o]!;
    const to = parts.offsets[o + 1]!;
    const share = 1 / (to - from - 1);
    for (let i = from; i < to; i++) {
      for (let j = i + 1; j < to; j++) {
        const u = Math.min(parts.persons[i]!, parts.persons[j]!);
        const v = Math.max(parts.persons[i]!, parts.persons[j]!);
        const key = `${u}|${v}`;
        w.set(key, (w.get(key) ?? 0) + share);
      }
    }
  }
  return w;
}

type PairAccumulator = { byDenominator: Float64Array; shared: number; sideA: number[]; sideB: number[] };

function addCapped(side: number[], person: number, cap: number): void {
  if (side.length < cap && !side.includes(person)) side.push(person);
}

/**
 * Unit sums s_a, s_a_ext, I_a and W_ab straight from the objects. For an object with n
 * participants, c_a of them in unit a: s_a += c_a, s_a_ext += c_a(n − c_a)/(n − 1),
 * I_a += c_a(c_a − 1)/2/(n − 1), W_ab += c_a·c_b/(n − 1).
 *
 * The numerators are integers and are summed per denominator n − 1; the divisions happen once at
 * the end in a fixed order. So the sums are exact up to the final step and do not depend on the
 * order of the events (a shuffled export of the same quarter gives bit-identical numbers).
 *
 * `effective` maps each unit index to the unit it is counted in (see `resolveUnits`);
 * `personCap` bounds the distinct persons tracked per pair side (the pair gate needs no more).
 */
export function unitGraph(
  parts: ObjectParticipants,
  filter: ObjectFilter,
  effective: Int32Array,
  maxParticipants: number,
  personCap: number,
): UnitGraph {
  const U = effective.length;
  const D = Math.max(2, maxParticipants); // denominators 1 .. maxParticipants - 1
  const strength = new Float64Array(U);
  const externalBy = new Float64Array(U * D);
  const internalBy = new Float64Array(U * D);
  const pairs = new Map<number, PairAccumulator>();
  const count = new Int32Array(U);
  const touched: number[] = [];
  const local: PairAccumulator[] = [];

  for (let o = 0; o < parts.objectCount; o++) {
    if (!filter.keep[o]) continue;
    const from = parts.offsets[o]!;
    const to = parts.offsets[o + 1]!;
    const n = to - from;
    const d = n - 1;
    touched.length = 0;
    for (let i = from; i < to; i++) {
      const a = effective[parts.units[i]!]!;
      if (count[a] === 0) touched.push(a);
      count[a]! += 1;
    }
    const k = touched.length;
    if (k > 1) touched.sort((x, y) => x - y);
    for (const a of touched) {
      const c = count[a]!;
      strength[a]! += c;
      externalBy[a * D + d]! += c * (n - c);
      internalBy[a * D + d]! += (c * (c - 1)) / 2;
    }
    if (k > 1) {
      local.length = 0;
      for (let x = 0; x < k; x++) {
        for (let y = x + 1; y < k; y++) {
          const a = touched[x]!;
          const b = touched[y]!;
          const key = a * U + b;
          let acc = pairs.get(key);
          if (acc === undefined) {
            acc = { byDenominator: new Float64Array(D), shared: 0, sideA: [], sideB: [] };
            pairs.set(key, acc);
          }
          acc.byDenominator[d]! += count[a]! * count[b]!;
          acc.shared += 1;
          local[x * k + y] = acc;
        }
      }
      for (let i = from; i < to; i++) {
        const a = effective[parts.units[i]!]!;
        const x = touched.indexOf(a);
        for (let y = 0; y < k; y++) {
          if (y < x) addCapped(local[y * k + x]!.sideB, parts.persons[i]!, personCap);
          else if (y > x) addCapped(local[x * k + y]!.sideA, parts.persons[i]!, personCap);
        }
      }
    }
    for (const a of touched) count[a] = 0;
  }

  const external = new Float64Array(U);
  const internal = new Float64Array(U);
  for (let a = 0; a < U; a++) {
    for (let d = 1; d < D; d++) {
      external[a]! += externalBy[a * D + d]! / d;
      internal[a]! += internalBy[a * D + d]! / d;
    }
  }
  const keys = [...pairs.keys()].sort((x, y) => x - y);
  const result: UnitPair[] = keys.map((key) => {
    const acc = pairs.get(key)!;
    let weight = 0;
    for (let d = 1; d < D; d++) weight += acc.byDenominator[d]! / d;
    return {
      a: Math.floor(key / U),
      b: key % U,
      weight,
      sharedObjects: acc.shared,
      personsA: acc.sideA.length,
      personsB: acc.sideB.length,
    };
  });
  return { strength, external, internal, pairs: result };
}

/** Floating-point slack for "W_ab ≥ 1.0" (1/3 + 1/6 + 1/2 may land a hair below 1). */
const TIE_EPSILON = 1e-9;

/** A binary tie: enough weight and more than one shared object, so one chance comment is no partnership. */
export function isTie(pair: UnitPair, t: Pick<MethodThresholds, "tieMinWeight" | "tieMinSharedObjects">): boolean {
  return pair.weight >= t.tieMinWeight - TIE_EPSILON && pair.sharedObjects >= t.tieMinSharedObjects;
}

/** The pair gate: enough persons on each side and in total, so no 1:1 collaboration becomes visible. */
export function pairPassesGate(
  pair: UnitPair,
  t: Pick<MethodThresholds, "pairMinPersonsPerSide" | "pairMinPersonsTotal">,
): boolean {
  return (
    pair.personsA >= t.pairMinPersonsPerSide &&
    pair.personsB >= t.pairMinPersonsPerSide &&
    pair.personsA + pair.personsB >= t.pairMinPersonsTotal
  );
}
