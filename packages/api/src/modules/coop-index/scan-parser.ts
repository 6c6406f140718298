import type { AggregatedRows } from "@kreisnetz/coop-index/compute";
import type { MethodConfig } from "@kreisnetz/coop-index/types";
import { berlinDayNumber } from "@kreisnetz/coop-index/quarters";

/**
 * The Node half of the lean scan (`aggregate.ts`): reads PostgreSQL's binary COPY of a quarter's
 * events into the typed arrays the maths takes. Pure: no database, no I/O.
 *
 * Binary COPY (PostgreSQL docs, "COPY", "Binary Format"): an 11-byte signature, a 32-bit flags
 * field and a 32-bit header extension length; then per row a 16-bit field count and, per field,
 * a 32-bit length (-1 for null) and that many bytes; a field count of -1 ends the data. Text
 * arrives as its UTF-8 bytes, unescaped; a timestamp as a 64-bit count of microseconds since
 * 2000-01-01; a boolean as one byte. So each field is found by its length, not by looking at
 * every byte, and no id needs quoting: every id travels exactly.
 */

/** The columns the scan asks for, in this order (`aggregate.ts`). */
export const SCAN_COLUMNS = "actor_id, verb, object_type, object_id, project_id, created_at, is_system";
const FIELDS = 7;
const [ACTOR, VERB, TYPE, OBJECT, PROJECT, CREATED, SYSTEM] = [0, 1, 2, 3, 4, 5, 6] as const;

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
/** 2000-01-01 in microseconds since 1970 (PostgreSQL's epoch for binary timestamps). */
const PG_EPOCH_MICROS = 946_684_800_000_000;
const MS_PER_HOUR = 3_600_000;

/**
 * Interning of byte strings: open addressing on a 32-bit hash, keys copied into one arena and
 * compared word by word, so equal ids get equal numbers exactly (the hash only finds the slot).
 * A slot holds the id, the hash and where the key lies in the arena side by side (16 bytes), so
 * a lookup touches one cache line of the table and one of the arena: with 80,000 objects the
 * tables no longer fit the cache, and separate arrays cost a miss each.
 */
class Interner {
  /** Per slot: id + 1 (0: empty), hash, arena start, key length. */
  private table: Int32Array;
  private mask: number;
  private starts: number[] = [0];
  private arena: Uint8Array;
  private arenaView: DataView;
  private used = 0;
  size = 0;
  constructor(expected: number) {
    let slots = 1024;
    while (slots < expected * 2) slots *= 2;
    this.table = new Int32Array(slots * 4);
    this.mask = slots - 1;
    this.arena = new Uint8Array(slots * 16);
    this.arenaView = new DataView(this.arena.buffer);
  }
  /**
   * The id of the bytes `[from, to)` of `view`, a new one if unseen (`add`) or -1; `hash` is
   * `hashBytes` of those bytes.
   */
  lookup(view: DataView, from: number, to: number, hash: number, add: boolean): number {
    const { table, arenaView } = this;
    const length = to - from;
    const h = hash | 0;
    let slot = mix(hash) & this.mask;
    for (;;) {
      const at = slot << 2;
      const id = table[at]! - 1;
      if (id < 0) break;
      if (table[at + 1] === h && table[at + 3] === length && sameRange(arenaView, table[at + 2]!, view, from, length)) {
        return id;
      }
      slot = (slot + 1) & this.mask;
    }
    if (!add) return -1;
    if (this.used + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      grown.set(this.arena);
      this.arena = grown;
      this.arenaView = new DataView(grown.buffer);
    }
    this.arena.set(new Uint8Array(view.buffer, view.byteOffset + from, length), this.used);
    const id = this.size++;
    const at = slot << 2;
    table[at] = id + 1;
    table[at + 1] = h;
    table[at + 2] = this.used;
    table[at + 3] = length;
    this.used += length;
    this.starts.push(this.used);
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }
  key(id: number): string {
    return Buffer.from(this.arena.buffer, this.starts[id]!, this.starts[id + 1]! - this.starts[id]!).toString("utf8");
  }
  private grow() {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(slots * 4);
    this.mask = slots - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at] === 0) continue;
      let slot = mix(old[at + 1]! >>> 0) & this.mask;
      while (this.table[slot << 2] !== 0) slot = (slot + 1) & this.mask;
      this.table.set(old.subarray(at, at + 4), slot << 2);
    }
  }
}

function sameRange(a: DataView, aFrom: number, b: DataView, bFrom: number, length: number): boolean {
  let k = 0;
  for (; k + 4 <= length; k += 4) if (a.getUint32(aFrom + k) !== b.getUint32(bFrom + k)) return false;
  for (; k < length; k++) if (a.getUint8(aFrom + k) !== b.getUint8(bFrom + k)) return false;
  return true;
}

/** Murmur3's finaliser: spreads the hash's bits before it picks a slot. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Murmur3's body over `[from, to)` of `view`, four bytes at a time (seeded with the length). */
export function hashBytes(view: DataView, from: number, to: number): number {
  let h = to - from;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    let k = Math.imul(view.getUint32(i, true), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  for (; i < to; i++) h = Math.imul(h ^ view.getUint8(i), 0x01000193);
  return h >>> 0;
}

/** An interner holding `keys`, key i with id i (the keys must be distinct). */
function internAll(keys: readonly string[]): Interner {
  const interner = new Interner(keys.length);
  for (const key of keys) {
    const bytes = Buffer.from(key, "utf8");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    interner.lookup(view, 0, bytes.length, hashBytes(view, 0, bytes.length), true);
  }
  return interner;
}

export type TScanPerson = { id: string; from: string[]; to: (string | null)[]; units: string[] };

export type TParsed = {
  rows: Omit<AggregatedRows, "received" | "dropped">;
  /** Events read (every row of the quarter). */
  lines: number;
  /** Flagged as system events. */
  flagged: number;
  /** Without an actor, or by an account that is not a non-system person. */
  systemActors: number;
  nonQualifying: number;
};

/** `createScanParser` over one buffer (tests). */
export function parseScan(
  bytes: Uint8Array,
  people: readonly TScanPerson[],
  unitOf: (orgUnitId: string) => number,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
  quarterStart: number,
): TParsed | null {
  const parser = createScanParser(people, unitOf, method, quarterStart);
  return parser.feed(bytes) ? parser.finish() : null;
}

/**
 * Reads the scan's binary COPY (`SCAN_COLUMNS`), in chunks split anywhere (the incomplete row
 * at a chunk's end is kept for the next one). Persons are looked up among the non-system
 * accounts (anyone else, or no actor: system); a verb qualifies when it is listed and its prefix
 * is the object type; the unit is the membership valid at the event. `feed` answers false (and
 * `finish` null) when the bytes are not that format: the caller then uses another way.
 */
export function createScanParser(
  people: readonly TScanPerson[],
  unitOf: (orgUnitId: string) => number,
  method: Pick<MethodConfig, "qualifyingVerbs" | "oncePerDayVerbs">,
  quarterStart: number,
): { feed(chunk: Uint8Array): boolean; finish(): TParsed | null } {
  const persons = internAll(people.map((p) => p.id));
  // memberships of person p: [memberStart[p], memberStart[p + 1]) in the three arrays below
  const memberStart = new Int32Array(people.length + 1);
  const total = people.reduce((sum, p) => sum + p.units.length, 0);
  const memberFrom = new Float64Array(total);
  const memberTo = new Float64Array(total);
  const memberUnit = new Int32Array(total);
  let m = 0;
  for (const [k, p] of people.entries()) {
    for (let i = 0; i < p.units.length; i++, m++) {
      memberFrom[m] = Number(p.from[i]);
      memberTo[m] = p.to[i] == null ? Number.POSITIVE_INFINITY : Number(p.to[i]);
      memberUnit[m] = unitOf(p.units[i]!);
    }
    memberStart[k + 1] = m;
  }
  // verbs: the listed ones (verb id = index in this list), with their object type; anything else
  // is not qualifying
  const verbList = [...new Set(method.qualifyingVerbs)];
  const verbs = internAll(verbList);
  const verbType = verbList.map((v) => {
    const b = Buffer.from(v.split(".")[0]!, "utf8");
    return new DataView(b.buffer, b.byteOffset, b.length);
  });
  const once = Uint8Array.from(verbList, (v) => (method.oncePerDayVerbs.includes(v) ? 1 : 0));

  const objects = new Interner(1 << 16);
  const projects = new Interner(1024);
  const firstDay = berlinDayNumber(quarterStart);
  // Berlin day per UTC hour from the quarter's start (a quarter has < 2,300 hours; -1: not yet known)
  const hourStart = Math.floor(quarterStart / MS_PER_HOUR);
  const dayOfHour = new Int32Array(2400).fill(-1);
  const state = {
    n: 0,
    lines: 0,
    flagged: 0,
    systemActors: 0,
    nonQualifying: 0,
    person: new Int32Array(1 << 16),
    object: new Int32Array(1 << 16),
    unit: new Int32Array(1 << 16),
    project: new Int32Array(1 << 16),
    at: new Float64Array(1 << 16),
    day: new Int32Array(1 << 16),
  };
  const start = new Int32Array(FIELDS);
  const size = new Int32Array(FIELDS);
  let header = false;
  let ended = false;
  let failed = false;
  let carry: Buffer | null = null;

  /** Complete rows from `pos`; answers where the first incomplete one starts, or -1 (not the format). */
  function parseRows(view: DataView, pos: number): number {
    let { n, lines, flagged, systemActors, nonQualifying, person, object, unit, project, at, day } = state;
    const length = view.byteLength;
    let result = -1;
    rows: for (;;) {
      const rowStart = pos;
      if (pos + 2 > length) {
        result = rowStart;
        break;
      }
      const count = view.getInt16(pos);
      if (count === -1) {
        ended = true;
        result = pos + 2;
        break;
      }
      if (count !== FIELDS) break;
      pos += 2;
      for (let f = 0; f < FIELDS; f++) {
        if (pos + 4 > length) {
          result = rowStart;
          break rows;
        }
        const s = view.getInt32(pos);
        pos += 4;
        start[f] = pos;
        size[f] = s;
        if (s > 0) pos += s;
      }
      if (pos > length) {
        result = rowStart;
        break;
      }
      // verb, object type, id and time are NOT NULL columns; a timestamp has 8 bytes, a boolean 1
      if (size[VERB]! < 0 || size[TYPE]! < 0 || size[OBJECT]! < 0 || size[CREATED] !== 8 || size[SYSTEM] !== 1) break;
      lines += 1;
      if (view.getUint8(start[SYSTEM]!) !== 0) {
        flagged += 1;
        continue;
      }
      const actorFrom = start[ACTOR]!;
      const actorTo = actorFrom + size[ACTOR]!;
      const p =
        size[ACTOR]! < 0 ? -1 : persons.lookup(view, actorFrom, actorTo, hashBytes(view, actorFrom, actorTo), false);
      if (p < 0) {
        systemActors += 1;
        continue;
      }
      const verbFrom = start[VERB]!;
      const verbTo = verbFrom + size[VERB]!;
      const v = verbs.lookup(view, verbFrom, verbTo, hashBytes(view, verbFrom, verbTo), false);
      const typeSize = size[TYPE]!;
      if (v < 0 || verbType[v]!.byteLength !== typeSize || !sameRange(verbType[v]!, 0, view, start[TYPE]!, typeSize)) {
        nonQualifying += 1;
        continue;
      }
      const micro =
        view.getInt32(start[CREATED]!) * 4_294_967_296 + view.getUint32(start[CREATED]! + 4) + PG_EPOCH_MICROS;
      if (n === person.length) {
        const grown = n * 2;
        person = growInt(person, grown);
        object = growInt(object, grown);
        unit = growInt(unit, grown);
        project = growInt(project, grown);
        day = growInt(day, grown);
        const next = new Float64Array(grown);
        next.set(at);
        at = next;
      }
      person[n] = p;
      // the object key is (type, id): the bytes from the type's length to the id's end, which
      // hold both fields and the id's length between them
      const objectFrom = start[TYPE]! - 4;
      const objectTo = start[OBJECT]! + size[OBJECT]!;
      object[n] = objects.lookup(view, objectFrom, objectTo, hashBytes(view, objectFrom, objectTo), true);
      const projectFrom = start[PROJECT]!;
      const projectTo = projectFrom + size[PROJECT]!;
      project[n] =
        size[PROJECT]! < 0
          ? -1
          : projects.lookup(view, projectFrom, projectTo, hashBytes(view, projectFrom, projectTo), true);
      // the membership valid at the event (the latest-starting one, should two overlap)
      let u = -1;
      for (let k = memberStart[p + 1]! - 1, first = memberStart[p]!; k >= first; k--) {
        if (memberFrom[k]! <= micro && micro < memberTo[k]!) {
          u = memberUnit[k]!;
          break;
        }
      }
      unit[n] = u;
      const ms = micro / 1000;
      at[n] = ms;
      if (once[v]) {
        const hour = Math.floor(ms / MS_PER_HOUR) - hourStart;
        const inRange = hour >= 0 && hour < dayOfHour.length;
        let d = inRange ? dayOfHour[hour]! : -1;
        if (d < 0) {
          d = berlinDayNumber(ms) - firstDay;
          if (inRange) dayOfHour[hour] = d;
        }
        day[n] = d;
      } else day[n] = -1;
      n += 1;
    }
    Object.assign(state, { n, lines, flagged, systemActors, nonQualifying, person, object, unit, project, at, day });
    return result;
  }

  function fail(): false {
    failed = true;
    return false;
  }

  function feed(chunk: Uint8Array): boolean {
    if (failed) return false;
    if (ended) return chunk.length === 0 || fail();
    let bytes: Uint8Array = chunk;
    if (carry) {
      bytes = Buffer.concat([carry, chunk]);
      carry = null;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    let pos = 0;
    if (!header) {
      // signature, flags, header extension length, header extension
      const dataStart = bytes.length >= 19 ? 19 + view.getUint32(15) : Number.POSITIVE_INFINITY;
      if (bytes.length < dataStart) {
        carry = Buffer.from(bytes);
        return true;
      }
      if (SIGNATURE.some((b, i) => bytes[i] !== b)) return fail();
      pos = dataStart;
      header = true;
    }
    const next = parseRows(view, pos);
    if (next < 0) return fail();
    if (next < bytes.length) {
      if (ended) return fail();
      carry = Buffer.from(bytes.subarray(next));
    }
    return true;
  }

  function finish(): TParsed | null {
    if (failed || !ended || carry) return null;
    const { n } = state;
    const projectIds: string[] = [];
    for (let j = 0; j < projects.size; j++) projectIds.push(projects.key(j));
    return {
      rows: {
        personCount: persons.size,
        objectCount: objects.size,
        projectIds,
        person: state.person.subarray(0, n),
        object: state.object.subarray(0, n),
        unit: state.unit.subarray(0, n),
        project: state.project.subarray(0, n),
        count: new Int32Array(n).fill(1),
        at: state.at.subarray(0, n),
        day: state.day.subarray(0, n),
      },
      lines: state.lines,
      flagged: state.flagged,
      systemActors: state.systemActors,
      nonQualifying: state.nonQualifying,
    };
  }

  return { feed, finish };
}

function growInt(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(a);
  return next;
}
