import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeError } from "@kreisnetz/api/errors";
import { isUuid } from "../lib/admin-users.ts";
import { requireActor } from "../lib/session.server.ts";

/**
 * Downloads an attachment for readers of its task (tRPC decides; anyone else
 * gets 404). Always as a download with the sniffed type, never rendered inline.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const file = await context.caller.taskDetails.attachmentContent({ id: params.id });
    const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
    return new Response(Buffer.from(file.dataBase64, "base64"), {
      headers: {
        "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}
