import { Form, useLocation } from "@remix-run/react";
import { LOCALES } from "@kreisnetz/shared/i18n";
import { useLocale, useT } from "../lib/i18n.ts";

/** Language choice before login (a cookie); logged-in people choose on their profile. */
export function LanguageSwitcher() {
  const t = useT();
  const current = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="inline-form language-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <div className="field">
        <label htmlFor="language-select">{t("language.label")}</label>
        <select id="language-select" name="locale" defaultValue={current}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`language.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("common.save")}
      </button>
    </Form>
  );
}
