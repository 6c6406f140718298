import type { TNotificationChannel, TNotificationKind } from "@kreisnetz/shared/schemas/notifications";

/** Without a stored preference: e-mail for what asks for action, inbox only for the rest. */
export const DEFAULT_CHANNELS: Record<TNotificationKind, TNotificationChannel> = {
  TASK_ASSIGNED: "EMAIL",
  MENTIONED: "EMAIL",
  TASK_DUE_SOON: "IN_APP",
  TASK_OVERDUE: "EMAIL",
  MINUTES_APPROVED: "IN_APP",
  NEWS_MUST_READ: "IN_APP",
  KNOWLEDGE_REVIEW: "EMAIL",
};

/**
 * The key that makes a notification unique per person: kind, object and the
 * occasion (an event id, a comment, a due date). The same occasion never
 * notifies twice, a new one (the due date moved) may.
 */
export function dedupeKey(kind: TNotificationKind, objectType: string, objectId: string, occasion: string): string {
  return `${kind}:${objectType}:${objectId}:${occasion}`;
}

export type TEmailState = "NONE" | "PENDING" | "DIGEST";

/** What happens to a notification's e-mail, from the channel and the person's digest choice. */
export function emailStateFor(channel: TNotificationChannel, dailyDigest: boolean): TEmailState {
  if (channel !== "EMAIL") return "NONE";
  return dailyDigest ? "DIGEST" : "PENDING";
}

/** "YYYY-MM-DD" plus `days` (calendar arithmetic in UTC, no zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export type TDeadlineKind = "TASK_DUE_SOON" | "TASK_OVERDUE";

/**
 * Due dates are whole days (Europe/Berlin): due today or tomorrow is "due
 * within 24 hours", due before today is overdue, anything later is nothing yet.
 */
export function deadlineKind(dueDate: string, today: string): TDeadlineKind | null {
  if (dueDate < today) return "TASK_OVERDUE";
  if (dueDate <= addDays(today, 1)) return "TASK_DUE_SOON";
  return null;
}

/** The hour (0-23) in Europe/Berlin: digests go out from 7 o'clock on. */
export function berlinHour(now: Date): number {
  return Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", hour: "2-digit", hourCycle: "h23" }).format(now),
  );
}

/** Mail older than this is not sent any more (e.g. SMTP configured after weeks without). */
export const MAIL_MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;
export const MAIL_MAX_TRIES = 5;
/** How long a run may take to send a leased e-mail before another run sends it instead. */
export const MAIL_LEASE_MS = 5 * 60 * 1000;
