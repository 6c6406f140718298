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

// Attachment sniffing and file names are shared with knowledge attachments (modules/attachments).
export { acceptSniffed, safeFileName, type TSniffed } from "../attachments/rules.ts";

/** A reorder names every item exactly once. */
export function isPermutation(current: readonly string[], wanted: readonly string[]): boolean {
  if (current.length !== wanted.length) return false;
  const set = new Set(wanted);
  return set.size === wanted.length && current.every((id) => set.has(id));
}
