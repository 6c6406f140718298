import { Prisma } from "@kreisnetz/db/client";
import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { ownObject, pagedIds, type TSearchSource, readableVia, whereRecheck } from "./types.ts";

/** The staff directory: active, non-system people, readable by all staff. */
const personRecheck = whereRecheck(Prisma.sql`app_user`, Prisma.sql`x.deactivated_at IS NULL AND NOT x.is_system`);

export const personSource: TSearchSource = {
  type: "person",
  jobsFor: ownObject("person", ["user"]),
  async load(db, ids) {
    const rows = await db.user.findMany({
      where: { id: { in: [...ids] }, deactivatedAt: null, isSystem: false },
      select: {
        id: true,
        name: true,
        jobTitle: true,
        email: true,
        unitId: true,
        unit: { select: { name: true } },
        updatedAt: true,
      },
    });
    return new Map<string, TSearchDocument>(
      rows.map((u) => [
        u.id,
        buildDocument({
          type: "person",
          objectId: u.id,
          title: u.name,
          subtitle: [u.jobTitle, u.unit.name].filter(Boolean).join(" · "),
          body: u.email,
          url: `mailto:${u.email}`,
          unitIds: [u.unitId],
          tags: [],
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
      db.user.findMany({
        where: { deactivatedAt: null, isSystem: false, ...(after ? { id: { gt: after } } : {}) },
        select: { id: true },
        orderBy: { id: "asc" },
        take,
      }),
    ),
  recheck: personRecheck,
  readable: readableVia(personRecheck),
};
