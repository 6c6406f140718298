import type { Tx } from "@kreisnetz/db/client";
import type { TActor, TContext } from "./context.ts";
import type { TEventInput } from "./events/types.ts";

export type TMutationTools = {
  tx: Tx;
  /** Records an activity event in this transaction; actor and unit are filled in. */
  event(input: Omit<TEventInput, "actorId" | "actorUnitId">): Promise<bigint>;
};

export type TMutationOptions = {
  /** Bulk work only (CSV import): Prisma's default of 5 s per transaction is for requests. */
  timeoutMs?: number;
};

/**
 * Runs a mutation in one transaction together with its activity events, then
 * wakes the event dispatcher after commit (search, live updates, mail follow).
 * Every service that writes goes through here.
 */
export async function mutate<T>(
  ctx: TContext & { actor: TActor | null },
  work: (tools: TMutationTools) => Promise<T>,
  options: TMutationOptions = {},
): Promise<T> {
  const result = await ctx.db.$transaction(
    async (tx) =>
      work({
        tx,
        event: (input) =>
          ctx.events.record(tx, { ...input, actorId: ctx.actor?.id ?? null, actorUnitId: ctx.actor?.unitId ?? null }),
      }),
    options.timeoutMs ? { timeout: options.timeoutMs, maxWait: 10_000 } : undefined,
  );
  void ctx.events.kick().catch(() => undefined);
  return result;
}
