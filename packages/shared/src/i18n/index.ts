import { admin } from "./messages/admin.ts";
import { adminUnits } from "./messages/admin-units.ts";
import { adminUsers } from "./messages/admin-users.ts";
import { auth } from "./messages/auth.ts";
import { common } from "./messages/common.ts";
import { coop } from "./messages/coop.ts";
import { errors } from "./messages/errors.ts";
import { knowledge } from "./messages/knowledge.ts";
import { meetings } from "./messages/meetings.ts";
import { news } from "./messages/news.ts";
import { notifications } from "./messages/notifications.ts";
import { projects } from "./messages/projects.ts";
import { realtime } from "./messages/realtime.ts";
import { search } from "./messages/search.ts";
import { tasks } from "./messages/tasks.ts";

export const LOCALES = ["de", "dsb", "en"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "de";

/** All namespaces; a new feature adds its file in ./messages and lists it here. */
const namespaces = [
  common,
  auth,
  errors,
  admin,
  adminUnits,
  adminUsers,
  projects,
  realtime,
  news,
  knowledge,
  search,
  coop,
  meetings,
  tasks,
  notifications,
] as const;

type Namespace = (typeof namespaces)[number];
export type MessageKey = Namespace extends infer N ? (N extends { de: infer D } ? keyof D & string : never) : never;

type Catalog = Partial<Record<MessageKey, string>>;
const catalogs: Record<TLocale, Catalog> = {
  de: Object.assign({}, ...namespaces.map((n) => n.de)),
  dsb: Object.assign({}, ...namespaces.map((n) => n.dsb)),
  en: Object.assign({}, ...namespaces.map((n) => n.en)),
};

export type TParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: TParams) => string;

export function isLocale(value: unknown): value is TLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && value in catalogs.de;
}

/** Looks a key up in the locale's catalog, falling back to German, and fills `{params}`. */
export function translate(locale: TLocale, key: MessageKey, params: TParams = {}): string {
  const template = catalogs[locale][key] ?? catalogs.de[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function translator(locale: TLocale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Keys a locale has not translated (yet): used by tests and a catalog report. */
export function missingKeys(locale: TLocale): MessageKey[] {
  return (Object.keys(catalogs.de) as MessageKey[]).filter((key) => !(key in catalogs[locale]));
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): TLocale {
  if (!header) return DEFAULT_LOCALE;
  const wanted = header
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return wanted.map((w) => w.tag).find(isLocale) ?? DEFAULT_LOCALE;
}
