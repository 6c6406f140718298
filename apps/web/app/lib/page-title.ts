import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type MessageKey, type TLocale } from "@kreisnetz/shared/i18n";

type TMatch = { id: string; data: unknown };

/** The page's language as the root loader decided it, for `meta` (which cannot use hooks). */
export function localeOfMatches(matches: readonly TMatch[]): TLocale {
  const root = matches.find((m) => m.id === "root")?.data;
  const locale = root && typeof root === "object" && "locale" in root ? root.locale : undefined;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** A translated `<title>`: "<page> – Kreisnetz", optionally led by a name such as a unit's. */
export function pageTitle(matches: readonly TMatch[], key: MessageKey, lead?: string): MetaDescriptor[] {
  const page = translate(localeOfMatches(matches), key);
  return [{ title: [lead, page, "Kreisnetz"].filter(Boolean).join(" – ") }];
}
