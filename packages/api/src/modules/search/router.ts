import { ZSearchInput, ZSuggestInput } from "@kreisnetz/shared/schemas/search";
import { z } from "zod";
import { authedProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZHit = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  /** HTML-escaped with <mark> around matches. */
  titleHtml: z.string(),
  snippetHtml: z.string(),
  subtitle: z.string(),
  url: z.string(),
  tags: z.array(z.string()),
  date: z.date(),
});

/** One search over everything the reader may read (ADR 0011). */
export const searchRouter = router({
  query: authedProcedure
    .input(ZSearchInput)
    .output(
      z.object({
        hits: z.array(ZHit),
        total: z.number().int(),
        facets: z.record(z.string(), z.record(z.string(), z.number())),
        didYouMean: z.string().nullable(),
        unavailable: z.boolean(),
        tookMs: z.number(),
      }),
    )
    .query(({ ctx, input }) => service.search(ctx, input)),
  suggest: authedProcedure
    .input(ZSuggestInput)
    .output(z.array(z.object({ id: z.string(), type: z.string(), title: z.string(), url: z.string() })))
    .query(({ ctx, input }) => service.suggest(ctx, input)),
});
