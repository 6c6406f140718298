import type { TMeetingStatus, TMeetingTemplateKey } from "@kreisnetz/shared/schemas/meetings";
import { canEditTask, hasProjectRole, type TProjectAccess } from "../projects/policy.ts";

/**
 * Moves `itemId` to `toIndex` (0-based, clamped to the list) and returns the
 * new order; the other items keep their relative order. Unknown ids return null.
 */
export function reorder(ids: readonly string[], itemId: string, toIndex: number): string[] | null {
  const from = ids.indexOf(itemId);
  if (from === -1) return null;
  const rest = ids.filter((id) => id !== itemId);
  const target = Math.max(0, Math.min(toIndex, rest.length));
  return [...rest.slice(0, target), itemId, ...rest.slice(target)];
}

const BERLIN = "Europe/Berlin";

/** Berlin's offset from UTC in minutes at this instant (60 in winter, 120 in summer). */
function berlinOffsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: BERLIN,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * "2026-03-05T09:30" on a Berlin wall clock as an instant. A time that does
 * not exist (the spring-forward hour) lands one hour later, as clocks do.
 */
export function berlinLocalToInstant(local: string): Date {
  const naive = new Date(`${local}:00Z`).getTime();
  let instant = naive - berlinOffsetMinutes(new Date(naive)) * 60_000;
  instant = naive - berlinOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/** An instant as "YYYY-MM-DDTHH:mm" on a Berlin wall clock (for datetime-local fields). */
export function instantToBerlinLocal(instant: Date): string {
  const shifted = new Date(instant.getTime() + berlinOffsetMinutes(instant) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

export type TMeetingAccess = TProjectAccess & { status: TMeetingStatus; createdById: string };

/** Agenda, notes, outcomes and attendance: project members, while the minutes are a draft. */
export function canEditMinutes(meeting: TMeetingAccess): boolean {
  return meeting.status === "DRAFT" && canEditTask(meeting);
}

/** Approval: a project lead or the member who called the meeting. */
export function canApproveMinutes(meeting: TMeetingAccess, actorId: string): boolean {
  if (!canEditMinutes(meeting)) return false;
  return hasProjectRole(meeting.role, "LEAD") || meeting.createdById === actorId;
}

/**
 * Turning an action item into a task is allowed on approved minutes too: it
 * changes no recorded content, it only links the task. Members only.
 */
export function canCreateTaskFromAction(meeting: TMeetingAccess): boolean {
  return canEditTask(meeting);
}

export type TMeetingTemplate = {
  key: TMeetingTemplateKey;
  agenda: readonly { title: string; durationMinutes: number | null }[];
};

/** Standard agendas; titles are German because the minutes are a German record. */
export const MEETING_TEMPLATES: readonly TMeetingTemplate[] = [
  {
    key: "DIENSTBERATUNG",
    agenda: [
      { title: "Begrüßung und Feststellung der Tagesordnung", durationMinutes: 5 },
      { title: "Kontrolle der Maßnahmen aus der letzten Dienstberatung", durationMinutes: 15 },
      { title: "Informationen der Amtsleitung", durationMinutes: 15 },
      { title: "Berichte aus den Sachgebieten", durationMinutes: 20 },
      { title: "Verschiedenes", durationMinutes: 5 },
    ],
  },
  {
    key: "PROJEKTSITZUNG",
    agenda: [
      { title: "Stand des Projekts und Meilensteine", durationMinutes: 15 },
      { title: "Offene Aufgaben und Hindernisse", durationMinutes: 20 },
      { title: "Entscheidungsbedarf", durationMinutes: 15 },
      { title: "Nächste Schritte und Termine", durationMinutes: 10 },
    ],
  },
];

export function meetingTemplate(key: TMeetingTemplateKey): TMeetingTemplate {
  return MEETING_TEMPLATES.find((t) => t.key === key)!;
}
