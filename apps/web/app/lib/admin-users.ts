import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, translate, type MessageKey, type TLocale } from "@kreisnetz/shared/i18n";

type TMatch = { id: string; data: unknown };

/** A translated `<title>` for the account pages; `meta` cannot use hooks, so the locale comes from the root match. */
export function adminUsersTitle(matches: readonly TMatch[], key: MessageKey, lead?: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data;
  const value = root && typeof root === "object" && "locale" in root ? root.locale : undefined;
  const locale: TLocale = isLocale(value) ? value : DEFAULT_LOCALE;
  return [{ title: [lead, translate(locale, key), "Kreisnetz"].filter(Boolean).join(" – ") }];
}

/** A unit's name in the reader's language: the Lower Sorbian name where there is one. */
export function unitLabel(unit: { code: string; name: string; nameDsb: string | null }, locale: TLocale): string {
  return `${locale === "dsb" && unit.nameDsb ? unit.nameDsb : unit.name} (${unit.code})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | null | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The list's GET parameters, cleaned so a hand-edited URL never becomes a 500. */
export function listParams(url: URL) {
  const query = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const unit = url.searchParams.get("unit");
  const page = Number.parseInt(url.searchParams.get("page") ?? "1", 10);
  return {
    query,
    unitId: isUuid(unit) ? unit : undefined,
    includeDeactivated: url.searchParams.get("deactivated") === "1",
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}
