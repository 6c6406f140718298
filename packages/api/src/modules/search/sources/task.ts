import { richTextToPlainText } from "@kreisnetz/editor/render";
import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { projectRecheck } from "./project-recheck.ts";
import { ownObject, pagedIds, readableVia, plainText, type TSearchSource } from "./types.ts";

/**
 * The task events that change what its document holds (title, description, labels, responsible
 * unit). Moves, reorders, completion, comments, assignments, checklists and attachments do not,
 * so a drag on the board is no index write (each costs Meilisearch up to a second on a large
 * index); the project's title and visibility reach the tasks through the project source's
 * dependents. The document's date is the task's last change as of its last content change.
 */
export const TASK_DOCUMENT_VERBS: ReadonlySet<string> = new Set(["task.created", "task.updated"]);

/** Tasks inherit their project's visibility: a MEMBERS project's tasks are for its members only. */
export const taskSource: TSearchSource = {
  type: "task",
  jobsFor: (event) => (TASK_DOCUMENT_VERBS.has(event.verb) ? ownObject("task", ["task"])(event) : []),
  async load(db, ids) {
    const rows = await db.task.findMany({
      where: { id: { in: [...ids] } },
      select: {
        id: true,
        number: true,
        title: true,
        description: true,
        labels: true,
        responsibleUnitId: true,
        updatedAt: true,
        project: { select: { id: true, key: true, title: true, visibility: true, leadUnitId: true } },
      },
    });
    return new Map<string, TSearchDocument>(
      rows.map((t) => [
        t.id,
        buildDocument({
          type: "task",
          objectId: t.id,
          title: t.title,
          subtitle: `${t.project.key}-${t.number} · ${t.project.title}`,
          body: plainText(t.description, richTextToPlainText),
          url: `/projects/${t.project.id}#task-${t.id}`,
          unitIds: [...new Set([t.project.leadUnitId, ...(t.responsibleUnitId ? [t.responsibleUnitId] : [])])],
          tags: t.labels.map((l) => l.toLowerCase()),
          date: t.updatedAt,
          visibility: t.project.visibility === "ALL_STAFF" ? "all" : "restricted",
          projectId: t.project.id,
          audienceUnitIds: [],
          readerIds: [],
        }),
      ]),
    );
  },
  allIds: (db) =>
    pagedIds((after, take) =>
      db.task.findMany({
        where: after ? { id: { gt: after } } : {},
        select: { id: true },
        orderBy: { id: "asc" },
        take,
      }),
    ),
  recheck: projectRecheck("task"),
  readable: readableVia(projectRecheck("task")),
};
