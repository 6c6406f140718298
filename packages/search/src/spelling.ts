import { foldDiacritics } from "./documents.ts";

/**
 * "Meinten Sie ...": the spelling of each query word as the engine's
 * typo-tolerant match found it in the reader's documents. Pure functions; the
 * engine supplies, per query word, the texts of its best hits and where in them
 * the word matched.
 */

/** Where a query word matched inside an attribute value: byte offsets (Meilisearch's `_matchesPosition`). */
export type TMatchAt = { text: string; startByte: number; weight: number };

const WORD = /[\p{L}\p{N}][\p{L}\p{N}-]*/u;

/** The whole word that starts at a byte offset of `text` (a match may cover only part of it). */
export function wordAtByte(text: string, startByte: number): string | null {
  const prefix = Buffer.from(text, "utf8").subarray(0, startByte).toString("utf8");
  const rest = text.slice(prefix.length);
  const m = WORD.exec(rest);
  return m && m.index === 0 ? m[0] : null;
}

const norm = (w: string) => foldDiacritics(w).toLowerCase();

/**
 * The most likely intended spelling of `word` among the matched words: the form
 * matched most often (title matches weigh more), of a plausible length (at most
 * two letters longer or shorter, so a prefix match "Urlaub" -> "Urlaubsantragsformular"
 * does not count). Null when nothing plausible matched.
 */
export function bestSpelling(word: string, matches: readonly TMatchAt[]): string | null {
  const scores = new Map<string, { form: string; score: number }>();
  for (const m of matches) {
    const found = wordAtByte(m.text, m.startByte);
    if (!found || Math.abs(found.length - word.length) > 2) continue;
    const key = norm(found);
    const entry = scores.get(key) ?? { form: found, score: 0 };
    entry.score += m.weight;
    scores.set(key, entry);
  }
  let best: { form: string; score: number } | null = null;
  for (const entry of scores.values()) if (!best || entry.score > best.score) best = entry;
  return best?.form ?? null;
}

/**
 * Puts the corrected words together: short words (no typo tolerance) stay as
 * typed, words nothing matched are left out. Null when that leaves nothing or
 * the same query (then there is nothing to suggest).
 */
export function correctedQuery(words: readonly string[], spellings: readonly (string | null)[]): string | null {
  const out = words.flatMap((w, i) => (w.length < 4 ? [w] : spellings[i] ? [spellings[i]!] : []));
  if (out.every((w) => w.length < 4)) return null;
  const query = out.join(" ");
  return norm(query) === norm(words.join(" ")) ? null : query;
}
