import type { MessageKey } from "@kreisnetz/shared/i18n";
import { useT } from "../lib/i18n.ts";

/** Navigation targets whose capability arrives with a later issue. */
export function ComingSoon({ title }: { title: MessageKey }) {
  const t = useT();
  return (
    <div className="page">
      <h1>{t(title)}</h1>
      <p>{t("common.comingSoon")}</p>
    </div>
  );
}
