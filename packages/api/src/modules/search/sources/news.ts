import { Prisma, type Db } from "@kreisnetz/db/client";
import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { AUDIENCE_MATCH, LIVE, myUnitsCte } from "../../news/repo.ts";
import { pagedIds, type TIndexJob, type TSearchSource } from "./types.ts";

type TKind = "NEWS" | "STORY";

type TNewsRow = {
  id: string;
  title: string;
  teaser: string;
  bodyText: string;
  titleDsb: string | null;
  bodyDsbText: string | null;
  audience: "ALL" | "UNITS";
  publishedAt: Date;
  unitIds: string[];
};

/**
 * News posts and success stories, only while they are live (published, or scheduled
 * and due, and not past their unpublish time): drafts and posts in review are never
 * indexed, so they cannot leak through search. Audience "ALL" is `visibility = all`;
 * a unit audience goes into `audienceUnitIds`, which the reader filter matches against
 * the reader's unit and its ancestors (a post for a unit reaches its subunits), the
 * same rule as news/repo.ts AUDIENCE_MATCH, which the re-check uses.
 */
function newsSourceFor(type: "news" | "story", kind: TKind): TSearchSource {
  return {
    type,
    // Every news event names the post (objectType news-post); comment events carry it in the payload.
    jobsFor(event): TIndexJob[] {
      return event.objectType === "news-post" ? [{ type, objectId: event.objectId }] : [];
    },
    async load(db, ids) {
      if (ids.length === 0) return new Map();
      const rows = await db.$queryRaw<TNewsRow[]>`
        SELECT p.id, p.title, p.teaser, p.body_text AS "bodyText", p.title_dsb AS "titleDsb",
               p.body_dsb_text AS "bodyDsbText", p.audience::text AS audience,
               coalesce(p.published_at, p.publish_at, p.created_at) AS "publishedAt",
               coalesce((SELECT array_agg(pu.unit_id) FROM news_post_unit pu WHERE pu.post_id = p.id), '{}') AS "unitIds"
          FROM news_post p
         WHERE p.id IN (${Prisma.join(ids)}) AND p.kind::text = ${kind} AND ${LIVE}`;
      return new Map<string, TSearchDocument>(
        rows.map((p) => [
          p.id,
          buildDocument({
            type,
            objectId: p.id,
            title: p.title,
            subtitle: p.teaser,
            body: [p.bodyText, p.titleDsb ?? "", p.bodyDsbText ?? ""].filter(Boolean).join("\n"),
            url: `/news/${p.id}`,
            unitIds: p.unitIds,
            tags: [],
            date: p.publishedAt,
            visibility: p.audience === "ALL" ? "all" : "restricted",
            projectId: null,
            audienceUnitIds: p.audience === "ALL" ? [] : p.unitIds,
            readerIds: [],
          }),
        ]),
      );
    },
    allIds: (db: Db) =>
      pagedIds(
        async (after, take) =>
          db.$queryRaw<{ id: string }[]>`
          SELECT p.id FROM news_post p
           WHERE p.kind::text = ${kind} AND ${LIVE} ${after ? Prisma.sql`AND p.id > ${after}` : Prisma.empty}
           ORDER BY p.id LIMIT ${take}`,
      ),
    async readable(db, reader, ids) {
      if (ids.length === 0) return new Set();
      const rows = await db.$queryRaw<{ id: string }[]>`
        WITH RECURSIVE ${myUnitsCte(await unitOf(db, reader.userId))}
        SELECT p.id FROM news_post p
         WHERE p.id IN (${Prisma.join(ids)}) AND p.kind::text = ${kind} AND ${LIVE} AND ${AUDIENCE_MATCH}`;
      return new Set(rows.map((r) => r.id));
    },
  };
}

async function unitOf(db: Db, userId: string): Promise<string> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { unitId: true } });
  // An unknown reader has no unit: the CTE is then empty and only "ALL" posts pass.
  return user?.unitId ?? "00000000-0000-0000-0000-000000000000";
}

export const newsSource = newsSourceFor("news", "NEWS");
export const storySource = newsSourceFor("story", "STORY");
