import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  ZListNotificationsInput,
  ZMarkReadInput,
  ZSetPreferencesInput,
} from "@kreisnetz/shared/schemas/notifications";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZCount = z.object({ count: z.number().int() });
const ZPreferences = z.object({
  preferences: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), channel: z.enum(NOTIFICATION_CHANNELS) })),
  dailyDigest: z.boolean(),
});

/** The person's own inbox and preferences; nobody sees anyone else's. */
export const notificationsRouter = router({
  list: authedProcedure
    .input(ZListNotificationsInput)
    .output(
      z.array(
        z.object({
          id: z.string(),
          kind: z.string(),
          text: z.string(),
          url: z.string(),
          read: z.boolean(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => service.list(ctx, input)),
  unreadCount: authedProcedure.output(ZCount).query(({ ctx }) => service.unreadCount(ctx)),
  markRead: authedProcedure
    .input(ZMarkReadInput)
    .output(ZCount)
    .mutation(({ ctx, input }) => service.markRead(ctx, input)),
  markAllRead: authedProcedure.output(ZCount).mutation(({ ctx }) => service.markAllRead(ctx)),
  preferences: authedProcedure.output(ZPreferences).query(({ ctx }) => service.preferences(ctx)),
  setPreferences: authedProcedure
    .input(ZSetPreferencesInput)
    .output(ZPreferences)
    .mutation(({ ctx, input }) => service.setPreferences(ctx, input)),
});
