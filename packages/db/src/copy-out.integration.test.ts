import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { copyBinary, readRows, Prisma } from "./client.server.ts";
import { createTestDatabase, type TestDatabase } from "./test-db.server.ts";

/**
 * `copyBinary` against a real PostgreSQL: the bytes it hands over are exactly binary COPY
 * (compared with PostgreSQL's own encoding of the same rows), whatever the socket's chunking,
 * with notices in between; errors reach the caller and the pool stays usable.
 */
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  await t.db.$executeRawUnsafe(`
    CREATE FUNCTION noisy(i int) RETURNS int LANGUAGE plpgsql AS $$
    BEGIN
      IF i % 5000 = 0 THEN RAISE NOTICE 'row %', i; END IF;
      RETURN i;
    END $$`);
});
afterAll(() => t.drop());

async function copied(statement: string): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = [];
  // the socket chunks are reused by nobody else, but copy them as a careful consumer would
  const ok = await copyBinary(t.db, statement, (bytes) => void parts.push(Buffer.from(bytes)));
  expect(ok).toBe(true);
  return { bytes: Buffer.concat(parts), chunks: parts.length };
}

/** The same rows' binary COPY as PostgreSQL encodes it, built from the send functions in SQL. */
async function expected(count: number): Promise<Buffer> {
  const [row] = await readRows<{ hex: string }>(
    t.db,
    Prisma.sql`
    SELECT encode(
             '\\x5047434f50590aff0d0a00'::bytea || int4send(0) || int4send(0)
             || string_agg(int2send(3::int2)
                           || int4send(length(convert_to(s, 'UTF8'))) || convert_to(s, 'UTF8')
                           || CASE WHEN i % 3 = 0 THEN int4send(-1) ELSE int4send(4) || int4send(i) END
                           || int4send(8) || int8send(i::int8 * 1000), ''::bytea ORDER BY i)
             || int2send((-1)::int2), 'hex') AS hex
      FROM (SELECT i, 'Zeile ' || i || E' mit\\tTab, Umlaut ä und \\\\' AS s
              FROM generate_series(1, ${count}::int) i) x`,
  );
  return Buffer.from(row!.hex, "hex");
}

const statement = (count: number, value = "i") => `
  SELECT 'Zeile ' || i || E' mit\\tTab, Umlaut ä und \\\\', CASE WHEN i % 3 = 0 THEN NULL ELSE ${value} END, i::int8 * 1000
    FROM generate_series(1, ${count}) i`;

describe("copyBinary", () => {
  it("hands over PostgreSQL's binary COPY exactly, over many socket chunks", async () => {
    const { bytes, chunks } = await copied(statement(30_000));
    expect(chunks).toBeGreaterThan(10);
    expect(bytes.equals(await expected(30_000))).toBe(true);
  });

  it("skips notices sent in the middle of the copy", async () => {
    const { bytes } = await copied(statement(20_000, "noisy(i)"));
    expect(bytes.equals(await expected(20_000))).toBe(true);
  });

  it("reports an error in the middle of the copy and leaves the pool usable", async () => {
    await expect(copyBinary(t.db, statement(20_000, "10 / (i - 15001)"), () => {})).rejects.toThrow(/division by zero/);
    await expect(copyBinary(t.db, "SELECT * FROM no_such_table", () => {})).rejects.toThrow(/no_such_table/);
    const [row] = await readRows<{ n: number }>(t.db, Prisma.sql`SELECT 41 + 1 AS n`);
    expect(row!.n).toBe(42);
  });

  it("fails with the consumer's error after reading to the end, and the pool goes on", async () => {
    let calls = 0;
    const failing = copyBinary(t.db, statement(20_000), () => {
      calls += 1;
      throw new Error("consumer broke");
    });
    await expect(failing).rejects.toThrow("consumer broke");
    expect(calls).toBe(1);
    const { bytes } = await copied(statement(10));
    expect(bytes.equals(await expected(10))).toBe(true);
  });

  it("does not copy inside a transaction (the caller reads otherwise)", async () => {
    const inside = await t.db.$transaction((tx) => copyBinary(tx, statement(10), () => {}));
    expect(inside).toBe(false);
  });
});
