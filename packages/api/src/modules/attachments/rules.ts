import { ATTACHMENT_TYPES } from "@kreisnetz/shared/schemas/task-details";

export type TSniffed = { mime: string; ext: string };

/**
 * Decides an attachment's content type from its bytes. Files that no signature
 * matches are accepted only as plain UTF-8 text without control bytes.
 */
export function acceptSniffed(sniffed: TSniffed | undefined, bytes: Uint8Array): TSniffed | null {
  if (sniffed) return (ATTACHMENT_TYPES as readonly string[]).includes(sniffed.mime) ? sniffed : null;
  if (bytes.length === 0) return null;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // eslint-disable-next-line no-control-regex -- refusing control bytes is the point
    if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return null;
    return { mime: "text/plain", ext: "txt" };
  } catch {
    return null;
  }
}

/** A file name safe for a Content-Disposition header and a download: no paths, no control characters. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are stripped on purpose
  const printable = name.replace(/[\u0000-\u001f\u007f]/g, "");
  const base = printable.split(/[\\/]/).pop() ?? "";
  const cleaned = base.replace(/^\.+/, "").trim();
  return cleaned.slice(0, 200) || "datei";
}
