/**
 * German stop words (after the Snowball list, shortened: words that can carry
 * meaning in administration texts, such as "kein", "nicht" or "ander", are kept out).
 */
export const GERMAN_STOP_WORDS: readonly string[] = [
  "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch", "auf", "aus",
  "bei", "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "daß", "dein", "deine", "dem", "den",
  "der", "des", "dessen", "dich", "die", "dies", "diese", "diesem", "diesen", "dieser", "dieses", "dir",
  "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es", "euer",
  "eure", "für", "hatte", "hatten", "hattest", "hier", "hin", "ich", "ihm", "ihn", "ihr", "ihre", "ihrem",
  "ihren", "ihrer", "im", "in", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes", "jetzt", "man",
  "mein", "meine", "mich", "mir", "mit", "nach", "noch", "nun", "nur", "ob", "oder", "ohne", "sich", "sie",
  "sind", "so", "über", "um", "und", "uns", "unser", "unsere", "unter", "vom", "von", "vor", "war", "waren",
  "warst", "was", "weil", "wenn", "wer", "wie", "wir", "wird", "wo", "zu", "zum", "zur",
];
