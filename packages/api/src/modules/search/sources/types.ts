import { Prisma, type Db } from "@kreisnetz/db/client";
import type { TSearchDocument } from "@kreisnetz/search/documents";
import type { TStoredEvent } from "../../../events/types.ts";

/** What the permission re-check knows about the reader. */
export type TSourceReader = { userId: string };

/** An index job: the document `<type>:<objectId>` must be brought up to date (or removed). */
export type TIndexJob = { type: string; objectId: string };

/**
 * One searchable object type. A source turns rows into documents and answers
 * the PostgreSQL re-check. It never decides visibility itself beyond what its
 * module's policy says (tasks and projects use projects/policy.ts).
 */
export type TSearchSource = {
  /** Document type, e.g. "task"; also the facet value and the job-key prefix. */
  type: string;
  /** Jobs an event causes (usually its own object; a project change also touches its tasks). */
  jobsFor(event: Pick<TStoredEvent, "verb" | "objectType" | "objectId" | "projectId">): TIndexJob[];
  /** Current documents for these ids; an id missing from the map is deleted from the index. */
  load(db: Db, ids: readonly string[]): Promise<Map<string, TSearchDocument>>;
  /** Pages of all indexable ids (reindex and drift check). */
  allIds(db: Db): AsyncIterable<string[]>;
  /** Of these ids, the ones the reader may read now (re-check after Meilisearch). */
  readable(db: Db, reader: TSourceReader, ids: readonly string[]): Promise<Set<string>>;
  /**
   * The same re-check as one SQL part, so a page of hits of several types is
   * re-checked in ONE statement (service.ts `recheck`). Sources without it are
   * asked through `readable`.
   */
  recheck?: TRecheck;
  /** Extra jobs a job implies, resolved with the database (project -> its tasks). */
  dependents?(db: Db, ids: readonly string[]): Promise<TIndexJob[]>;
};

/** Jobs for the event's own object when its objectType is one of `objectTypes`. */
export function ownObject(type: string, objectTypes: readonly string[]) {
  return (event: Pick<TStoredEvent, "objectType" | "objectId">): TIndexJob[] =>
    objectTypes.includes(event.objectType) ? [{ type, objectId: event.objectId }] : [];
}

/** Keyset pagination over a table's ids. */
export async function* pagedIds(
  next: (after: string | null, take: number) => Promise<{ id: string }[]>,
  take = 500,
): AsyncIterable<string[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await next(after, take);
    if (rows.length === 0) return;
    yield rows.map((r) => r.id);
    after = rows[rows.length - 1]!.id;
    if (rows.length < take) return;
  }
}

export function plainText(json: unknown, render: (json: unknown) => string): string {
  if (!json) return "";
  try {
    return render(json);
  } catch {
    return "";
  }
}

/**
 * A re-check in two halves: `select` loads the facts the module's policy needs
 * for these (non-empty) ids as `SELECT id, facts` (facts a jsonb object), and
 * `allow` is the policy applied to them. Kept apart so the SQL of several
 * sources can be combined into one statement while the decision stays the
 * module's policy function.
 */
export type TRecheck = {
  select(reader: TSourceReader, ids: readonly string[]): Prisma.Sql;
  allow(facts: Record<string, unknown>): boolean;
};

/** `readable` for a source with a `recheck`: one statement for its ids. */
export function readableVia(recheck: TRecheck): TSearchSource["readable"] {
  return async (db, reader, ids) => {
    if (ids.length === 0) return new Set();
    const rows = await db.$queryRaw<{ id: string; facts: Record<string, unknown> }[]>(recheck.select(reader, ids));
    return new Set(rows.filter((r) => recheck.allow(r.facts)).map((r) => r.id));
  };
}

/** Rows whose WHERE clause alone decides (not archived, active ...): no facts to weigh. */
export function whereRecheck(from: Prisma.Sql, where: Prisma.Sql): TRecheck {
  return {
    select: (_reader, ids) =>
      Prisma.sql`SELECT x.id, '{}'::jsonb AS facts FROM ${from} x WHERE x.id IN (${Prisma.join([...ids])}) AND ${where}`,
    allow: () => true,
  };
}
