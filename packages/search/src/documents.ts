import { SYNONYM_GROUPS } from "../data/synonyms-de.ts";

/**
 * The one document shape every searchable object is turned into. Content
 * fields are for matching and display; the visibility fields decide who may
 * see the document (see permissions.ts and ADR 0011). No Prisma, no I/O.
 */
export type TSearchVisibility = "all" | "restricted";

export type TSearchDocument = {
  /** Meilisearch primary key: `<type>_<objectId>` (Meilisearch ids allow [A-Za-z0-9_-]). */
  id: string;
  /** Object type: "project", "task", "person", "unit", "article", "news", "minutes", ... */
  type: string;
  objectId: string;
  title: string;
  /** Plain text (rich text rendered with @kreisnetz/editor's plain-text output). */
  body: string;
  /** A short line under the title: unit name, project key, job title. */
  subtitle: string;
  /** Application path the result links to, e.g. "/knowledge/a/<id>". */
  url: string;
  /** Units the document belongs to (owner unit, lead and participating units). */
  unitIds: string[];
  tags: string[];
  /** Calendar year of `date`, for the year facet. */
  year: number | null;
  /** Unix time in seconds of the last meaningful change, for "sort by date". */
  date: number;
  /**
   * Hidden search words: the diacritic-folded title and body (when they differ) and
   * the synonym aliases of terms in the text ("Onlinezugangsgesetz" -> "ozg"). Needed
   * because Meilisearch splits German compounds in documents but not in synonyms.
   */
  keywords: string;
  // -- visibility (who may read) --
  /** "all": every logged-in person; "restricted": only through one of the fields below. */
  visibility: TSearchVisibility;
  /** Set for documents that belong to a project: members of it may read. */
  projectId: string | null;
  /** Readers by unit: members of these units or of their sub-units (ancestors expanded at query time). */
  audienceUnitIds: string[];
  /** Individual readers. */
  readerIds: string[];
};

/** The job key `<type>:<id>` the indexer works with. */
export function jobKey(type: string, objectId: string): string {
  return `${type}:${objectId}`;
}

export function documentId(type: string, objectId: string): string {
  return `${type}_${objectId}`;
}

/** Splits a document id back into type and object id. */
export function parseDocumentId(id: string): { type: string; objectId: string } {
  const at = id.indexOf("_");
  return { type: id.slice(0, at), objectId: id.slice(at + 1) };
}

/**
 * Letters NFD cannot decompose (ł, đ, ø, ß ...) mapped to ASCII, then combining marks
 * removed: "Šćěpan Łužyca" -> "Scepan Luzyca". Used for the `folded` field and for queries.
 */
const SPECIAL: Record<string, string> = { ł: "l", Ł: "L", đ: "d", Đ: "D", ø: "o", Ø: "O", ß: "ss", æ: "ae", Æ: "Ae" };

export function foldDiacritics(text: string): string {
  return text
    .replace(/[łŁđĐøØßæÆ]/g, (c) => SPECIAL[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
}

/** Every synonym-group word that occurs in the text, so abbreviations find spelled-out terms. */
export function synonymAliases(text: string, groups: readonly (readonly string[])[] = SYNONYM_GROUPS): string[] {
  const haystack = ` ${foldDiacritics(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}-]+/gu, " ")} `;
  const aliases = new Set<string>();
  for (const group of groups) {
    if (group.some((word) => haystack.includes(` ${foldDiacritics(word)} `))) for (const w of group) aliases.add(w);
  }
  return [...aliases];
}

export type TDocumentInput = Omit<TSearchDocument, "id" | "year" | "keywords" | "date"> & { date: Date };

/** Fills the derived fields (id, year, date seconds, folded text) and trims the body. */
export function buildDocument(input: TDocumentInput, maxBodyChars = 20_000): TSearchDocument {
  const body = input.body.slice(0, maxBodyChars);
  const text = `${input.title}\n${body}`;
  const folded = foldDiacritics(text);
  const keywords = [folded === text ? "" : folded, synonymAliases(`${text} ${input.tags.join(" ")}`).join(" ")];
  return {
    ...input,
    id: documentId(input.type, input.objectId),
    body,
    year: input.date.getUTCFullYear(),
    date: Math.floor(input.date.getTime() / 1000),
    keywords: keywords.filter(Boolean).join("\n"),
  };
}
