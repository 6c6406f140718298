import type { MetaFunction } from "@remix-run/node";
import { useT } from "../lib/i18n.ts";

export const meta: MetaFunction = () => [{ title: "Status – Kreisnetz" }];

/**
 * `/status`: the smallest page of the app – no loader, no session required, no
 * database. It still goes through the whole Remix stack (route matching, the root
 * loader, the root layout, React SSR, the CSP nonce), so it is the fair baseline of
 * the `start-page` benchmark (bench/README.md): what any rendered page costs.
 */
export default function Status() {
  const t = useT();
  return (
    <div className="page">
      <h1 id="status-heading">{t("status.running")}</h1>
    </div>
  );
}
