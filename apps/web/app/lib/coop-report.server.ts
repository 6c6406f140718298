import { describeError, httpStatusOf } from "@kreisnetz/api/errors";
import { ZReportInput } from "@kreisnetz/shared/schemas/coop-index";

/** Report query parameters; a malformed quarter or level is a 400, never a stack trace. */
export function reportInput(request: Request) {
  const url = new URL(request.url);
  const parsed = ZReportInput.safeParse({
    quarter: url.searchParams.get("quarter") ?? "",
    level: url.searchParams.get("level") || undefined,
  });
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  return parsed.data;
}

/** A refused or missing quarter as an HTTP status (403, 404 ...), without internals. */
export function asHttpError(error: unknown): never {
  if (error instanceof Response) throw error;
  const description = describeError(error);
  const status = httpStatusOf(description);
  throw new Response(status === 404 ? "Not Found" : status === 403 ? "Forbidden" : "Error", { status });
}
