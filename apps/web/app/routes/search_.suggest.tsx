import type { LoaderFunctionArgs } from "@remix-run/node";
import { ZSuggestInput } from "@kreisnetz/shared/schemas/search";
import { requireActor } from "../lib/session.server.ts";

/** Suggestions for the header combobox (JSON resource route; same permissions as the results page). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const parsed = ZSuggestInput.safeParse({ q: new URL(request.url).searchParams.get("q") ?? "" });
  const suggestions = parsed.success ? await context.caller.search.suggest(parsed.data) : [];
  return Response.json(suggestions, { headers: { "Cache-Control": "no-store" } });
}
