/**
 * Recomputes the cooperation-index back series for the current method version:
 *   DATABASE_URL=... pnpm --filter @kreisnetz/api coop:recompute [--level FACHBEREICH] [--from 2025-Q1] [--to 2026-Q4]
 * Frozen quarters of the current version are refused (reported as "refused-frozen"): published
 * numbers change only through a new method version (admin configuration).
 */
import { getDb } from "@kreisnetz/db/client";
import { COOP_UNIT_LEVELS, parseQuarterKey, type TCoopUnitLevel } from "@kreisnetz/shared/schemas/coop-index";
import { recomputeSeries } from "../src/coop-index.ts";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL fehlt (z. B. postgresql://kreisnetz@localhost:5432/kreisnetz).");
  process.exit(2);
}
const level = arg("level");
if (level && !(COOP_UNIT_LEVELS as readonly string[]).includes(level)) {
  console.error(`Unbekannte Ebene ${level}; erlaubt: ${COOP_UNIT_LEVELS.join(", ")}`);
  process.exit(2);
}
const from = arg("from");
const to = arg("to");
const db = getDb(url);
const started = performance.now();
const outcomes = await recomputeSeries(db, {
  ...(level ? { levels: [level as TCoopUnitLevel] } : {}),
  ...(from ? { from: parseQuarterKey(from) } : {}),
  ...(to ? { to: parseQuarterKey(to) } : {}),
});
for (const o of outcomes) console.log(`${o.quarter} ${o.level.padEnd(11)} ${o.outcome}`);
console.log(`${outcomes.length} Stände in ${Math.round(performance.now() - started)} ms`);
await db.$disconnect();
