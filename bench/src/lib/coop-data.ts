import type { Db } from "@kreisnetz/db/client";

export const COOP_PERSONS = 3000;
export const COOP_OBJECTS = 80_000;

/** An id like the platform's (uuid text), derived from a readable key so the SQL can join on it. */
const uuid = (expr: string) => `md5(${expr})::uuid::text`;

/**
 * The synthetic organisation of the cooperation-index benchmark: 85 units (VS, 4 Dezernate, 20
 * Fachbereiche, 60 Sachgebiete) and 3,000 people with uuid ids. 5 % of the people move to another
 * Sachgebiet on 2026-02-15 (a reorganisation mid-quarter), so the effective-dated membership
 * matters. The event table's secondary indexes are dropped for the bulk inserts
 * (`generateCoopEvents`) and rebuilt by `finishCoopData`.
 */
export async function generateCoopOrg(db: Db): Promise<void> {
  const P = COOP_PERSONS;
  await db.$executeRawUnsafe(`
    INSERT INTO org_unit (id, code, name, kind, parent_id, updated_at)
    SELECT id, code, name, kind::"OrgUnitKind", parent, now() FROM (
      SELECT 'vs' AS id, 'VS' AS code, 'Verwaltungsspitze' AS name, 'VERWALTUNGSSPITZE' AS kind, NULL AS parent
      UNION ALL SELECT 'd' || d, 'D' || d, 'Dezernat ' || d, 'DEZERNAT', 'vs' FROM generate_series(1, 4) d
      UNION ALL SELECT 'fb' || f, 'FB' || f, 'Fachbereich ' || f, 'FACHBEREICH', 'd' || (1 + f % 4)
                  FROM generate_series(1, 20) f
      UNION ALL SELECT 'sg' || s, 'SG' || s, 'Sachgebiet ' || s, 'SACHGEBIET', 'fb' || (1 + s % 20)
                  FROM generate_series(1, 60) s) u`);
  await db.$executeRawUnsafe(`
    INSERT INTO app_user (id, email, name, password_hash, unit_id, updated_at)
    SELECT ${uuid("'u' || i")}, 'u' || i || '@bench.invalid', 'Person ' || i, 'x', 'sg' || (1 + i % 60), now()
      FROM generate_series(0, ${P - 1}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO unit_membership (id, user_id, unit_id, valid_from, valid_to)
    SELECT gen_random_uuid()::text, ${uuid("'u' || i")}, 'sg' || (1 + i % 60), '2020-01-01',
           CASE WHEN i % 20 = 7 THEN timestamp '2026-02-15' END
      FROM generate_series(0, ${P - 1}) i`);
  await db.$executeRawUnsafe(`
    INSERT INTO unit_membership (id, user_id, unit_id, valid_from)
    SELECT gen_random_uuid()::text, ${uuid("'u' || i")}, 'sg' || (1 + (i + 7) % 60), '2026-02-15'
      FROM generate_series(0, ${P - 1}) i WHERE i % 20 = 7`);
  const indexes = await db.$queryRawUnsafe<{ indexname: string }[]>(
    `SELECT indexname FROM pg_indexes WHERE tablename = 'activity_event' AND indexname <> 'activity_event_pkey'`,
  );
  for (const i of indexes) await db.$executeRawUnsafe(`DROP INDEX "${i.indexname}"`);
}

/**
 * `events` activity events in the quarter starting at `quarterStart` (UTC, 89 days) with one
 * `INSERT ... SELECT generate_series`: each of the 80,000 work objects (400 projects) has a small
 * team (mostly people of one Fachbereich, some from elsewhere); verbs fit the object type, one in
 * seven events has a verb that does not count (`task.moved`).
 */
export async function generateCoopEvents(db: Db, events: number, quarterStart: string): Promise<void> {
  const P = COOP_PERSONS;
  await db.$executeRawUnsafe(`
    INSERT INTO activity_event (actor_id, verb, object_type, object_id, project_id, created_at)
    SELECT ${uuid(`'u' || ((o * 37 + (CASE WHEN r < 0.7 THEN floor(random() * 6) * 60 ELSE floor(random() * ${P}) END)::int) % ${P})`)},
           CASE WHEN o % 10 = 0 THEN 'meeting.attended' WHEN o % 20 = 1 THEN 'article.updated'
                ELSE (ARRAY['task.created', 'task.assigned', 'task.completed', 'task.commented', 'task.commented', 'task.moved'])[1 + floor(random() * 6)::int] END,
           CASE WHEN o % 10 = 0 THEN 'meeting' WHEN o % 20 = 1 THEN 'article' ELSE 'task' END,
           ${uuid("'o' || o")}, ${uuid("'p' || (o % 400)")},
           timestamp '${quarterStart}' + random() * interval '89 days'
      FROM (SELECT floor(random() * ${COOP_OBJECTS})::int AS o, random() AS r FROM generate_series(1, ${events})) g`);
}

/** Rebuilds the event table's indexes (as the migrations define them) and refreshes statistics. */
export async function finishCoopData(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`CREATE INDEX activity_event_created_at_idx ON activity_event (created_at)`);
  await db.$executeRawUnsafe(
    `CREATE INDEX activity_event_project_id_created_at_idx ON activity_event (project_id, created_at)`,
  );
  await db.$executeRawUnsafe(
    `CREATE INDEX activity_event_object_type_object_id_idx ON activity_event (object_type, object_id)`,
  );
  await db.$executeRawUnsafe(`VACUUM ANALYZE activity_event`);
  await db.$executeRawUnsafe(`ANALYZE`);
}
