import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeError } from "@kreisnetz/api/errors";
import { isUuid } from "../lib/admin-users.ts";
import { downloadResponse } from "../lib/attachments.server.ts";
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
    return downloadResponse(file);
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}
