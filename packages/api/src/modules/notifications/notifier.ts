import type { Db } from "@kreisnetz/db/client";
import type { TEventHandler, TStoredEvent } from "../../events/types.ts";
import { berlinToday } from "../tasks/rules.ts";
import { deliverPendingMail, sendDigests } from "./mail.ts";
import type { TMailer } from "./mailer.ts";
import { notify, type TNotificationSignals } from "./notify.ts";
import * as repo from "./repo.ts";
import { addDays, berlinHour, deadlineKind } from "./rules.ts";

export type TNotifierDeps = {
  db: Db;
  mailer?: TMailer | null;
  publicUrl?: string;
  /** The event log: new notifications then ring the person's badge live (realtime broadcaster). */
  events?: TNotificationSignals | null;
};

/** Verbs the notifier consumes; everything else passes it by. */
export const NOTIFIER_VERBS = ["task.assigned", "task.commented", "task.comment-edited", "meeting.minutes-approved"];

function payloadOf(event: TStoredEvent): Record<string, unknown> {
  return typeof event.payload === "object" && event.payload !== null ? (event.payload as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const taskUrl = (projectId: string, taskId: string) => `/projects/${projectId}/tasks/${taskId}`;

async function onEvent(db: Db, event: TStoredEvent, signals: TNotificationSignals | null) {
  const payload = payloadOf(event);
  if (event.verb === "task.assigned") {
    const assigneeId = typeof payload.assigneeId === "string" ? payload.assigneeId : null;
    const task = assigneeId ? await repo.taskInfo(db, event.objectId) : null;
    if (!task || !assigneeId) return;
    await notify(
      db,
      {
        userIds: [assigneeId],
        kind: "TASK_ASSIGNED",
        objectType: "task",
        objectId: task.id,
        projectId: task.projectId,
        occasion: String(event.id),
        params: { key: task.key, title: task.title, actor: await repo.userName(db, event.actorId) },
        url: taskUrl(task.projectId, task.id),
        actorId: event.actorId,
      },
      signals,
    );
    return;
  }
  if (event.verb === "task.commented" || event.verb === "task.comment-edited") {
    const commentId = typeof payload.commentId === "string" ? payload.commentId : null;
    const mentionIds = strings(payload.mentionIds);
    if (!commentId || mentionIds.length === 0 || !(await repo.commentExists(db, commentId))) return;
    const task = await repo.taskInfo(db, event.objectId);
    if (!task) return;
    await notify(
      db,
      {
        userIds: mentionIds,
        kind: "MENTIONED",
        objectType: "task",
        objectId: task.id,
        projectId: task.projectId,
        occasion: `comment:${commentId}`,
        params: { key: task.key, title: task.title, actor: await repo.userName(db, event.actorId) },
        url: `${taskUrl(task.projectId, task.id)}#comment-${commentId}`,
        actorId: event.actorId,
      },
      signals,
    );
    return;
  }
  if (event.verb === "meeting.minutes-approved" && event.projectId) {
    const project = await repo.projectTitle(db, event.projectId);
    if (project === null) return;
    const title = typeof payload.title === "string" ? payload.title : "";
    const url =
      typeof payload.url === "string" && payload.url.startsWith("/") ? payload.url : `/projects/${event.projectId}`;
    const version = typeof payload.version === "number" ? `v${payload.version}` : String(event.id);
    await notify(
      db,
      {
        userIds: await repo.projectMemberIds(db, event.projectId),
        kind: "MINUTES_APPROVED",
        objectType: event.objectType,
        objectId: event.objectId,
        projectId: event.projectId,
        occasion: version,
        params: { title, project, actor: await repo.userName(db, event.actorId) },
        url,
        actorId: event.actorId,
      },
      signals,
    );
  }
}

/**
 * The outbox handler "notifier": turns activity events into notifications
 * (assignment, mention, approved minutes) and then sends queued e-mail.
 * Idempotent through the dedupe key, so a redelivered event changes nothing.
 */
export function createNotifier(deps: TNotifierDeps): TEventHandler {
  return {
    name: "notifier",
    matches: (event) => NOTIFIER_VERBS.includes(event.verb),
    async handle(events) {
      for (const event of events) await onEvent(deps.db, event, deps.events ?? null);
      await deliverPendingMail(deps.db, deps.mailer, deps.publicUrl);
    },
  };
}

/**
 * The periodic reminder job: "due within 24 hours" (due today or tomorrow,
 * Europe/Berlin) and "overdue" for every assignee, once per task and due date;
 * then queued e-mail and, from 7 o'clock, the daily digests.
 */
export async function runReminders(deps: TNotifierDeps, now: Date = new Date()) {
  const today = berlinToday(now);
  let created = 0;
  for (const row of await repo.deadlineAssignments(deps.db, today, addDays(today, 1))) {
    const kind = deadlineKind(row.dueDate, today);
    if (!kind) continue;
    created += await notify(
      deps.db,
      {
        userIds: [row.userId],
        kind,
        objectType: "task",
        objectId: row.taskId,
        projectId: row.projectId,
        occasion: row.dueDate,
        params: {
          key: `${row.projectKey}-${row.number}`,
          title: row.title,
          due: row.dueDate.split("-").reverse().join("."),
        },
        url: taskUrl(row.projectId, row.taskId),
      },
      deps.events,
    );
  }
  const mailed = await deliverPendingMail(deps.db, deps.mailer, deps.publicUrl);
  const digests = berlinHour(now) >= 7 ? await sendDigests(deps.db, deps.mailer, today, deps.publicUrl) : 0;
  return { created, mailed, digests };
}

/** Runs the reminders now and then every `intervalMs`; returns a stop function. */
export function startReminderJob(
  deps: TNotifierDeps,
  intervalMs = 5 * 60 * 1000,
  onError: (e: unknown) => void = console.error,
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runReminders(deps);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
