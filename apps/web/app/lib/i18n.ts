import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, translator, type TLocale, type Translate } from "@kreisnetz/shared/i18n";

type RootData = { locale: TLocale } | undefined;

export function useLocale(): TLocale {
  return (useRouteLoaderData("root") as RootData)?.locale ?? DEFAULT_LOCALE;
}

/** The translator for the current user's language (German fallback built in). */
export function useT(): Translate {
  return translator(useLocale());
}
