import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatNumber } from "@kreisnetz/shared/format";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/knowledge.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "knowledge.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  return { spaces: await context.caller.knowledge.spaces() };
}

export default function Knowledge() {
  const { spaces } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page knowledge">
      <h1>{t("knowledge.title")}</h1>
      <p className="lead">{t("knowledge.intro")}</p>
      <section aria-labelledby="spaces-heading">
        <h2 id="spaces-heading">{t("knowledge.spaces")}</h2>
        <ul className="space-list">
          {spaces.map((space) => (
            <li key={space.id} className="card">
              <h3>
                <Link to={`/knowledge/s/${space.key}`}>{space.name}</Link>
              </h3>
              {space.description && <p>{space.description}</p>}
              <p className="muted">
                {t("knowledge.articleCount", { count: formatNumber(space.articleCount) })} ·{" "}
                {t(`knowledge.access.${space.access}`)}
                {space.unit ? ` · ${space.unit.name}` : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
