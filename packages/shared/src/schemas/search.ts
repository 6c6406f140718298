import { z } from "zod";
import { msg } from "./common.ts";

/** Object types the search knows; other features add theirs (news, minutes, success stories). */
export const SEARCH_TYPES = ["article", "project", "task", "person", "unit", "news", "story", "minutes"] as const;
export type TSearchType = (typeof SEARCH_TYPES)[number];
export const SEARCH_SORTS = ["relevance", "date"] as const;

export const ZSearchInput = z.object({
  q: z.string().trim().max(200, msg("validation.tooLong")).default(""),
  types: z.array(z.string().max(30)).max(10).default([]),
  unitIds: z.array(z.string().max(60)).max(20).default([]),
  tags: z.array(z.string().max(40)).max(20).default([]),
  years: z.array(z.number().int().min(1990).max(2100)).max(20).default([]),
  sort: z.enum(SEARCH_SORTS, msg("validation.choose")).default("relevance"),
  page: z.number().int().min(1).max(50).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});
export type TSearchInput = z.infer<typeof ZSearchInput>;

export const ZSuggestInput = z.object({ q: z.string().trim().min(1).max(100, msg("validation.tooLong")) });
export type TSuggestInput = z.infer<typeof ZSuggestInput>;
