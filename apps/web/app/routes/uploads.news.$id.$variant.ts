import type { LoaderFunctionArgs } from "@remix-run/node";
import { describeError } from "@kreisnetz/api/errors";
import { IMAGE_VARIANT_NAMES } from "@kreisnetz/shared/schemas/news";
import { isUuid } from "../lib/admin-users.ts";

/** Uploaded news images, for logged-in people only (the intranet's images are internal too). */
export async function loader({ context, params }: LoaderFunctionArgs) {
  if (!context.actor || !context.session?.secondFactorOk) return new Response("Unauthorized", { status: 401 });
  const variant = IMAGE_VARIANT_NAMES.find((v) => v === params.variant);
  if (!isUuid(params.id) || !variant) return new Response("Not Found", { status: 404 });
  try {
    const file = await context.caller.news.imageFile({ id: params.id, variant });
    return new Response(Buffer.from(file.base64, "base64"), {
      headers: {
        "Content-Type": file.mime,
        "Cache-Control": "private, max-age=86400",
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline",
      },
    });
  } catch (error) {
    const code = describeError(error).code;
    if (code === "NOT_FOUND" || code === "BAD_INPUT") return new Response("Not Found", { status: 404 });
    return new Response("Forbidden", { status: 403 });
  }
}
