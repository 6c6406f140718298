import type { Settings } from "meilisearch";
import { GERMAN_STOP_WORDS } from "../data/stop-words-de.ts";
import { synonymMap } from "../data/synonyms-de.ts";

export { GERMAN_STOP_WORDS } from "../data/stop-words-de.ts";
export { SYNONYM_GROUPS, synonymMap } from "../data/synonyms-de.ts";

/** Attributes a filter may use: facets plus the visibility fields of ADR 0011. */
export const FILTERABLE_ATTRIBUTES = [
  "type",
  "unitIds",
  "tags",
  "year",
  "visibility",
  "projectId",
  "audienceUnitIds",
  "readerIds",
] as const;

export const FACETS = ["type", "unitIds", "tags", "year"] as const;
export type TFacet = (typeof FACETS)[number];

/**
 * German index settings. Typo tolerance is a little more generous than the
 * default (one typo from 4 letters, two from 8): German words are long and the
 * users asked for forgiving search. Meilisearch folds most diacritics itself;
 * the `keywords` attribute covers the letters it keeps (ł, ß, ...)
 * and the synonym aliases (documents.ts).
 */
export function germanSettings(): Settings {
  return {
    searchableAttributes: ["title", "tags", "subtitle", "body", "keywords"],
    displayedAttributes: ["*"],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: ["date"],
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
    stopWords: [...GERMAN_STOP_WORDS],
    synonyms: synonymMap(),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
    },
    // No `localizedAttributes: deu`: Meilisearch's German segmentation splits compounds in
    // documents and queries, and then a typo in a compound ("Urlaubsantarg") matches
    // nothing. Typos matter more to our users than finding "gesetz" in "Onlinezugangsgesetz".
    localizedAttributes: null,
    pagination: { maxTotalHits: 1000 },
    faceting: { maxValuesPerFacet: 50 },
    // Write latency (a change searchable within 2 s on 100,000 documents): Meilisearch
    // re-derives its word-pair proximity database and facet-search database on every
    // document write. We never search inside facet values, and proximity across
    // attributes ("title word next to body word") is not worth the indexing time.
    facetSearch: false,
    proximityPrecision: "byAttribute",
    // A worst-case query (one common word over the whole corpus) answers with the
    // best hits found so far instead of holding the request.
    searchCutoffMs: 150,
  };
}
