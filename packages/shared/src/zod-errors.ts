import type { z } from "zod";
import { isMessageKey, type MessageKey, type TParams } from "./i18n/index.ts";

export type TFieldError = { key: MessageKey; params: TParams };

/** Maps a zod issue to a catalog key: schemas carry keys; zod's own defaults get generic ones. */
export function issueToMessage(issue: z.core.$ZodIssue): TFieldError {
  const params: TParams = {};
  if ("minimum" in issue) params.min = Number(issue.minimum);
  if ("maximum" in issue) params.max = Number(issue.maximum);
  if (isMessageKey(issue.message)) return { key: issue.message, params };
  switch (issue.code) {
    case "too_small":
      return { key: "validation.tooShort", params };
    case "too_big":
      return { key: "validation.tooLong", params };
    case "invalid_type":
      return { key: "validation.required", params };
    default:
      return { key: "validation.invalid", params };
  }
}

/** First issue per field path ("a.b"), for forms. */
export function fieldErrorsOf(error: z.ZodError): Record<string, TFieldError> {
  const out: Record<string, TFieldError> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_form";
    out[path] ??= issueToMessage(issue);
  }
  return out;
}
