import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatNumber } from "@kreisnetz/shared/format";
import { useLocale, useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Start – Kreisnetz" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const overview = await context.caller.home.overview();
  return { name: actor.name, ...overview };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const unitName = locale === "dsb" && data.unit.nameDsb ? data.unit.nameDsb : data.unit.name;
  return (
    <div className="page">
      <h1>{t("home.welcome", { name: data.name })}</h1>
      <p className="lead">{t("home.newsSoon")}</p>
      <div className="grid">
        <section className="card" aria-labelledby="unit-heading">
          <h2 id="unit-heading">{t("home.yourUnit")}</h2>
          <p className="unit-name">{unitName}</p>
          {data.unit.path.length > 0 && (
            <p className="breadcrumb-text">{data.unit.path.map((u) => u.name).join(" › ")}</p>
          )}
          <h3>{t("home.colleagues")}</h3>
          {data.colleagues.length === 0 ? (
            <p>{t("common.none")}</p>
          ) : (
            <ul className="plain-list">
              {data.colleagues.map((c) => (
                <li key={c.id}>
                  {c.name}
                  {c.jobTitle && <span className="muted"> – {c.jobTitle}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t("home.orgFacts")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("home.unitCount")}</dt>
              <dd>{formatNumber(data.unitCount)}</dd>
            </div>
            <div>
              <dt>{t("home.staffCount")}</dt>
              <dd>{formatNumber(data.staffCount)}</dd>
            </div>
          </dl>
        </section>
      </div>
    </div>
  );
}
