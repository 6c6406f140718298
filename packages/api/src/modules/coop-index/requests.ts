import type { CrossUnitRequest } from "@kreisnetz/coop-index/types";
import { Prisma, readRows, type DbOrTx } from "@kreisnetz/db/client";

/**
 * K5 ("Reaktionsfähigkeit") needs the quarter's requests from one unit to another, which the
 * event log holds as two kinds of events on a task:
 * - `task.assigned`: the assigner asks the assignee (payload `assigneeId`);
 * - `task.commented`: the author asks everyone @-mentioned (payload `mentionIds`).
 * A request is answered by the first later event on the same object by anyone of the receiving
 * unit (at the chosen level), up to the evaluation time. Units are taken from the effective-dated
 * membership at each event's time and mapped to the level with `target`; requests within one
 * level unit are not requests between units and are left out. Person ids stay inside: only the
 * responder id travels on, for the pure package's distinct-responder gate, never into a result.
 */
export async function crossUnitRequests(
  db: DbOrTx,
  start: Date,
  end: Date,
  evaluatedAt: Date,
  target: ReadonlyMap<string, string>,
): Promise<CrossUnitRequest[]> {
  const rows = await readRows<TRequestRow>(
    db,
    Prisma.sql`
    WITH req AS (
      SELECT e.id, e.object_type, e.object_id, e.created_at, e.actor_id, t.target_id
        FROM activity_event e
        JOIN app_user a ON a.id = e.actor_id AND NOT a.is_system
        CROSS JOIN LATERAL (
          SELECT e.payload->>'assigneeId' AS target_id WHERE e.verb = 'task.assigned'
          UNION
          SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.payload->'mentionIds') = 'array'
                                                THEN e.payload->'mentionIds' ELSE '[]'::jsonb END)
           WHERE e.verb = 'task.commented'
        ) t
       WHERE e.created_at >= ${utc(start)} AND e.created_at < ${utc(end)}
         AND e.verb IN ('task.assigned', 'task.commented') AND NOT e.is_system
         AND t.target_id IS NOT NULL AND t.target_id <> e.actor_id
    )
    SELECT r.id::text AS id, r.object_type AS "objectType", r.object_id AS "objectId",
           ${epochMs(Prisma.sql`r.created_at`)} AS "requestedMs",
           (${unitAt(Prisma.sql`r.actor_id`, Prisma.sql`r.created_at`)}) AS "fromUnit",
           (${unitAt(Prisma.sql`r.target_id`, Prisma.sql`r.created_at`)}) AS "toUnit"
      FROM req r
     ORDER BY r.id`,
  );
  if (rows.length === 0) return [];
  const requests = rows.flatMap((row) => {
    const from = row.fromUnit === null ? undefined : target.get(row.fromUnit);
    const to = row.toUnit === null ? undefined : target.get(row.toUnit);
    return from !== undefined && to !== undefined && from !== to ? [{ ...row, from, to }] : [];
  });
  if (requests.length === 0) return [];

  // Every later event on the requested objects, with its actor's unit at the time, in time order.
  const keyOf = (o: { objectType: string; objectId: string }) => `${o.objectType}\u0000${o.objectId}`;
  const objects = new Map(requests.map((r) => [keyOf(r), r]));
  const types = [...objects.values()].map((r) => r.objectType);
  const ids = [...objects.values()].map((r) => r.objectId);
  const replies = await readRows<TReplyRow>(
    db,
    Prisma.sql`
    SELECT e.object_type AS "objectType", e.object_id AS "objectId", e.actor_id AS "actorId",
           ${epochMs(Prisma.sql`e.created_at`)} AS "atMs",
           (${unitAt(Prisma.sql`e.actor_id`, Prisma.sql`e.created_at`)}) AS unit
      FROM activity_event e
      JOIN unnest(${types}::text[], ${ids}::text[]) AS o(t, i) ON e.object_type = o.t AND e.object_id = o.i
      JOIN app_user a ON a.id = e.actor_id AND NOT a.is_system
     WHERE e.created_at >= ${utc(start)} AND e.created_at <= ${utc(evaluatedAt)} AND NOT e.is_system
     ORDER BY e.created_at, e.id`,
  );
  const byObject = new Map<string, TReplyRow[]>();
  for (const reply of replies) {
    const key = keyOf(reply);
    let list = byObject.get(key);
    if (!list) byObject.set(key, (list = []));
    list.push(reply);
  }
  return requests.map((r) => {
    const answer = byObject
      .get(keyOf(r))
      ?.find((reply) => reply.atMs > r.requestedMs && reply.unit !== null && target.get(reply.unit) === r.to);
    return {
      fromUnitId: r.from,
      toUnitId: r.to,
      requestedAt: new Date(r.requestedMs),
      respondedAt: answer ? new Date(answer.atMs) : null,
      responderId: answer?.actorId ?? null,
    };
  });
}

type TRequestRow = {
  id: string;
  objectType: string;
  objectId: string;
  requestedMs: number;
  fromUnit: string | null;
  toUnit: string | null;
};

type TReplyRow = { objectType: string; objectId: string; actorId: string; atMs: number; unit: string | null };

/** `created_at` columns are UTC timestamps without time zone (Prisma's DateTime). */
const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/** The unit a person belonged to at that moment (effective-dated membership; the latest start wins). */
const unitAt = (person: Prisma.Sql, at: Prisma.Sql) => Prisma.sql`
  SELECT m.unit_id FROM unit_membership m
   WHERE m.user_id = ${person} AND m.valid_from <= ${at} AND (m.valid_to IS NULL OR m.valid_to > ${at})
   ORDER BY m.valid_from DESC LIMIT 1`;
