/**
 * Synonyms for administration terms, maintained by the editorial team.
 * Each line is one group of words that mean the same; a search for any of
 * them also finds the others. Add a line, run `pnpm --filter @kreisnetz/api
 * reindex` (or restart: settings are applied at start). Lower case only.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["adv", "it", "informationstechnik", "edv"],
  ["ozg", "onlinezugangsgesetz"],
  ["dms", "e-akte", "eakte", "dokumentenmanagement"],
  ["fb", "fachbereich"],
  ["sg", "sachgebiet"],
  ["dez", "dezernat"],
  ["bgm", "bürgermeister", "buergermeister"],
  ["lr", "landrat", "landrätin"],
  ["kt", "kreistag"],
  ["pr", "personalrat"],
  ["hr", "personal", "personalwesen"],
  ["ba", "bauamt", "bauaufsicht"],
  ["jc", "jobcenter"],
  ["kfz", "fahrzeug", "auto"],
  ["zulassung", "kfz-zulassung", "zulassungsstelle"],
  ["ausländerbehörde", "abh", "auslaenderbehoerde"],
  ["vob", "vergabe", "ausschreibung"],
  ["haushalt", "etat", "budget"],
  ["dsgvo", "datenschutz", "datenschutz-grundverordnung"],
  ["dsb", "datenschutzbeauftragter", "datenschutzbeauftragte"],
  ["homeoffice", "telearbeit", "mobiles arbeiten"],
  ["dienstreise", "reisekosten"],
  ["urlaub", "erholungsurlaub", "urlaubsantrag"],
  ["krankmeldung", "au", "arbeitsunfähigkeit"],
  ["vpn", "fernzugriff"],
  ["passwort", "kennwort"],
  ["drucker", "multifunktionsgerät", "mfg"],
  ["sitzung", "besprechung", "termin"],
  ["protokoll", "niederschrift"],
  ["anleitung", "howto", "leitfaden"],
  ["faq", "häufige fragen"],
];

/** Meilisearch wants a map word -> other words; groups become mutual synonyms. */
export function synonymMap(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((w) => w !== word);
      map[word] = [...new Set([...(map[word] ?? []), ...others])];
    }
  }
  return map;
}
