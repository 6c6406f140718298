import type { MethodThresholds } from "../types.ts";
import { groupIndices } from "./group.ts";
import { type EventTable, isEarlierEvent } from "./prepare.ts";

/**
 * S_o for every object in compressed rows: the participants of object o are
 * `persons[offsets[o]] .. persons[offsets[o + 1] - 1]`, n_o = offsets[o + 1] - offsets[o].
 */
export type ObjectParticipants = {
  objectCount: number;
  offsets: Int32Array;
  persons: Int32Array;
  /**
   * The unit a participant counts for on that object: the unit of their earliest qualifying event
   * on it. A person who changed unit mid-quarter is one participant, not two.
   */
  units: Int32Array;
};

/** Distinct persons per object, with the unit each participates for. */
export function objectParticipants(table: EventTable): ObjectParticipants {
  const { offsets: eventOffsets, order } = groupIndices(table.object, table.size, table.objectCount);
  const seenOn = new Int32Array(table.personCount).fill(-1); // object on which the person was last seen
  const slot = new Int32Array(table.personCount); // their position in `persons` for that object
  const firstEvent = new Int32Array(table.size);
  const offsets = new Int32Array(table.objectCount + 1);
  const persons = new Int32Array(table.size);
  let n = 0;
  for (let o = 0; o < table.objectCount; o++) {
    for (let k = eventOffsets[o]!; k < eventOffsets[o + 1]!; k++) {
      const i = order[k]!;
      const p = table.person[i]!;
      if (seenOn[p] !== o) {
        seenOn[p] = o;
        slot[p] = n;
        persons[n] = p;
        firstEvent[n] = i;
        n += 1;
      } else if (isEarlierEvent(table, i, firstEvent[slot[p]!]!)) firstEvent[slot[p]!] = i;
    }
    offsets[o + 1] = n;
  }
  const units = new Int32Array(n);
  for (let k = 0; k < n; k++) units[k] = table.unit[firstEvent[k]!]!;
  return { objectCount: table.objectCount, offsets, persons: persons.slice(0, n), units };
}

export type ObjectFilter = {
  /** 1 where the object enters the graph. */
  keep: Uint8Array;
  used: number;
  /** n_o below `minParticipants` (with v1: exactly one participant). */
  singleParticipant: number;
  /** n_o above `maxParticipants`: broadcasts such as staff assemblies. */
  broadcast: number;
};

/** Objects without interaction (n_o < 2) and broadcasts (n_o > 25) leave the graph. */
export function filterObjects(
  parts: ObjectParticipants,
  thresholds: Pick<MethodThresholds, "minParticipants" | "maxParticipants">,
): ObjectFilter {
  const keep = new Uint8Array(parts.objectCount);
  let used = 0;
  let singleParticipant = 0;
  let broadcast = 0;
  for (let o = 0; o < parts.objectCount; o++) {
    const n = parts.offsets[o + 1]! - parts.offsets[o]!;
    if (n < thresholds.minParticipants) singleParticipant += 1;
    else if (n > thresholds.maxParticipants) broadcast += 1;
    else {
      keep[o] = 1;
      used += 1;
    }
  }
  return { keep, used, singleParticipant, broadcast };
}
