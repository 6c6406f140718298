import type { TMilestoneStatus } from "@kreisnetz/shared/schemas/meetings";
import type { TTaskStateGroup } from "@kreisnetz/shared/schemas/projects";

/**
 * A milestone's status from its tasks: reached when every linked task is
 * closed and at least one is done; late when its date has passed without
 * that; in progress once any task is started or done; otherwise open.
 * Cancelled tasks neither block nor count as progress.
 */
export function milestoneStatus(groups: readonly TTaskStateGroup[], dueDate: string, today: string): TMilestoneStatus {
  const relevant = groups.filter((g) => g !== "CANCELLED");
  if (relevant.length > 0 && relevant.every((g) => g === "DONE")) return "DONE";
  if (dueDate < today) return "LATE";
  if (relevant.some((g) => g === "IN_PROGRESS" || g === "DONE")) return "IN_PROGRESS";
  return "OPEN";
}

/** Days between two calendar dates (b - a), ignoring time zones. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Where each milestone sits on a timeline from `from` to `to`, as a share
 * 0..1 of the span (the view turns it into a bar or a marker).
 */
export function timelinePosition(date: string, from: string, to: string): number {
  const span = daysBetween(from, to);
  if (span <= 0) return 0;
  return Math.max(0, Math.min(1, daysBetween(from, date) / span));
}

/**
 * The weeks of a month for a calendar grid, Monday first; days outside the
 * month are null. "2026-02" -> 4 or 5 rows of 7.
 */
export function monthGrid(month: string): (string | null)[][] {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, mon - 1, 1));
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d += 1) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** First and last day of a month "YYYY-MM". */
export function monthRange(month: string): { first: string; last: string } {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).toISOString().slice(0, 10);
  return { first: `${month}-01`, last };
}

/** The month before or after "YYYY-MM". */
export function shiftMonth(month: string, delta: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1 + delta, 1)).toISOString().slice(0, 7);
}
