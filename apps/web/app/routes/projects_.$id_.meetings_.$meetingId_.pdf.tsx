import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeError } from "@kreisnetz/api/errors";
import { isUuid } from "../lib/admin-users.ts";
import { requireActor } from "../lib/session.server.ts";

/** The minutes as a PDF download (tagged, rendered by the API). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.meetingId)) throw new Response("Not Found", { status: 404 });
  try {
    const { filename, contentBase64 } = await context.caller.meetings.exportPdf({ id: params.meetingId });
    return new Response(Buffer.from(contentBase64, "base64"), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}
