import { Prisma, readRows, type DbOrTx } from "@kreisnetz/db/client";
import type { TNewsAudience, TNewsKind, TNewsStatus } from "@kreisnetz/shared/schemas/news";

/** Prisma stores DateTime as UTC in `timestamp(3)`; compare with UTC "now", never the session zone. */
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** `mine`: the reader's unit and all its ancestors (a post for a unit reaches its subunits). */
export function myUnitsCte(unitId: string): Prisma.Sql {
  return Prisma.sql`mine AS (
    SELECT id, parent_id, 0 AS depth FROM org_unit WHERE id = ${unitId}
    UNION ALL
    SELECT o.id, o.parent_id, m.depth + 1 FROM org_unit o JOIN mine m ON o.id = m.parent_id WHERE m.depth < 64
  )`;
}

/** Published now: PUBLISHED, or SCHEDULED and due; not past its unpublish time. Alias `p`. */
export const LIVE = Prisma.sql`((p.status = 'PUBLISHED' OR (p.status = 'SCHEDULED' AND p.publish_at <= ${NOW}))
  AND (p.unpublish_at IS NULL OR p.unpublish_at > ${NOW}))`;

/** The reader (CTE `mine`) is in the audience of post `p`. */
export const AUDIENCE_MATCH = Prisma.sql`(p.audience = 'ALL' OR EXISTS (
  SELECT 1 FROM news_post_unit pu JOIN mine ON mine.id = pu.unit_id WHERE pu.post_id = p.id))`;

const utc = (column: string) => Prisma.raw(`(${column} AT TIME ZONE 'UTC')`);

export type TPostAccessRow = {
  id: string;
  authorId: string;
  status: TNewsStatus;
  kind: TNewsKind;
  mustRead: boolean;
  publishAt: Date | null;
  unpublishAt: Date | null;
  audienceMatch: boolean;
  live: boolean;
};

/** The facts a policy decision needs, in one statement; `lock` serialises workflow steps. */
export async function postAccess(
  db: DbOrTx,
  postId: string,
  unitId: string,
  options: { lock?: boolean } = {},
): Promise<TPostAccessRow | null> {
  const lock = options.lock ? Prisma.sql`FOR UPDATE OF p` : Prisma.empty;
  const rows = await db.$queryRaw<TPostAccessRow[]>`
    WITH RECURSIVE ${myUnitsCte(unitId)}
    SELECT p.id, p.author_id AS "authorId", p.status::text AS status, p.kind::text AS kind, p.must_read AS "mustRead",
           ${utc("p.publish_at")} AS "publishAt", ${utc("p.unpublish_at")} AS "unpublishAt",
           ${AUDIENCE_MATCH} AS "audienceMatch", ${LIVE} AS live
      FROM news_post p
     WHERE p.id = ${postId}
     ${lock}`;
  return rows[0] ?? null;
}

const UNIT_REF = { id: true, code: true, name: true, nameDsb: true } as const;

export const POST_SELECT = {
  id: true,
  kind: true,
  status: true,
  authorId: true,
  author: { select: { id: true, name: true } },
  title: true,
  teaser: true,
  body: true,
  bodyHtml: true,
  titleDsb: true,
  teaserDsb: true,
  bodyDsb: true,
  bodyDsbHtml: true,
  category: true,
  coverImageId: true,
  coverImage: { select: { id: true, alt: true } },
  audience: true,
  pinnedFrom: true,
  pinnedUntil: true,
  publishAt: true,
  unpublishAt: true,
  publishedAt: true,
  archivedAt: true,
  reviewNote: true,
  mustRead: true,
  mustReadDeadline: true,
  storySituation: true,
  storySolution: true,
  storyResult: true,
  projectId: true,
  project: { select: { id: true, key: true, title: true } },
  contactUnit: { select: UNIT_REF },
  teamOfMonth: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  units: { select: { unit: { select: UNIT_REF } } },
  storyUnits: { select: { unit: { select: UNIT_REF } } },
} as const satisfies Prisma.NewsPostSelect;

export type TPostRow = Prisma.NewsPostGetPayload<{ select: typeof POST_SELECT }>;

export async function findPost(db: DbOrTx, id: string): Promise<TPostRow | null> {
  return db.newsPost.findUnique({ where: { id }, select: POST_SELECT });
}

export type TPostContent = {
  kind?: TNewsKind;
  title: string;
  teaser: string;
  body: Prisma.InputJsonValue;
  bodyHtml: string;
  bodyText: string;
  titleDsb: string | null;
  teaserDsb: string | null;
  bodyDsb: Prisma.InputJsonValue | null;
  bodyDsbHtml: string | null;
  bodyDsbText: string | null;
  category: string | null;
  coverImageId: string | null;
  audience: TNewsAudience;
  storySituation: string | null;
  storySolution: string | null;
  storyResult: string | null;
  projectId: string | null;
  contactUnitId: string | null;
  teamOfMonth: boolean;
};

function contentData(content: TPostContent) {
  return {
    ...content,
    bodyDsb: content.bodyDsb ?? Prisma.DbNull,
  };
}

export async function insertPost(
  db: DbOrTx,
  authorId: string,
  content: TPostContent,
  unitIds: readonly string[],
  storyUnitIds: readonly string[],
): Promise<{ id: string }> {
  const post = await db.newsPost.create({ data: { ...contentData(content), authorId }, select: { id: true } });
  await replaceUnits(db, post.id, unitIds, storyUnitIds);
  await db.newsRevision.create({
    data: {
      postId: post.id,
      version: 1,
      title: content.title,
      body: content.body,
      bodyDsb: content.bodyDsb ?? Prisma.DbNull,
      authorId,
    },
  });
  return post;
}

export async function replaceUnits(
  db: DbOrTx,
  postId: string,
  unitIds: readonly string[],
  storyUnitIds: readonly string[],
): Promise<void> {
  await db.newsPostUnit.deleteMany({ where: { postId } });
  await db.newsStoryUnit.deleteMany({ where: { postId } });
  if (unitIds.length) await db.newsPostUnit.createMany({ data: unitIds.map((unitId) => ({ postId, unitId })) });
  if (storyUnitIds.length) {
    await db.newsStoryUnit.createMany({ data: storyUnitIds.map((unitId) => ({ postId, unitId })) });
  }
}

export async function findBodies(db: DbOrTx, id: string) {
  return db.newsPost.findUnique({
    where: { id },
    select: { body: true, bodyDsb: true, version: true, title: true, updatedAt: true },
  });
}

/** Stores new content; a changed body becomes the next revision. */
export async function updateContent(
  db: DbOrTx,
  postId: string,
  actorId: string,
  content: Omit<TPostContent, "kind">,
  newVersion: number | null,
): Promise<void> {
  await db.newsPost.update({
    where: { id: postId },
    data: { ...contentData(content), ...(newVersion ? { version: newVersion } : {}) },
  });
  if (newVersion) {
    await db.newsRevision.create({
      data: {
        postId,
        version: newVersion,
        title: content.title,
        body: content.body,
        bodyDsb: content.bodyDsb ?? Prisma.DbNull,
        authorId: actorId,
      },
    });
  }
}

export async function setFields(db: DbOrTx, postId: string, data: Prisma.NewsPostUpdateInput): Promise<void> {
  await db.newsPost.update({ where: { id: postId }, data });
}

export async function listRevisions(db: DbOrTx, postId: string) {
  return db.newsRevision.findMany({
    where: { postId },
    select: { version: true, title: true, createdAt: true, authorId: true },
    orderBy: { version: "desc" },
  });
}

export async function findRevision(db: DbOrTx, postId: string, version: number) {
  return db.newsRevision.findUnique({
    where: { postId_version: { postId, version } },
    select: { title: true, body: true, bodyDsb: true },
  });
}

export async function countOpenUnits(db: DbOrTx, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.orgUnit.count({ where: { id: { in: [...ids] }, dissolvedAt: null } });
}

export async function projectExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.project.count({ where: { id, visibility: "ALL_STAFF" } })) > 0;
}

/** A person's marker on a post (read, acknowledged), once: concurrent calls insert one row and none fails. */
export async function insertMarker(
  db: DbOrTx,
  table: "news_read" | "news_acknowledgement",
  postId: string,
  userId: string,
): Promise<void> {
  const into = table === "news_read" ? Prisma.sql`news_read` : Prisma.sql`news_acknowledgement`;
  await db.$executeRaw`INSERT INTO ${into} (post_id, user_id) VALUES (${postId}, ${userId}) ON CONFLICT (post_id, user_id) DO NOTHING`;
}

/**
 * Whether the reader may see an uploaded image: it is the cover of, or appears in the body of, a
 * post they may read (their own, or live and addressed to them). Old revisions do not count.
 */
export async function imageVisibleTo(
  db: DbOrTx,
  imageId: string,
  reader: { id: string; unitId: string },
): Promise<boolean> {
  const path = `/uploads/news/${imageId}/`;
  const rows = await readRows<{ visible: boolean }>(
    db,
    Prisma.sql`
    WITH RECURSIVE ${myUnitsCte(reader.unitId)}
    SELECT EXISTS (
      SELECT 1 FROM news_post p
       WHERE (p.cover_image_id = ${imageId}
              OR strpos(p.body::text, ${path}) > 0
              OR strpos(coalesce(p.body_dsb::text, ''), ${path}) > 0)
         AND (p.author_id = ${reader.id} OR (${LIVE} AND ${AUDIENCE_MATCH}))
    ) AS visible`,
  );
  return rows[0]?.visible === true;
}

export async function imageExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.newsImage.count({ where: { id } })) > 0;
}

export type TListRow = {
  id: string;
  kind: TNewsKind;
  status: TNewsStatus;
  title: string;
  titleDsb: string | null;
  teaser: string;
  teaserDsb: string | null;
  category: string | null;
  coverImageId: string | null;
  coverAlt: string | null;
  authorName: string;
  publishedAt: Date | null;
  pinned: boolean;
  unread: boolean;
  mustRead: boolean;
  mustReadDeadline: Date | null;
  acknowledged: boolean;
  teamOfMonth: boolean;
};

const LIST_COLUMNS = (userId: string) => Prisma.sql`
  p.id, p.kind::text AS kind, p.status::text AS status, p.title, p.title_dsb AS "titleDsb", p.teaser,
  p.teaser_dsb AS "teaserDsb", p.category, p.cover_image_id AS "coverImageId", img.alt AS "coverAlt",
  a.name AS "authorName", ${utc("p.published_at")} AS "publishedAt",
  (coalesce(p.pinned_from <= ${NOW}, true) AND coalesce(p.pinned_until > ${NOW}, true)
    AND (p.pinned_from IS NOT NULL OR p.pinned_until IS NOT NULL)) AS pinned,
  NOT EXISTS (SELECT 1 FROM news_read r WHERE r.post_id = p.id AND r.user_id = ${userId}) AS unread,
  p.must_read AS "mustRead", ${utc("p.must_read_deadline")} AS "mustReadDeadline",
  EXISTS (SELECT 1 FROM news_acknowledgement k WHERE k.post_id = p.id AND k.user_id = ${userId}) AS acknowledged,
  p.team_of_month AS "teamOfMonth"`;

const LIST_FROM = Prisma.sql`news_post p JOIN app_user a ON a.id = p.author_id LEFT JOIN news_image img ON img.id = p.cover_image_id`;

/** Live posts whose audience includes the reader, newest first. */
export async function listVisible(
  db: DbOrTx,
  reader: { id: string; unitId: string },
  filter: { kind: TNewsKind; category?: string; before?: Date; limit: number; pinnedFirst?: boolean },
): Promise<TListRow[]> {
  const category = filter.category ? Prisma.sql`AND p.category = ${filter.category}` : Prisma.empty;
  const before = filter.before
    ? Prisma.sql`AND p.published_at < ${filter.before.toISOString()}::timestamptz AT TIME ZONE 'UTC'`
    : Prisma.empty;
  return readRows<TListRow>(
    db,
    Prisma.sql`
      WITH RECURSIVE ${myUnitsCte(reader.unitId)}
      SELECT ${LIST_COLUMNS(reader.id)}
        FROM ${LIST_FROM}
       WHERE p.kind = ${filter.kind}::"NewsKind" AND ${LIVE} AND ${AUDIENCE_MATCH} ${category} ${before}
       ORDER BY ${filter.pinnedFirst ? Prisma.sql`pinned DESC,` : Prisma.empty} p.published_at DESC NULLS LAST, p.id
       LIMIT ${filter.limit}`,
  );
}

/** Posts the author is still working on or waiting for (not archived). */
export async function listByAuthor(db: DbOrTx, userId: string): Promise<TListRow[]> {
  return readRows<TListRow>(
    db,
    Prisma.sql`
      SELECT ${LIST_COLUMNS(userId)} FROM ${LIST_FROM}
       WHERE p.author_id = ${userId} AND p.status IN ('DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'SCHEDULED')
       ORDER BY p.updated_at DESC LIMIT 100`,
  );
}

/** Editors' queue: waiting for review, approved, or scheduled. */
export async function listQueue(db: DbOrTx, userId: string): Promise<TListRow[]> {
  return readRows<TListRow>(
    db,
    Prisma.sql`
      SELECT ${LIST_COLUMNS(userId)} FROM ${LIST_FROM}
       WHERE p.status IN ('IN_REVIEW', 'APPROVED', 'SCHEDULED')
       ORDER BY p.status, p.updated_at LIMIT 200`,
  );
}

/** Live success stories for the reader, filterable by a taking-part unit and a year (Europe/Berlin). */
export async function gallery(
  db: DbOrTx,
  reader: { id: string; unitId: string },
  filter: { unitId?: string; year?: number },
) {
  const unit = filter.unitId
    ? Prisma.sql`AND (p.contact_unit_id = ${filter.unitId} OR EXISTS (SELECT 1 FROM news_story_unit su WHERE su.post_id = p.id AND su.unit_id = ${filter.unitId}))`
    : Prisma.empty;
  const year = filter.year
    ? Prisma.sql`AND extract(year FROM (p.published_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Berlin') = ${filter.year}`
    : Prisma.empty;
  return readRows<TListRow & { units: { id: string; name: string }[] }>(
    db,
    Prisma.sql`
      WITH RECURSIVE ${myUnitsCte(reader.unitId)}
      SELECT ${LIST_COLUMNS(reader.id)},
             (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name), '[]')
                FROM news_story_unit su JOIN org_unit u ON u.id = su.unit_id WHERE su.post_id = p.id) AS units
        FROM ${LIST_FROM}
       WHERE p.kind = 'STORY' AND ${LIVE} AND ${AUDIENCE_MATCH} ${unit} ${year}
       ORDER BY p.team_of_month DESC, p.published_at DESC NULLS LAST
       LIMIT 200`,
  );
}

export type TFeedRow = {
  feed: TListRow[];
  mustReads: { id: string; title: string; titleDsb: string | null; deadline: Date | null }[];
  mustReadCount: number;
  stories: TListRow[];
};

/**
 * The start page's news part in one statement (it is the hottest read): the
 * personal feed (pinned first, unread marked), open must-reads of the reader,
 * and the latest success stories. The newest-first walks use the (kind,
 * published_at) index and stop after a page of visible posts; read and
 * acknowledgement flags are computed for the chosen rows only. JSON timestamps
 * come back as UTC strings.
 */
export async function feed(db: DbOrTx, reader: { id: string; unitId: string }, limit: number) {
  type TJsonRow = Omit<TListRow, "publishedAt" | "mustReadDeadline"> & {
    publishedAt: string | null;
    mustReadDeadline: string | null;
  };
  const [row] = await readRows<{
    feed: TJsonRow[];
    stories: TJsonRow[];
    mustReads: { id: string; title: string; titleDsb: string | null; deadline: string | null }[];
    mustReadCount: number;
  }>(
    db,
    Prisma.sql`
      WITH RECURSIVE ${myUnitsCte(reader.unitId)},
      chosen AS (
        (SELECT p.id FROM news_post p
          WHERE p.kind = 'NEWS' AND (p.pinned_from IS NOT NULL OR p.pinned_until IS NOT NULL)
            AND coalesce(p.pinned_from <= ${NOW}, true) AND coalesce(p.pinned_until > ${NOW}, true)
            AND ${LIVE} AND ${AUDIENCE_MATCH}
          ORDER BY p.published_at DESC NULLS LAST LIMIT ${limit})
        UNION
        (SELECT p.id FROM news_post p WHERE p.kind = 'NEWS' AND ${LIVE} AND ${AUDIENCE_MATCH}
          ORDER BY p.published_at DESC NULLS LAST LIMIT ${limit})
      ),
      f AS (
        SELECT ${LIST_COLUMNS(reader.id)}, p.published_at AS sort_at
          FROM ${LIST_FROM} WHERE p.id IN (SELECT id FROM chosen)
         ORDER BY pinned DESC, p.published_at DESC NULLS LAST, p.id LIMIT ${limit}
      ),
      s AS (
        SELECT ${LIST_COLUMNS(reader.id)}, p.published_at AS sort_at
          FROM ${LIST_FROM}
         WHERE p.id IN (SELECT p.id FROM news_post p WHERE p.kind = 'STORY' AND ${LIVE} AND ${AUDIENCE_MATCH}
                         ORDER BY p.published_at DESC NULLS LAST LIMIT 3)
      ),
      m AS (
        SELECT p.id, p.title, p.title_dsb, p.must_read_deadline FROM news_post p
         WHERE p.must_read AND ${LIVE} AND ${AUDIENCE_MATCH}
           AND NOT EXISTS (SELECT 1 FROM news_acknowledgement k WHERE k.post_id = p.id AND k.user_id = ${reader.id})
      )
      SELECT
        (SELECT coalesce(json_agg(to_jsonb(f) - 'sort_at' ORDER BY pinned DESC, sort_at DESC NULLS LAST, id), '[]') FROM f) AS feed,
        (SELECT coalesce(json_agg(to_jsonb(s) - 'sort_at' ORDER BY sort_at DESC NULLS LAST, id), '[]') FROM s) AS stories,
        (SELECT coalesce(json_agg(json_build_object('id', id, 'title', title, 'titleDsb', title_dsb,
                 'deadline', ${utc("must_read_deadline")}) ORDER BY must_read_deadline NULLS LAST, id), '[]')
           FROM (SELECT * FROM m ORDER BY must_read_deadline NULLS LAST, id LIMIT 5) mm) AS "mustReads",
        (SELECT count(*) FROM m)::int AS "mustReadCount"`,
  );
  return row!;
}

/** Published news for the whole administration (the Atom feed). */
export async function listForAll(db: DbOrTx, limit: number) {
  return readRows<{
    id: string;
    title: string;
    teaser: string;
    authorName: string;
    publishedAt: Date;
    updatedAt: Date;
  }>(
    db,
    Prisma.sql`
      SELECT p.id, p.title, p.teaser, a.name AS "authorName",
             ${utc("coalesce(p.published_at, p.publish_at, p.updated_at)")} AS "publishedAt", ${utc("p.updated_at")} AS "updatedAt"
        FROM news_post p JOIN app_user a ON a.id = p.author_id
       WHERE p.kind = 'NEWS' AND p.audience = 'ALL' AND ${LIVE}
       ORDER BY p.published_at DESC NULLS LAST LIMIT ${limit}`,
  );
}

export async function commentsOf(db: DbOrTx, postId: string) {
  return db.newsComment.findMany({
    where: { postId },
    select: {
      id: true,
      body: true,
      createdAt: true,
      editedAt: true,
      removedAt: true,
      author: { select: { id: true, name: true } },
    },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
}

export async function reactionsOf(db: DbOrTx, postId: string, userId: string) {
  const [counts, mine, ack] = await Promise.all([
    db.newsReaction.groupBy({ by: ["kind"], where: { postId }, _count: { _all: true } }),
    db.newsReaction.findMany({ where: { postId, userId }, select: { kind: true } }),
    db.newsAcknowledgement.count({ where: { postId, userId } }),
  ]);
  return { counts, mine: mine.map((r) => r.kind), acknowledged: ack > 0 };
}

/** Per-unit audience size and acknowledgements of a must-read; never per person. */
export async function acknowledgementCounts(db: DbOrTx, postId: string, audience: TNewsAudience) {
  const inAudience =
    audience === "ALL"
      ? Prisma.sql`true`
      : Prisma.sql`u.unit_id IN (
          WITH RECURSIVE down AS (
            SELECT unit_id AS id, 0 AS depth FROM news_post_unit WHERE post_id = ${postId}
            UNION ALL SELECT o.id, d.depth + 1 FROM org_unit o JOIN down d ON o.parent_id = d.id WHERE d.depth < 64
          ) SELECT id FROM down)`;
  return readRows<{ id: string; parentId: string | null; name: string; people: number; acknowledged: number }>(
    db,
    Prisma.sql`
      WITH counts AS (
        SELECT u.unit_id, count(*)::int AS people, count(k.user_id)::int AS acknowledged
          FROM app_user u
          LEFT JOIN news_acknowledgement k ON k.post_id = ${postId} AND k.user_id = u.id
         WHERE u.deactivated_at IS NULL AND NOT u.is_system AND ${inAudience}
         GROUP BY u.unit_id
      )
      SELECT o.id, o.parent_id AS "parentId", o.name, coalesce(c.people, 0) AS people,
             coalesce(c.acknowledged, 0) AS acknowledged
        FROM org_unit o LEFT JOIN counts c ON c.unit_id = o.id`,
  );
}

/** Flips due SCHEDULED posts to PUBLISHED and expired ones to ARCHIVED; returns what changed. */
export async function flipDue(db: DbOrTx) {
  const published = await db.$queryRaw<{ id: string }[]>`
    UPDATE news_post SET status = 'PUBLISHED', updated_at = ${NOW}
     WHERE status = 'SCHEDULED' AND publish_at <= ${NOW}
       AND (unpublish_at IS NULL OR unpublish_at > ${NOW})
     RETURNING id`;
  const archived = await db.$queryRaw<{ id: string }[]>`
    UPDATE news_post SET status = 'ARCHIVED', archived_at = ${NOW}, updated_at = ${NOW}
     WHERE status IN ('PUBLISHED', 'SCHEDULED') AND unpublish_at IS NOT NULL AND unpublish_at <= ${NOW}
     RETURNING id`;
  return { published: published.map((r) => r.id), archived: archived.map((r) => r.id) };
}
