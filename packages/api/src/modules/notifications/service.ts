import { AppError } from "@kreisnetz/shared/errors";
import {
  NOTIFICATION_KINDS,
  type TListNotificationsInput,
  type TMarkReadInput,
  type TNotificationKind,
  type TSetPreferencesInput,
} from "@kreisnetz/shared/schemas/notifications";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import { notificationText } from "./mail.ts";
import * as repo from "./repo.ts";
import { DEFAULT_CHANNELS } from "./rules.ts";

type Ctx = TContext & { actor: TActor };

/** The inbox, newest first, rendered in the reader's language; members-only items vanish with the membership. */
export async function list(ctx: Ctx, input: TListNotificationsInput) {
  const rows = await repo.inbox(ctx.db, ctx.actor.id, input.unreadOnly, input.limit);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: notificationText(ctx.locale, row.kind, row.params),
    url: row.url,
    read: row.readAt !== null,
    createdAt: row.createdAt,
  }));
}

export async function unreadCount(ctx: Ctx) {
  return { count: await repo.unreadCount(ctx.db, ctx.actor.id) };
}

/** Reading is not an activity: no event, and only one's own notifications (others' are NOT_FOUND). */
export async function markRead(ctx: Ctx, input: TMarkReadInput) {
  if (!(await repo.markRead(ctx.db, ctx.actor.id, input.id))) throw new AppError("NOT_FOUND", "errors.notFound");
  return unreadCount(ctx);
}

export async function markAllRead(ctx: Ctx) {
  await repo.markAllRead(ctx.db, ctx.actor.id);
  return unreadCount(ctx);
}

export async function preferences(ctx: Ctx) {
  const stored = await repo.preferences(ctx.db, ctx.actor.id);
  const byKind = new Map(stored.prefs.map((p) => [p.kind, p.channel]));
  return {
    preferences: NOTIFICATION_KINDS.map((kind: TNotificationKind) => ({
      kind,
      channel: byKind.get(kind) ?? DEFAULT_CHANNELS[kind],
    })),
    dailyDigest: stored.dailyDigest,
  };
}

export async function setPreferences(ctx: Ctx, input: TSetPreferencesInput) {
  const kinds = input.preferences.map((p) => p.kind);
  if (new Set(kinds).size !== kinds.length) throw new AppError("BAD_INPUT", "notifications.error.duplicateKind");
  await mutate(ctx, async ({ tx, event }) => {
    await repo.savePreferences(tx, ctx.actor.id, input.preferences, input.dailyDigest);
    await event({
      verb: "notification-preferences.changed",
      objectType: "user",
      objectId: ctx.actor.id,
      isSystem: true,
    });
  });
  return preferences(ctx);
}
