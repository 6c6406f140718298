import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { richTextToPlainText } from "@kreisnetz/editor/render";
import { projectRecheck } from "./project-recheck.ts";
import { ownObject, pagedIds, readableVia, plainText, type TSearchSource } from "./types.ts";

/** Projects: ALL_STAFF ones for everybody, MEMBERS ones for their members (projectId). */
export const projectSource: TSearchSource = {
  type: "project",
  jobsFor: ownObject("project", ["project"]),
  async load(db, ids) {
    const rows = await db.project.findMany({
      where: { id: { in: [...ids] } },
      select: {
        id: true,
        key: true,
        title: true,
        description: true,
        visibility: true,
        leadUnitId: true,
        leadUnit: { select: { name: true } },
        units: { select: { unitId: true } },
        updatedAt: true,
      },
    });
    return new Map<string, TSearchDocument>(
      rows.map((p) => [
        p.id,
        buildDocument({
          type: "project",
          objectId: p.id,
          title: p.title,
          subtitle: `${p.key} · ${p.leadUnit.name}`,
          body: plainText(p.description, richTextToPlainText),
          url: `/projects/${p.id}`,
          unitIds: [p.leadUnitId, ...p.units.map((u) => u.unitId)],
          tags: [p.key.toLowerCase()],
          date: p.updatedAt,
          visibility: p.visibility === "ALL_STAFF" ? "all" : "restricted",
          projectId: p.id,
          audienceUnitIds: [],
          readerIds: [],
        }),
      ]),
    );
  },
  allIds: (db) =>
    pagedIds((after, take) =>
      db.project.findMany({
        where: after ? { id: { gt: after } } : {},
        select: { id: true },
        orderBy: { id: "asc" },
        take,
      }),
    ),
  recheck: projectRecheck("project"),
  readable: readableVia(projectRecheck("project")),
  /**
   * Visibility, key and title live on the project: when it changes, every task
   * and minutes document changes too.
   */
  async dependents(db, ids) {
    const [tasks, meetings] = await Promise.all([
      db.task.findMany({ where: { projectId: { in: [...ids] } }, select: { id: true } }),
      db.meeting.findMany({ where: { projectId: { in: [...ids] } }, select: { id: true } }),
    ]);
    return [
      ...tasks.map((t) => ({ type: "task", objectId: t.id })),
      ...meetings.map((m) => ({ type: "minutes", objectId: m.id })),
    ];
  },
};
