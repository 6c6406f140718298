import { Prisma, type Db } from "@kreisnetz/db/client";

/** Demo projects of the cooperation-index history: lead unit and declared partner units (codes). */
const DEMO_PROJECTS: { key: string; title: string; lead: string; partners: string[] }[] = [
  { key: "DIGIAKTE", title: "Einführung der E-Akte", lead: "FB70", partners: ["FB-KAEM", "FB-BAUO", "FB-SOZ"] },
  {
    key: "KLIMA",
    title: "Klimaschutzkonzept des Landkreises",
    lead: "FB-UMW",
    partners: ["FB-BAU", "FB-WIRT", "FB-KSB"],
  },
  { key: "SCHULNETZ", title: "Digitale Schulen: Netzanbindung", lead: "FB-SCHULE", partners: ["FB70", "FB-KAEM"] },
  { key: "WOHNEN", title: "Wohnraumbedarfsanalyse", lead: "FB-BAU", partners: ["FB-SOZ", "FB-KAT"] },
  { key: "KITA", title: "Kita-Bedarfsplanung 2030", lead: "FB-JUG", partners: ["FB-SCHULE", "FB-KAT", "FB-GES"] },
  {
    key: "STRUKTUR",
    title: "Strukturwandel: Fördermittelprojekte",
    lead: "FB-WIRT",
    partners: ["FB-KAEM", "FB-RECHT", "FB-UMW"],
  },
  { key: "GESUND", title: "Gesundheitsregion Lausitz", lead: "FB-GES", partners: ["FB-SOZ", "FB-JUG"] },
  { key: "BAUANTRAG", title: "Digitaler Bauantrag", lead: "FB-BAUO", partners: ["FB70", "FB-KAT", "FB-BAU"] },
];

const STATES = [
  { name: "Offen", group: "OPEN" as const, position: 0 },
  { name: "In Arbeit", group: "IN_PROGRESS" as const, position: 1 },
  { name: "Erledigt", group: "DONE" as const, position: 2 },
  { name: "Abgebrochen", group: "CANCELLED" as const, position: 3 },
];

const QUARTERS = 8;
/** Written in the same transaction as the history: its presence means "already seeded". */
const MARKER = "demo.coop-activity";

/** Deterministic pseudo-random numbers in [0, 1): a second run would produce the same history. */
function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** The first instant (UTC) of the quarter `back` quarters before the one containing `now` (Berlin ~ UTC+1/2). */
function quarterStart(now: Date, back: number): Date {
  const q = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - back;
  return new Date(Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1, 6, 0));
}

export type TCoopDemoSummary = { projects: number; events: number };

/**
 * Two years (8 complete quarters) of plausible project activity for the demo organisation, with
 * more and more cross-department work over time, so the cooperation-index dashboard shows a
 * trend on first start. All events carry `payload: { demo: true }` and are written by one
 * `INSERT ... SELECT FROM unnest(...)` statement (no outbox deliveries: search and live updates
 * ignore this history). Idempotent: a marker setting is written with the history.
 */
export async function seedCoopDemo(db: Db, options: { now?: Date } = {}): Promise<TCoopDemoSummary> {
  const now = options.now ?? new Date();
  if (await db.setting.findUnique({ where: { key: MARKER } })) return { projects: 0, events: 0 };

  const units = await db.orgUnit.findMany({ select: { id: true, code: true, kind: true, parentId: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  const byCode = new Map(units.map((u) => [u.code, u]));
  const fachbereich = (unitId: string) => {
    for (let u = byId.get(unitId); u; u = u.parentId ? byId.get(u.parentId) : undefined) {
      if (u.kind === "FACHBEREICH") return u.code;
    }
    return byId.get(unitId)?.code ?? "";
  };
  const people = await db.user.findMany({
    where: { isDemo: true, isSystem: false, deactivatedAt: null },
    select: { id: true, unitId: true },
    orderBy: { email: "asc" },
  });
  const groups = new Map<string, { id: string; unitId: string }[]>();
  for (const p of people) {
    const code = fachbereich(p.unitId);
    groups.set(code, [...(groups.get(code) ?? []), p]);
  }
  const everyone = people;
  const projects = DEMO_PROJECTS.filter((p) => byCode.has(p.lead) && (groups.get(p.lead)?.length ?? 0) > 0);
  if (projects.length === 0 || everyone.length < 10) return { projects: 0, events: 0 };

  // The history starts 8 quarters back: memberships of demo people are made to cover it.
  const historyStart = quarterStart(now, QUARTERS);
  await db.$executeRaw`
    UPDATE unit_membership m SET valid_from = ${historyStart}
      FROM app_user u
     WHERE u.id = m.user_id AND u.is_demo AND m.valid_to IS NULL AND m.valid_from > ${historyStart}
       AND NOT EXISTS (SELECT 1 FROM unit_membership o WHERE o.user_id = m.user_id AND o.id <> m.id)`;

  const projectIds: string[] = [];
  for (const p of projects) {
    const lead = byCode.get(p.lead)!;
    const partners = p.partners.filter((c) => byCode.has(c)).map((c) => byCode.get(c)!.id);
    const row = await db.project.upsert({
      where: { key: p.key },
      update: {},
      create: {
        key: p.key,
        title: p.title,
        leadUnitId: lead.id,
        status: "ACTIVE",
        startDate: historyStart,
        units: { create: partners.map((unitId) => ({ unitId })) },
        states: { create: STATES },
        members: { create: [{ userId: groups.get(p.lead)![0]!.id, role: "LEAD" }] },
      },
      select: { id: true },
    });
    projectIds.push(row.id);
  }

  const rnd = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const cols = {
    actor: [] as string[],
    unit: [] as string[],
    verb: [] as string[],
    type: [] as string[],
    object: [] as string[],
    project: [] as (string | null)[],
    at: [] as string[],
  };
  const push = (
    p: { id: string; unitId: string },
    verb: string,
    type: string,
    object: string,
    project: string | null,
    at: Date,
  ) => {
    cols.actor.push(p.id);
    cols.unit.push(p.unitId);
    cols.verb.push(verb);
    cols.type.push(type);
    cols.object.push(object);
    cols.project.push(project);
    cols.at.push(at.toISOString());
  };

  for (let back = QUARTERS; back >= 1; back--) {
    const start = quarterStart(now, back).getTime();
    const span = quarterStart(now, back - 1).getTime() - start - 12 * 3600_000;
    const step = QUARTERS - back; // 0 .. 7: cross-department work grows
    const cross = 0.12 + 0.07 * step;
    const when = () => new Date(start + Math.floor(rnd() * span));
    projects.forEach((p, j) => {
      const home = groups.get(p.lead)!;
      const partnerGroups = p.partners.map((c) => groups.get(c) ?? []).filter((g) => g.length > 0);
      const member = () => {
        const r = rnd();
        if (r < cross && partnerGroups.length > 0) return pick(pick(partnerGroups));
        if (r < cross + 0.05) return pick(everyone);
        return pick(home);
      };
      const tasks = 14 + step * 2;
      for (let t = 0; t < tasks; t++) {
        const object = `demo-${p.key}-${back}-${t}`;
        const size = 2 + Math.floor(rnd() * 4);
        const team = new Map<string, { id: string; unitId: string }>();
        for (let k = 0; k < size; k++) {
          const m = member();
          team.set(m.id, m);
        }
        const members = [...team.values()];
        const created = when();
        push(members[0]!, "task.created", "task", object, projectIds[j]!, created);
        if (members[1]) push(members[0]!, "task.assigned", "task", object, projectIds[j]!, created);
        for (const m of members) {
          const comments = 1 + Math.floor(rnd() * 2);
          for (let c = 0; c < comments; c++) push(m, "task.commented", "task", object, projectIds[j]!, when());
        }
        if (rnd() < 0.7) push(pick(members), "task.completed", "task", object, projectIds[j]!, when());
      }
      for (let mtg = 0; mtg < 3; mtg++) {
        const object = `demo-${p.key}-${back}-meeting-${mtg}`;
        const at = when();
        const attendees = new Map<string, { id: string; unitId: string }>();
        for (let k = 0; k < 6; k++) {
          const m = member();
          attendees.set(m.id, m);
        }
        for (const a of attendees.values()) push(a, "meeting.attended", "meeting", object, projectIds[j]!, at);
      }
    });
    // a staff assembly: a broadcast that the index filters out
    const assembly = `demo-assembly-${back}`;
    const assemblyAt = when();
    for (const p of everyone.slice(0, 40)) push(p, "meeting.attended", "meeting", assembly, null, assemblyAt);
  }

  const [inserted] = await db.$transaction([
    db.$executeRaw(Prisma.sql`
    INSERT INTO activity_event (actor_id, actor_unit_id, verb, object_type, object_id, project_id, payload, is_system, created_at)
    SELECT actor, unit, verb, type, object, project, '{"demo": true}'::jsonb, false, (at::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${cols.actor}::text[], ${cols.unit}::text[], ${cols.verb}::text[], ${cols.type}::text[],
                  ${cols.object}::text[], ${cols.project}::text[], ${cols.at}::text[])
           AS e(actor, unit, verb, type, object, project, at)`),
    db.setting.create({ data: { key: MARKER, value: { seededAt: now.toISOString(), quarters: QUARTERS } } }),
  ]);
  return { projects: projectIds.length, events: inserted };
}
