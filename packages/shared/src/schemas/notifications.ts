import { z } from "zod";
import { msg, ZId } from "./common.ts";

/**
 * What a notification is about. Other features add their kind here (and its
 * messages in i18n/messages/notifications.ts), then call `notify()`.
 */
export const NOTIFICATION_KINDS = [
  "TASK_ASSIGNED",
  "MENTIONED",
  "TASK_DUE_SOON",
  "TASK_OVERDUE",
  "MINUTES_APPROVED",
  "NEWS_MUST_READ",
  "KNOWLEDGE_REVIEW",
] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** IN_APP: inbox only; EMAIL: inbox and e-mail; OFF: nothing. */
export const NOTIFICATION_CHANNELS = ["IN_APP", "EMAIL", "OFF"] as const;
export type TNotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const ZListNotificationsInput = z
  .object({
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .default({ unreadOnly: false, limit: 50 });
export type TListNotificationsInput = z.infer<typeof ZListNotificationsInput>;

export const ZMarkReadInput = z.object({ id: ZId });
export type TMarkReadInput = z.infer<typeof ZMarkReadInput>;

export const ZSetPreferencesInput = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS, msg("validation.choose")),
        channel: z.enum(NOTIFICATION_CHANNELS, msg("validation.choose")),
      }),
    )
    .max(NOTIFICATION_KINDS.length),
  dailyDigest: z.boolean().optional(),
});
export type TSetPreferencesInput = z.infer<typeof ZSetPreferencesInput>;
