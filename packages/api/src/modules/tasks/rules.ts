import type { TTaskStateGroup } from "@kreisnetz/shared/schemas/projects";

/** "DIGI" + 42 -> "DIGI-42": how people cite a task in mails and minutes. */
export function formatTaskKey(projectKey: string, number: number): string {
  return `${projectKey}-${number}`;
}

/** Calendar days as "YYYY-MM-DD" compare correctly as strings; a missing side never conflicts. */
export function datesInOrder(start: string | null | undefined, end: string | null | undefined): boolean {
  if (!start || !end) return true;
  return start <= end;
}

/** The default columns every new project starts with (renameable later, groups fixed). */
export const DEFAULT_STATES: readonly { name: string; group: TTaskStateGroup }[] = [
  { name: "Offen", group: "OPEN" },
  { name: "In Arbeit", group: "IN_PROGRESS" },
  { name: "Erledigt", group: "DONE" },
  { name: "Abgebrochen", group: "CANCELLED" },
];

export function isClosedGroup(group: TTaskStateGroup): boolean {
  return group === "DONE" || group === "CANCELLED";
}

export type TStateTransition = {
  /** The new completedAt: set when entering DONE, kept while staying there, cleared when leaving. */
  completedAt: Date | null;
  /** True exactly when the task enters DONE (verb "task.completed"). */
  completed: boolean;
  /** True when the task leaves DONE (verb "task.reopened"). */
  reopened: boolean;
};

export function stateTransition(
  from: TTaskStateGroup,
  to: TTaskStateGroup,
  completedAt: Date | null,
  now: Date,
): TStateTransition {
  if (to === "DONE") {
    return from === "DONE"
      ? { completedAt: completedAt ?? now, completed: false, reopened: false }
      : { completedAt: now, completed: true, reopened: false };
  }
  return { completedAt: null, completed: false, reopened: from === "DONE" };
}

/**
 * True when adding "taskId is blocked by blockedById" would close a cycle, i.e.
 * taskId is already (transitively) blocking blockedById, or they are the same
 * task. `blockedByOf` maps a task to the tasks it is blocked by.
 */
export function createsCycle(
  blockedByOf: ReadonlyMap<string, readonly string[]>,
  taskId: string,
  blockedById: string,
): boolean {
  const seen = new Set<string>();
  const stack = [blockedById];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current === taskId) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(blockedByOf.get(current) ?? []));
  }
  return false;
}

/** Today's calendar day in Europe/Berlin as "YYYY-MM-DD" (the county's working day). */
export function berlinToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** Overdue: due before today (Berlin) and not closed. Due today is not overdue yet. */
export function isOverdue(dueDate: string | null, group: TTaskStateGroup, today: string): boolean {
  return dueDate !== null && !isClosedGroup(group) && dueDate < today;
}

/** A Date from a @db.Date column (UTC midnight) as "YYYY-MM-DD"; the inverse of toDbDate. */
export function fromDbDate(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

export function toDbDate(value: string | null): Date | null {
  return value ? new Date(`${value}T00:00:00.000Z`) : null;
}
