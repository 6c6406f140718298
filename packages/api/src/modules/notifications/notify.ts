import type { DbOrTx, Prisma, Tx } from "@kreisnetz/db/client";
import type { TNotificationKind } from "@kreisnetz/shared/schemas/notifications";
import type { EventLog } from "../../events/event-log.ts";
import * as repo from "./repo.ts";
import { DEFAULT_CHANNELS, dedupeKey, emailStateFor } from "./rules.ts";

export type TNotifyInput = {
  /** Who should be told; people who cannot read the object, deactivated accounts and the actor are skipped. */
  userIds: readonly string[];
  kind: TNotificationKind;
  objectType: string;
  objectId: string;
  /** The project the object belongs to: members-only projects notify members only. */
  projectId?: string | null;
  /** What makes this occasion unique (an event id, a due date, a review date): the same occasion never notifies twice. */
  occasion: string;
  /** Message parameters for `notifications.kind.<KIND>` (e.g. key, title, actor, project). */
  params: Record<string, string | number>;
  /** Path inside the app the notification links to, e.g. "/projects/<id>/tasks/<taskId>". */
  url: string;
  /** The person whose action caused this; never notified about their own action. */
  actorId?: string | null;
  /**
   * For objects outside projects (news, knowledge): the caller says who may read
   * it. Recipients for whom this returns false are skipped.
   */
  canRead?: (userId: string) => boolean;
};

/**
 * Where the "you have something new" signal goes: one system event
 * `notification.created` (payload: the recipients' ids only) in the outbox, in the
 * same transaction as the rows. The realtime broadcaster rings each person's badge
 * after commit, on every instance.
 */
export type TNotificationSignals = Pick<EventLog, "record" | "kick">;

export const NOTIFICATION_CREATED = "notification.created";

/**
 * Puts a notification into each recipient's inbox, and queues its e-mail when
 * the person wants e-mail for this kind (one by one or in the daily digest).
 * Run it inside the transaction of the change that causes it; the mail goes
 * out after commit (deliverPendingMail). Idempotent: (user, dedupe key) is
 * unique and inserts use ON CONFLICT DO NOTHING. Returns how many are new.
 */
export async function notify(tx: DbOrTx, input: TNotifyInput, signals?: TNotificationSignals | null): Promise<number> {
  const wanted = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (wanted.length === 0) return 0;
  const projectId = input.projectId ?? null;
  const people = await repo.recipients(tx, wanted, input.kind, projectId);
  const key = dedupeKey(input.kind, input.objectType, input.objectId, input.occasion);
  const rows = people
    .filter((p) => p.active && p.canRead && (input.canRead?.(p.id) ?? true))
    .map((p) => ({ person: p, channel: p.channel ?? DEFAULT_CHANNELS[input.kind] }))
    .filter(({ channel }) => channel !== "OFF")
    .map(({ person, channel }) => ({
      userId: person.id,
      kind: input.kind,
      objectType: input.objectType,
      objectId: input.objectId,
      projectId,
      dedupeKey: key,
      params: input.params as Prisma.InputJsonValue,
      url: input.url,
      emailState: emailStateFor(channel, person.dailyDigest),
    }));
  if (!signals) return repo.insertNotifications(tx, rows);
  const write = async (inTx: Tx) => {
    const created = await repo.insertNotificationsReturning(inTx, rows);
    if (created.length > 0) {
      await signals.record(inTx, {
        actorId: null,
        actorUnitId: null,
        verb: NOTIFICATION_CREATED,
        objectType: "notification",
        objectId: created[0]!.id,
        payload: { userIds: [...new Set(created.map((c) => c.userId))] },
        isSystem: true,
      });
    }
    return created.length;
  };
  if (!("$transaction" in tx)) return write(tx);
  const count = await tx.$transaction(write);
  if (count > 0) void signals.kick().catch(() => undefined);
  return count;
}
