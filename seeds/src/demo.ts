import { randomUUID } from "node:crypto";
import type { Db } from "@kreisnetz/db/client";
import { hashPassword } from "@kreisnetz/auth/password";
import type { TRole } from "@kreisnetz/shared/permissions";
import { seedCoopDemo } from "./coop-demo.ts";
import { seedDemoProjects } from "./demo-projects.ts";
import { seedNewsDemo } from "./news-demo.ts";
import { ORG_UNITS } from "./org-units.ts";

/** Every demo account shares this password; printed at start, never used in production. */
export const DEMO_PASSWORD = "Kreisnetz-Demo-2030";

export type TDemoLogin = { email: string; role: string; note: string };

/** The accounts printed at start: one per role. */
export const DEMO_LOGINS: TDemoLogin[] = [
  { email: "admin@demo.kreisnetz.de", role: "Administration (ADV)", note: "richtet beim ersten Login TOTP ein" },
  { email: "redaktion@demo.kreisnetz.de", role: "Redaktion (Pressestelle)", note: "" },
  { email: "leitung@demo.kreisnetz.de", role: "Leitung (Landrat)", note: "" },
  { email: "mitarbeiterin@demo.kreisnetz.de", role: "Mitarbeitende (FB Bau und Planung)", note: "" },
];

const NAMED: { email: string; name: string; jobTitle: string; unit: string; roles: TRole[] }[] = [
  {
    email: "admin@demo.kreisnetz.de",
    name: "Anja Kowalski",
    jobTitle: "Systemadministratorin",
    unit: "SG-ADV",
    roles: ["STAFF", "ADMIN"],
  },
  {
    email: "redaktion@demo.kreisnetz.de",
    name: "Jan Nowak",
    jobTitle: "Pressesprecher",
    unit: "ST-PRESSE",
    roles: ["STAFF", "EDITOR"],
  },
  {
    email: "leitung@demo.kreisnetz.de",
    name: "Dr. Martina Schulze",
    jobTitle: "Landrätin",
    unit: "VS",
    roles: ["STAFF", "LEADERSHIP"],
  },
  {
    email: "mitarbeiterin@demo.kreisnetz.de",
    name: "Lena Krüger",
    jobTitle: "Sachbearbeiterin Bauleitplanung",
    unit: "FB-BAU",
    roles: ["STAFF"],
  },
];

const FIRST = [
  "Anna",
  "Ben",
  "Clara",
  "David",
  "Emma",
  "Felix",
  "Greta",
  "Hannes",
  "Ida",
  "Jonas",
  "Katrin",
  "Lukas",
  "Marie",
  "Nico",
  "Olga",
  "Paul",
  "Rita",
  "Stefan",
  "Tina",
  "Uwe",
  "Vera",
  "Wito",
  "Jadwiga",
  "Měto",
  "Hanka",
  "Pětš",
  "Mina",
  "Tomaš",
  "Sabine",
  "Thomas",
];
const LAST = [
  "Müller",
  "Schmidt",
  "Krautz",
  "Nowka",
  "Hantscho",
  "Wjelan",
  "Becker",
  "Richter",
  "Lehmann",
  "Schneider",
  "Krüger",
  "Zimmermann",
  "Hoffmann",
  "Šołta",
  "Kóńcaŕ",
  "Bartko",
  "Ješke",
  "Lange",
  "Wolf",
  "Neumann",
  "Kaiser",
  "Fischer",
  "Noack",
  "Buder",
];
const TITLES = [
  "Sachbearbeitung",
  "Sachgebietsleitung",
  "Fachbereichsleitung",
  "Verwaltungsfachangestellte/r",
  "Referent/in",
  "Ingenieur/in",
  "Teamassistenz",
];

/** Deterministic pseudo-random numbers: a second seed run yields the same people. */
function* sequence(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

export type TSeedSummary = { units: number; users: number; coopEvents: number };

/**
 * Seeds the demo organisation, about 150 people, a few news posts and two years of
 * project activity. Idempotent: units are upserted by code, people by e-mail, news by
 * slug-like keys, and the activity history is written only once, so a second start
 * creates nothing new.
 */
export async function seedDemo(db: Db, options: { userCount?: number; now?: Date } = {}): Promise<TSeedSummary> {
  const userCount = options.userCount ?? 150;
  const unitIds = new Map<string, string>();
  for (const unit of ORG_UNITS) {
    const parentId = unit.parent ? (unitIds.get(unit.parent) ?? null) : null;
    const row = await db.orgUnit.upsert({
      where: { code: unit.code },
      update: {},
      create: {
        code: unit.code,
        name: unit.name,
        nameDsb: unit.nameDsb ?? null,
        kind: unit.kind,
        parentId,
        isDemo: unit.demo,
      },
      select: { id: true },
    });
    unitIds.set(unit.code, row.id);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = [...NAMED];
  const random = sequence(2030);
  const next = () => random.next().value as number;
  const codes = ORG_UNITS.map((u) => u.code);
  for (let i = people.length; i < userCount; i += 1) {
    const first = FIRST[next() % FIRST.length]!;
    const last = LAST[next() % LAST.length]!;
    const unit = codes[next() % codes.length]!;
    const roll = next() % 100;
    const roles: TRole[] = roll < 4 ? ["STAFF", "EDITOR"] : roll < 9 ? ["STAFF", "LEADERSHIP"] : ["STAFF"];
    people.push({
      email: `person${String(i).padStart(3, "0")}@demo.kreisnetz.de`,
      name: `${first} ${last}`,
      jobTitle: TITLES[next() % TITLES.length]!,
      unit,
      roles,
    });
  }

  const existing = new Set((await db.user.findMany({ select: { email: true } })).map((u) => u.email));
  const missing = people.filter((p) => !existing.has(p.email));
  if (missing.length > 0) {
    const rows = missing.map((person) => ({
      id: randomUUID(),
      email: person.email,
      name: person.name,
      jobTitle: person.jobTitle,
      roles: person.roles,
      passwordHash,
      unitId: unitIds.get(person.unit)!,
      isDemo: true,
    }));
    await db.$transaction([
      db.user.createMany({ data: rows }),
      db.unitMembership.createMany({ data: rows.map((r) => ({ userId: r.id, unitId: r.unitId })) }),
    ]);
  }
  await seedNewsDemo(db);
  if (userCount >= 40) await seedDemoProjects(db);
  // two years of project activity for the cooperation index (once; seeds/src/coop-demo.ts)
  const coop = await seedCoopDemo(db, options.now ? { now: options.now } : {});
  return { units: unitIds.size, users: people.length, coopEvents: coop.events };
}
