/**
 * A message namespace: German is the source (complete by definition), Lower
 * Sorbian and English translate some or all keys. Missing keys fall back to German.
 */
export function defineMessages<const T extends Record<string, string>>(messages: {
  de: T;
  dsb: Partial<Record<keyof T, string>>;
  en: Partial<Record<keyof T, string>>;
}) {
  return messages;
}
