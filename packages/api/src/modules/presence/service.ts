import type { Db } from "@kreisnetz/db/client";
import type {
  TPresenceDefaultInput,
  TPresenceVisibility,
  TSetAppearOfflineInput,
} from "@kreisnetz/shared/schemas/presence";
import { writeAudit } from "../../audit.ts";
import type { TActor, TContext } from "../../context.ts";
import { mutate } from "../../mutation.ts";
import * as repo from "./repo.ts";

type Ctx = TContext & { actor: TActor };

/** Whether the person is hidden from presence: their own choice, else the admin default. */
export async function isHidden(db: Db, userId: string): Promise<boolean> {
  const { choice, defaultValue } = await repo.visibility(db, userId);
  return choice ?? defaultValue;
}

export async function getVisibility(ctx: Ctx): Promise<TPresenceVisibility> {
  const { choice, defaultValue } = await repo.visibility(ctx.db, ctx.actor.id);
  return { appearOffline: choice ?? defaultValue, choice, defaultAppearOffline: defaultValue };
}

/**
 * The person's own "appear offline" (null: follow the default). Takes effect on
 * their open tabs at once. No activity event: presence choices are nobody's record.
 */
export async function setAppearOffline(ctx: Ctx, input: TSetAppearOfflineInput): Promise<TPresenceVisibility> {
  await mutate(ctx, ({ tx }) => repo.setChoice(tx, ctx.actor.id, input.appearOffline));
  const next = await getVisibility(ctx);
  ctx.realtime?.presenceVisibilityChanged(ctx.actor.id, next.appearOffline);
  return next;
}

/** Admins set whether people appear offline unless they choose otherwise (audited). Applies from the next connection. */
export async function setDefault(ctx: Ctx, input: TPresenceDefaultInput): Promise<{ appearOffline: boolean }> {
  await mutate(ctx, async ({ tx }) => {
    await repo.setDefault(tx, input.appearOffline);
    await writeAudit(tx, {
      actorId: ctx.actor.id,
      action: "setting.presence-default",
      objectType: "setting",
      objectId: repo.DEFAULT_SETTING_KEY,
      details: { appearOffline: input.appearOffline },
    });
  });
  return { appearOffline: input.appearOffline };
}

export async function getDefault(ctx: Ctx): Promise<{ appearOffline: boolean }> {
  return { appearOffline: (await repo.visibility(ctx.db, ctx.actor.id)).defaultValue };
}
