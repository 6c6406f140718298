import type { LoaderFunctionArgs } from "@remix-run/node";

/**
 * The iCal feed for calendar clients (Outlook subscribes without a session):
 * /calendar/<token>.ics. Unknown or revoked tokens get 404.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const match = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(params.file ?? "");
  if (!match) throw new Response("Not Found", { status: 404 });
  const origin = new URL(request.url).origin;
  const ics = await context.caller.calendar.feed({ token: match[1]!, publicUrl: origin });
  if (ics === null) throw new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="kreisnetz.ics"',
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
