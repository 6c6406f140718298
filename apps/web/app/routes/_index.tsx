import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime, formatNumber } from "@kreisnetz/shared/format";
import { NewsList } from "../components/news-list.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import newsStylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: newsStylesHref }];

export const meta: MetaFunction = () => [{ title: "Start – Kreisnetz" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const [overview, news] = await Promise.all([context.caller.home.overview(), context.caller.home.news()]);
  return { name: actor.name, ...overview, news };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const unitName = locale === "dsb" && data.unit.nameDsb ? data.unit.nameDsb : data.unit.name;
  return (
    <div className="page news">
      <h1>{t("home.welcome", { name: data.name })}</h1>
      {data.news.mustReadCount > 0 && (
        <section className="must-read-banner" aria-labelledby="must-read-heading">
          <h2 id="must-read-heading">{t("news.mustReadBanner", { count: formatNumber(data.news.mustReadCount) })}</h2>
          <ul>
            {data.news.mustReads.map((m) => (
              <li key={m.id}>
                <Link to={`/news/${m.id}`}>{m.title}</Link>
                {m.deadline && ` – ${t("news.mustReadUntil", { date: formatDateTime(m.deadline) })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="feed-heading">
        <h2 id="feed-heading">{t("news.home.feed")}</h2>
        {data.news.items.length === 0 ? <p>{t("news.empty")}</p> : <NewsList items={data.news.items} level={3} />}
        <p>
          <Link to="/news">{t("news.home.allNews")}</Link>
        </p>
      </section>
      {data.news.stories.length > 0 && (
        <section aria-labelledby="stories-heading">
          <h2 id="stories-heading">{t("news.home.stories")}</h2>
          <NewsList items={data.news.stories} level={3} />
          <p>
            <Link to="/news/stories">{t("news.gallery")}</Link>
          </p>
        </section>
      )}
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
