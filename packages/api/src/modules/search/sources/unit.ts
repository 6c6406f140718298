import { Prisma } from "@kreisnetz/db/client";
import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { ownObject, pagedIds, type TSearchSource, readableVia, whereRecheck } from "./types.ts";

/** Organisational units that are not dissolved; readable by all staff. */
const unitRecheck = whereRecheck(Prisma.sql`org_unit`, Prisma.sql`x.dissolved_at IS NULL`);

export const unitSource: TSearchSource = {
  type: "unit",
  jobsFor: ownObject("unit", ["org-unit"]),
  async load(db, ids) {
    const rows = await db.orgUnit.findMany({
      where: { id: { in: [...ids] }, dissolvedAt: null },
      select: {
        id: true,
        code: true,
        name: true,
        nameDsb: true,
        kind: true,
        parent: { select: { name: true } },
        updatedAt: true,
      },
    });
    return new Map<string, TSearchDocument>(
      rows.map((u) => [
        u.id,
        buildDocument({
          type: "unit",
          objectId: u.id,
          title: u.name,
          subtitle: [u.code, u.parent?.name].filter(Boolean).join(" · "),
          body: u.nameDsb ?? "",
          url: `/search?units=${u.id}`,
          unitIds: [u.id],
          tags: [u.kind.toLowerCase()],
          date: u.updatedAt,
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
      db.orgUnit.findMany({
        where: { dissolvedAt: null, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: "asc" },
        take,
      }),
    ),
  recheck: unitRecheck,
  readable: readableVia(unitRecheck),
  /**
   * A unit's name is shown on other documents: people ("job · unit"), projects
   * it leads ("key · unit"), articles it owns ("space · unit") and its sub-units
   * ("code · parent"). A rename or dissolution re-indexes them.
   */
  async dependents(db, ids) {
    const unitIds = [...ids];
    const [people, projects, articles, children] = await Promise.all([
      db.user.findMany({ where: { unitId: { in: unitIds } }, select: { id: true } }),
      db.project.findMany({ where: { leadUnitId: { in: unitIds } }, select: { id: true } }),
      db.knowledgeArticle.findMany({ where: { ownerUnitId: { in: unitIds } }, select: { id: true } }),
      db.orgUnit.findMany({ where: { parentId: { in: unitIds } }, select: { id: true } }),
    ]);
    return [
      ...people.map((r) => ({ type: "person", objectId: r.id })),
      ...projects.map((r) => ({ type: "project", objectId: r.id })),
      ...articles.map((r) => ({ type: "article", objectId: r.id })),
      ...children.map((r) => ({ type: "unit", objectId: r.id })),
    ];
  },
};
