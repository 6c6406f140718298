import { DEFAULT_METHOD_V1 } from "@kreisnetz/coop-index/method";
import { describe, expect, it } from "vitest";
import { createScanParser, hashBytes, parseScan, type TScanPerson } from "./scan-parser.ts";

/**
 * The scan parser on hand-built binary COPY (the layout of PostgreSQL's docs, "COPY", "Binary
 * Format"). That it matches what PostgreSQL really sends is proven in the integration tests:
 * `copy-out.integration.test.ts` (bytes) and the coop-index ones (scan = grouped SQL = pure path).
 */
type TRow = [
  actor: string | null,
  verb: string,
  type: string,
  id: string,
  project: string | null,
  at: string,
  system: boolean,
];

function binaryCopy(rows: TRow[], { trailer = true, fields = 7 } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), int32(0), int32(0)];
  for (const [actor, verb, type, id, project, at, system] of rows) {
    parts.push(int16(fields));
    for (const text of [actor, verb, type, id, project]) {
      if (text === null) parts.push(int32(-1));
      else {
        const bytes = Buffer.from(text, "utf8");
        parts.push(int32(bytes.length), bytes);
      }
    }
    const micros = BigInt(Date.parse(at)) * 1000n - 946_684_800_000_000n;
    const time = Buffer.alloc(8);
    time.writeBigInt64BE(micros);
    parts.push(int32(8), time, int32(1), Buffer.from([system ? 1 : 0]));
  }
  if (trailer) parts.push(int16(-1));
  return Buffer.concat(parts);
}

function int16(n: number) {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

const method = DEFAULT_METHOD_V1;
const people: TScanPerson[] = [
  // Anna moves from unit a to unit b on 1 Feb 2026
  {
    id: "anna",
    from: ["0", String(Date.UTC(2026, 1, 1) * 1000)],
    to: [String(Date.UTC(2026, 1, 1) * 1000), null],
    units: ["a", "b"],
  },
  { id: "bernd-ä", from: ["0"], to: [null], units: ["a"] },
];
const unitOf = (id: string) => ["a", "b"].indexOf(id);
const quarterStart = Date.parse("2025-12-31T23:00:00Z");

const rows: TRow[] = [
  ["anna", "task.commented", "task", "t1", "p1", "2026-01-10T08:00:00.001Z", false],
  ["bernd-ä", "task.commented", "task", "t1", null, "2026-01-10T09:00:00Z", false],
  ["anna", "task.completed", "task", "t\t2\n\\", "p1", "2026-02-10T08:00:00Z", false],
  [null, "task.commented", "task", "t1", null, "2026-01-11T08:00:00Z", false],
  ["system-bot", "task.commented", "task", "t1", null, "2026-01-11T08:00:00Z", false],
  ["anna", "task.commented", "task", "t1", null, "2026-01-12T08:00:00Z", true],
  ["anna", "task.moved", "task", "t1", null, "2026-01-12T08:00:00Z", false],
  ["anna", "task.commented", "article", "t1", null, "2026-01-12T08:00:00Z", false],
  ["bernd-ä", "article.updated", "article", "t1", "p2", "2026-01-13T10:00:00Z", false],
];

describe("the scan parser", () => {
  it("reads persons, objects, projects, units and times, and counts what it drops", () => {
    const parsed = parseScan(binaryCopy(rows), people, unitOf, method, quarterStart)!;
    expect(parsed.lines).toBe(9);
    expect(parsed.flagged).toBe(1);
    expect(parsed.systemActors).toBe(2); // no actor, and an account that is not a person
    expect(parsed.nonQualifying).toBe(2); // a verb not in the list, a verb of another object type
    const r = parsed.rows;
    expect(Array.from(r.person)).toEqual([0, 1, 0, 1]);
    // (task, t1), (task, "t\t2\n\\") and (article, t1) are three objects: the type is part of the key
    expect(Array.from(r.object)).toEqual([0, 0, 1, 2]);
    expect(r.objectCount).toBe(3);
    expect(Array.from(r.project)).toEqual([0, -1, 0, 1]);
    expect(r.projectIds).toEqual(["p1", "p2"]);
    // Anna counts for unit b after her move
    expect(Array.from(r.unit)).toEqual([0, 0, 1, 0]);
    expect(Array.from(r.at)).toEqual(
      ["2026-01-10T08:00:00.001Z", "2026-01-10T09:00:00Z", "2026-02-10T08:00:00Z", "2026-01-13T10:00:00Z"].map(
        Date.parse,
      ),
    );
    // the once-per-day verb gets its Berlin day (from the quarter's first), the others -1
    expect(Array.from(r.day ?? [])).toEqual([-1, -1, -1, 12]);
  });

  it("gives the same result however the bytes are split into chunks", () => {
    const bytes = binaryCopy(rows);
    const whole = parseScan(bytes, people, unitOf, method, quarterStart)!;
    for (let k = 0; k <= bytes.length; k++) {
      const parser = createScanParser(people, unitOf, method, quarterStart);
      expect(parser.feed(bytes.subarray(0, k))).toBe(true);
      expect(parser.feed(bytes.subarray(k))).toBe(true);
      expect(parser.finish()).toEqual(whole);
    }
    const parser = createScanParser(people, unitOf, method, quarterStart);
    for (const byte of bytes) parser.feed(Uint8Array.of(byte));
    expect(parser.finish()).toEqual(whole);
  });

  it("keeps many distinct ids apart exactly", () => {
    const many: TRow[] = [];
    for (let i = 0; i < 5000; i++) {
      many.push([
        "anna",
        "task.commented",
        "task",
        `object-${i % 2500}`,
        `p-${i % 700}`,
        "2026-01-10T08:00:00Z",
        false,
      ]);
    }
    const r = parseScan(binaryCopy(many), people, unitOf, method, quarterStart)!.rows;
    expect(r.objectCount).toBe(2500);
    expect(r.projectIds).toHaveLength(700);
    for (let i = 0; i < 5000; i++) {
      expect(r.object[i]).toBe(r.object[i % 2500]);
      expect(r.projectIds[r.project[i]!]).toBe(`p-${i % 700}`);
    }
  });

  it("tells apart two ids whose hashes are equal (the hash only finds the slot)", () => {
    // a 32-bit hash collides among some 10^5 ids of one length (birthday bound): find a pair
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    for (let i = 0; !pair; i++) {
      const id = `p-${String(i).padStart(8, "0")}`;
      const bytes = Buffer.from(id);
      const h = hashBytes(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0, bytes.length);
      const other = seen.get(h);
      if (other) pair = [other, id];
      else seen.set(h, id);
    }
    const [a, b] = pair;
    const r = parseScan(
      binaryCopy(
        [a, b, a].map((project) => ["anna", "task.commented", "task", "t1", project, "2026-01-10T08:00:00Z", false]),
      ),
      people,
      unitOf,
      method,
      quarterStart,
    )!.rows;
    expect(r.projectIds).toEqual([a, b]);
    expect(Array.from(r.project)).toEqual([0, 1, 0]);
  });

  it("refuses what is not the expected binary COPY", () => {
    const good = binaryCopy(rows);
    const notCopy = Buffer.from(good);
    notCopy[0] = 0x51;
    expect(parseScan(notCopy, people, unitOf, method, quarterStart)).toBeNull();
    expect(parseScan(binaryCopy(rows, { fields: 6 }), people, unitOf, method, quarterStart)).toBeNull();
    // cut short: no trailer, or a row missing its end
    expect(parseScan(binaryCopy(rows, { trailer: false }), people, unitOf, method, quarterStart)).toBeNull();
    expect(parseScan(good.subarray(0, good.length - 10), people, unitOf, method, quarterStart)).toBeNull();
    // bytes after the trailer
    expect(parseScan(Buffer.concat([good, int16(7)]), people, unitOf, method, quarterStart)).toBeNull();
  });
});
