import { buildDocument, type TSearchDocument } from "@kreisnetz/search/documents";
import { projectRecheck } from "./project-recheck.ts";
import { ownObject, pagedIds, readableVia, type TSearchSource } from "./types.ts";

/**
 * Meeting minutes: title, agenda items with their notes and decisions, action
 * items. Like tasks they inherit their project's visibility: a MEMBERS
 * project's minutes are for its members only (ADR 0011). Every minutes write
 * records a `meeting.*` event with objectType "meeting", which re-indexes the
 * whole meeting.
 */
export const minutesSource: TSearchSource = {
  type: "minutes",
  jobsFor: ownObject("minutes", ["meeting"]),
  async load(db, ids) {
    const rows = await db.meeting.findMany({
      where: { id: { in: [...ids] } },
      select: {
        id: true,
        title: true,
        startsAt: true,
        location: true,
        updatedAt: true,
        project: { select: { id: true, key: true, title: true, visibility: true, leadUnitId: true } },
        units: { select: { unitId: true } },
        agendaItems: {
          select: { position: true, title: true, notes: true, decision: true },
          orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        },
        actionItems: { select: { title: true }, orderBy: { createdAt: "asc" } },
      },
    });
    return new Map<string, TSearchDocument>(
      rows.map((m) => [
        m.id,
        buildDocument({
          type: "minutes",
          objectId: m.id,
          title: m.title,
          subtitle: `${m.project.key} · ${m.project.title} · ${berlinDate(m.startsAt)}`,
          body: [
            ...m.agendaItems.map((a) =>
              [`${a.position}. ${a.title}`, a.notes, a.decision ?? ""].filter((s) => s.trim() !== "").join("\n"),
            ),
            ...m.actionItems.map((a) => a.title),
            m.location ?? "",
          ]
            .filter((s) => s.trim() !== "")
            .join("\n\n"),
          url: `/projects/${m.project.id}/meetings/${m.id}`,
          unitIds: [...new Set([m.project.leadUnitId, ...m.units.map((u) => u.unitId)])],
          tags: [m.project.key.toLowerCase()],
          date: m.startsAt,
          visibility: m.project.visibility === "ALL_STAFF" ? "all" : "restricted",
          projectId: m.project.id,
          audienceUnitIds: [],
          readerIds: [],
        }),
      ]),
    );
  },
  allIds: (db) =>
    pagedIds((after, take) =>
      db.meeting.findMany({
        where: after ? { id: { gt: after } } : {},
        select: { id: true },
        orderBy: { id: "asc" },
        take,
      }),
    ),
  recheck: projectRecheck("meeting"),
  readable: readableVia(projectRecheck("meeting")),
};

function berlinDate(instant: Date): string {
  return instant.toLocaleDateString("de-DE", {
    timeZone: "Europe/Berlin",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  });
}
