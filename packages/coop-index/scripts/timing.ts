/**
 * Rough local timing of computeQuarter on synthetic data (not a test: machines differ).
 * Run: `node --expose-gc --import tsx scripts/timing.ts [events] [--iso]` from packages/coop-index.
 * CPU time is printed beside wall time because a busy machine inflates the latter.
 */
import { computeQuarter } from "../src/compute.ts";
import { DEFAULT_METHOD_V1, QUALIFYING_VERBS } from "../src/method.ts";
import { quarterBounds } from "../src/quarters.ts";
import type { CoopEvent, Quarter, UnitMeta } from "../src/types.ts";

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const eventCount = Number(process.argv[2] ?? 1_000_000);
const iso = process.argv.includes("--iso");
const rand = mulberry32(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// County-sized tree: Landrat, 5 Dezernate, 30 Fachbereiche, 120 Sachgebiete.
const units: UnitMeta[] = [{ id: "root", parentId: null, headcount: 4, name: "Verwaltungsspitze" }];
const leaves: string[] = [];
for (let d = 0; d < 5; d++) {
  units.push({ id: `dez-${d}`, parentId: "root", headcount: 3, name: `Dezernat ${d}` });
  for (let f = 0; f < 6; f++) {
    const fb = `fb-${d}-${f}`;
    units.push({ id: fb, parentId: `dez-${d}`, headcount: 2, name: `Fachbereich ${d}.${f}` });
    for (let s = 0; s < 4; s++) {
      const sg = `sg-${d}-${f}-${s}`;
      units.push({ id: sg, parentId: fb, headcount: 3 + Math.floor(rand() * 20), name: `Sachgebiet ${d}.${f}.${s}` });
      leaves.push(sg);
    }
  }
}
const persons: { id: string; unit: string }[] = [];
for (const u of units) for (let i = 0; i < u.headcount; i++) persons.push({ id: `p-${persons.length}`, unit: u.id });
const byUnit = new Map<string, typeof persons>();
for (const p of persons) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);

const quarter: Quarter = { year: 2025, quarter: 1 };
const { start, end } = quarterBounds(quarter);
const span = end.getTime() - start.getTime();
const projects = Array.from({ length: 600 }, (_, i) => `proj-${i}`);

const events: CoopEvent[] = [];
let objects = 0;
while (events.length < eventCount) {
  const objectKey = `obj-${objects++}`;
  const broadcast = rand() < 0.005;
  const size = broadcast ? 30 + Math.floor(rand() * 100) : 1 + Math.floor(-Math.log(1 - rand()) * 4);
  const home = pick(leaves);
  const team = Array.from({ length: size }, () => (rand() < 0.7 ? pick(byUnit.get(home) ?? persons) : pick(persons)));
  const projectId = rand() < 0.8 ? pick(projects) : null;
  const perObject = Math.max(size, Math.floor(rand() * 3 * size));
  for (let k = 0; k < perObject && events.length < eventCount; k++) {
    const p = pick(team);
    const at = new Date(start.getTime() + Math.floor(rand() * span));
    events.push({
      personId: p.id,
      unitId: p.unit,
      objectKey,
      projectId,
      verb: pick(QUALIFYING_VERBS),
      at: iso ? at.toISOString() : at,
      isSystem: rand() < 0.01,
    });
  }
}

console.log(`${events.length} events, ${objects} objects, ${persons.length} persons, ${units.length} units`);
const gc = (globalThis as { gc?: () => void }).gc;
for (let run = 1; run <= 3; run++) {
  gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = computeQuarter({ quarter, events, units, method: DEFAULT_METHOD_V1 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `run ${run}: ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU — org index ${result.organisation.index.value?.toFixed(1)}, ` +
      `${result.units.length} units shown, ${result.hiddenUnits.length} hidden, ${result.unitPairs.length} pairs`,
  );
}
