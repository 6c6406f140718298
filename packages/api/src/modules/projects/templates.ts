import type { Tx } from "@kreisnetz/db/client";
import type { TProjectTemplateKey, TTaskStateGroup } from "@kreisnetz/shared/schemas/projects";
import type { TMutationTools } from "../../mutation.ts";
import { addDays } from "../milestones/rules.ts";
import * as tasksRepo from "../tasks/repo.ts";
import { formatTaskKey, toDbDate } from "../tasks/rules.ts";

export type TProjectTemplate = {
  key: TProjectTemplateKey;
  states: readonly { name: string; group: TTaskStateGroup }[];
  /** Offsets in days from the project's start. */
  milestones: readonly { title: string; offsetDays: number }[];
  /** Each task may belong to a milestone (by index) and is due that many days after the start. */
  tasks: readonly { title: string; dueOffsetDays: number; milestone: number | null }[];
};

/** Recurring kinds of projects in the county: a starting structure, all of it editable afterwards. */
export const PROJECT_TEMPLATES: readonly TProjectTemplate[] = [
  {
    key: "DIGITALISIERUNG",
    states: [
      { name: "Anforderungen", group: "OPEN" },
      { name: "In Umsetzung", group: "IN_PROGRESS" },
      { name: "Im Test", group: "IN_PROGRESS" },
      { name: "Eingeführt", group: "DONE" },
      { name: "Verworfen", group: "CANCELLED" },
    ],
    milestones: [
      { title: "Anforderungen abgestimmt", offsetDays: 30 },
      { title: "Pilotbetrieb gestartet", offsetDays: 90 },
      { title: "Regelbetrieb", offsetDays: 180 },
    ],
    tasks: [
      { title: "Ist-Prozess aufnehmen", dueOffsetDays: 14, milestone: 0 },
      { title: "Datenschutz-Folgenabschätzung vorbereiten", dueOffsetDays: 28, milestone: 0 },
      { title: "Personalrat beteiligen", dueOffsetDays: 30, milestone: 0 },
      { title: "Pilotgruppe schulen", dueOffsetDays: 85, milestone: 1 },
      { title: "Dienstanweisung anpassen", dueOffsetDays: 170, milestone: 2 },
    ],
  },
  {
    key: "BAUVORHABEN",
    states: [
      { name: "Geplant", group: "OPEN" },
      { name: "In Bearbeitung", group: "IN_PROGRESS" },
      { name: "Abgenommen", group: "DONE" },
      { name: "Entfallen", group: "CANCELLED" },
    ],
    milestones: [
      { title: "Bauantrag eingereicht", offsetDays: 45 },
      { title: "Baugenehmigung erteilt", offsetDays: 120 },
      { title: "Bauabnahme", offsetDays: 365 },
    ],
    tasks: [
      { title: "Bedarfsplanung abstimmen", dueOffsetDays: 21, milestone: 0 },
      { title: "Fördermittel beantragen", dueOffsetDays: 40, milestone: 0 },
      { title: "Stellungnahmen der Fachämter einholen", dueOffsetDays: 100, milestone: 1 },
      { title: "Vergabe vorbereiten", dueOffsetDays: 150, milestone: null },
      { title: "Abnahmeprotokoll erstellen", dueOffsetDays: 365, milestone: 2 },
    ],
  },
];

export function projectTemplate(key: TProjectTemplateKey): TProjectTemplate {
  return PROJECT_TEMPLATES.find((t) => t.key === key)!;
}

/**
 * Writes a template's milestones and tasks into a freshly created project
 * (columns come with the project insert), with the usual task events.
 */
export async function applyTemplate(
  { tx, event }: TMutationTools,
  project: { id: string; key: string },
  template: TProjectTemplate,
  startDate: string,
): Promise<void> {
  const firstState = await tasksRepo.firstOpenState(tx, project.id);
  if (!firstState) return;
  const milestoneIds: string[] = [];
  for (const milestone of template.milestones) {
    const row = await tx.milestone.create({
      data: {
        projectId: project.id,
        title: milestone.title,
        dueDate: toDbDate(addDays(startDate, milestone.offsetDays))!,
      },
      select: { id: true },
    });
    milestoneIds.push(row.id);
    await event({ verb: "milestone.created", objectType: "milestone", objectId: row.id, projectId: project.id });
  }
  let position = 0;
  for (const task of template.tasks) {
    position += 1024;
    const number = await tasksRepo.nextTaskNumber(tx, project.id);
    const row = await tasksRepo.insertTask(tx, {
      projectId: project.id,
      number,
      title: task.title,
      description: null,
      stateId: firstState.id,
      priority: "NORMAL",
      responsibleUnitId: null,
      startDate: null,
      dueDate: toDbDate(addDays(startDate, task.dueOffsetDays)),
      labels: [],
      position,
      completedAt: null,
      assigneeIds: [],
    });
    const milestoneId = task.milestone === null ? undefined : milestoneIds[task.milestone];
    if (milestoneId) await linkTask(tx, milestoneId, row.id);
    await event({
      verb: "task.created",
      objectType: "task",
      objectId: row.id,
      projectId: project.id,
      payload: { key: formatTaskKey(project.key, number), stateGroup: "OPEN", template: template.key },
    });
  }
}

async function linkTask(tx: Tx, milestoneId: string, taskId: string) {
  await tx.milestoneTask.create({ data: { milestoneId, taskId }, select: { taskId: true } });
}
