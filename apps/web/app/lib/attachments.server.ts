import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { translate, type TLocale } from "@kreisnetz/shared/i18n";
import { MAX_ATTACHMENT_BYTES } from "@kreisnetz/shared/schemas/task-details";

/** Shared by task and knowledge attachments: reading an upload and answering a download. */

export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

/**
 * The `file` part of a multipart upload as base64, or the translated "too large"
 * message when it exceeds the limit (the API checks size and type again).
 */
export async function readUpload(
  request: Request,
  locale: TLocale,
): Promise<{ ok: true; form: FormData; fileName: string; dataBase64: string } | { ok: false; message: string }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES + 1 }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    return { ok: false, message: translate(locale, "attachments.error.tooLarge", { max: MAX_ATTACHMENT_MB }) };
  }
  const file = form.get("file");
  const bytes = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
  const name = file instanceof File ? file.name : "";
  return { ok: true, form, fileName: name || "datei", dataBase64: bytes.toString("base64") };
}

/** A download: always as attachment with the sniffed type, never rendered inline, never cached. */
export function downloadResponse(file: { fileName: string; contentType: string; size: number; dataBase64: string }) {
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
}
