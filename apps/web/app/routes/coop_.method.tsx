import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { COOP_COMPONENT_IDS } from "@kreisnetz/shared/schemas/coop-index";
import { fmtRaw } from "../lib/coop.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/coop.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "coop.method.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "read:coop-index");
  return { method: await context.caller.coopIndex.method() };
}

/** "So wird der Index berechnet": the method in plain German, with the settings in force. */
export default function CoopMethod() {
  const { method } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page coop">
      <p>
        <Link to="/coop">{t("coop.title")}</Link>
      </p>
      <h1>{t("coop.method.title")}</h1>
      <article className="card">
        <p className="lead">{t("coop.method.p1")}</p>
        <h2>{t("coop.method.dataHeading")}</h2>
        <p>{t("coop.method.p2")}</p>
        <p>{t("coop.method.p3")}</p>
        <h2>{t("coop.method.componentsHeading")}</h2>
        <ul>
          {COOP_COMPONENT_IDS.map((id) => (
            <li key={id}>{t(`coop.method.${id}`)}</li>
          ))}
        </ul>
        <h2>{t("coop.method.scoresHeading")}</h2>
        <p>{t("coop.method.p4")}</p>
        <h2>{t("coop.method.privacyHeading")}</h2>
        <p>{t("coop.method.p5")}</p>
        <h2>{t("coop.method.freezeHeading")}</h2>
        <p>{t("coop.method.p6")}</p>
      </article>
      <section className="card" aria-labelledby="coop-current">
        <h2 id="coop-current">{t("coop.method.currentHeading")}</h2>
        <p>
          {t("coop.methodVersion", { version: method.version })} · {formatDate(method.since)}
        </p>
        <div className="table-wrap" role="region" aria-labelledby="coop-current" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("coop.col.component")}</th>
                <th scope="col">{t("coop.goalposts")}</th>
                <th scope="col">{t("coop.col.weight")}</th>
              </tr>
            </thead>
            <tbody>
              {COOP_COMPONENT_IDS.map((id) => (
                <tr key={id}>
                  <th scope="row">
                    {id} {t(`coop.component.${id}`)}
                  </th>
                  <td>
                    {fmtRaw(method.goalposts[id]?.lower)} / {fmtRaw(method.goalposts[id]?.upper)}
                  </td>
                  <td>
                    {id === "K5" && !method.k5Enabled ? t("coop.disabled") : formatNumber(method.weights[id] ?? 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
