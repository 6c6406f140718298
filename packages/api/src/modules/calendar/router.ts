import { z } from "zod";
import { authedProcedure, publicProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

/** The person's iCal feed: a revocable token in the URL, stored hashed (ADR 0008). */
export const calendarRouter = router({
  status: authedProcedure
    .output(z.object({ active: z.boolean(), createdAt: z.date().nullable() }))
    .query(({ ctx }) => service.feedStatus(ctx)),
  regenerate: authedProcedure.output(z.object({ path: z.string() })).mutation(({ ctx }) => service.regenerate(ctx)),
  revoke: authedProcedure.output(z.object({ active: z.boolean() })).mutation(({ ctx }) => service.revoke(ctx)),
  /** For calendar clients (no session): the token is the credential; unknown or revoked tokens give null (404). */
  feed: publicProcedure
    .input(z.object({ token: z.string().max(200), publicUrl: z.string().max(300).optional() }))
    .output(z.string().nullable())
    .query(({ ctx, input }) => service.feedForToken(ctx.db, input.token, (input.publicUrl ?? "").replace(/\/$/, ""))),
});
