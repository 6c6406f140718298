import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatNumber } from "@kreisnetz/shared/format";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.rates");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    return { id: params.id, rates: await context.caller.news.mustReadRates({ id: params.id }) };
  } catch (error) {
    const code = describeError(error).code;
    if (code === "NOT_FOUND" || code === "BAD_INPUT") throw new Response("Not Found", { status: 404 });
    if (code === "FORBIDDEN") throw new Response("Forbidden", { status: 403 });
    throw error;
  }
}

const percent = (part: number, whole: number) =>
  whole > 0 ? `${formatNumber(Math.round((part / whole) * 100))} %` : "–";

/** Acknowledgement shares per unit only (units under 5 people merged upwards), never per person. */
export default function Rates() {
  const { id, rates } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page news">
      <h1>{t("news.rates")}</h1>
      <p className="lead">{rates.title}</p>
      <p>{t("news.ratesHint")}</p>
      <p>
        <Link to={`/news/${id}`}>{rates.title}</Link>
      </p>
      {rates.suppressed ? (
        <p>{t("news.rates.tooFew")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="rates-caption" tabIndex={0}>
          <table>
            <caption id="rates-caption">{t("news.rates")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("news.rates.unit")}</th>
                <th scope="col">{t("news.rates.people")}</th>
                <th scope="col">{t("news.rates.acknowledged")}</th>
                <th scope="col">{t("news.rates.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {rates.rows.map((r) => (
                <tr key={r.unitId ?? "other"}>
                  <th scope="row">
                    {r.unitId ? r.name : t("news.rates.other")}
                    {r.mergedUnits > 0 && (
                      <div className="muted">{t("news.rates.merged", { count: r.mergedUnits })}</div>
                    )}
                  </th>
                  <td>{formatNumber(r.people)}</td>
                  <td>{formatNumber(r.acknowledged)}</td>
                  <td>{percent(r.acknowledged, r.people)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("news.rates.total")}</th>
                <td>{formatNumber(rates.people)}</td>
                <td>{formatNumber(rates.acknowledged)}</td>
                <td>{percent(rates.acknowledged, rates.people)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}
