import { ATTACHMENT_TYPES } from "@kreisnetz/shared/schemas/task-details";

/**
 * The people a comment mentions: those picked explicitly plus every member whose
 * name follows an "@" in the text ("@Anna Schulz"). Only members can be mentioned;
 * explicit picks of anyone else are returned as `unknown` so the caller can refuse.
 */
export function resolveMentions(
  body: string,
  explicitIds: readonly string[],
  members: readonly { userId: string; name: string }[],
): { ids: string[]; unknown: string[] } {
  const memberIds = new Set(members.map((m) => m.userId));
  const unknown = explicitIds.filter((id) => !memberIds.has(id));
  const text = body.toLocaleLowerCase("de");
  const names = members
    .map((m) => ({ userId: m.userId, name: m.name.toLocaleLowerCase("de") }))
    .sort((a, b) => b.name.length - a.name.length);
  const byName: string[] = [];
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    // The longest member name written after this "@" wins ("@Anna Schulz" is not "@Anna").
    const hit = names.find(
      (m) => text.startsWith(m.name, at + 1) && !/[\p{L}\p{N}]/u.test(text.charAt(at + 1 + m.name.length)),
    );
    if (hit) byName.push(hit.userId);
  }
  const ids = [...new Set([...explicitIds.filter((id) => memberIds.has(id)), ...byName])];
  return { ids, unknown };
}

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

/** A reorder names every item exactly once. */
export function isPermutation(current: readonly string[], wanted: readonly string[]): boolean {
  if (current.length !== wanted.length) return false;
  const set = new Set(wanted);
  return set.size === wanted.length && current.every((id) => set.has(id));
}
