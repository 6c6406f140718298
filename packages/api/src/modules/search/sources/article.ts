import { Prisma } from "@kreisnetz/db/client";
import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { articlePath } from "../../knowledge/rules.ts";
import { ownObject, pagedIds, type TSearchSource, readableVia, whereRecheck } from "./types.ts";

/** Knowledge articles (not archived): the whole knowledge base is readable by all staff. */
const articleRecheck = whereRecheck(Prisma.sql`knowledge_article`, Prisma.sql`x.archived_at IS NULL`);

export const articleSource: TSearchSource = {
  type: "article",
  jobsFor: ownObject("article", ["article"]),
  async load(db, ids) {
    const rows = await db.knowledgeArticle.findMany({
      where: { id: { in: [...ids] }, archivedAt: null },
      select: {
        id: true,
        title: true,
        titleDsb: true,
        bodyText: true,
        tags: true,
        ownerUnitId: true,
        updatedAt: true,
        space: { select: { name: true, unitId: true } },
        ownerUnit: { select: { name: true } },
      },
    });
    return new Map<string, TSearchDocument>(
      rows.map((a) => [
        a.id,
        buildDocument({
          type: "article",
          objectId: a.id,
          title: a.title,
          subtitle: `${a.space.name} · ${a.ownerUnit.name}`,
          body: [a.bodyText, a.titleDsb ?? ""].filter(Boolean).join("\n"),
          url: articlePath(a.id),
          unitIds: [...new Set([a.ownerUnitId, ...(a.space.unitId ? [a.space.unitId] : [])])],
          tags: a.tags,
          date: a.updatedAt,
          visibility: "all",
          projectId: null,
          audienceUnitIds: [],
          readerIds: [],
        }),
      ]),
    );
  },
  allIds: (db) =>
    pagedIds((after, take) =>
      db.knowledgeArticle.findMany({
        where: { archivedAt: null, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: "asc" },
        take,
      }),
    ),
  recheck: articleRecheck,
  readable: readableVia(articleRecheck),
};
