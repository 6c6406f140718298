import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "@kreisnetz/shared/format";
import { SelectField } from "../components/form.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { unitName } from "../lib/org-units.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.gallery");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const url = new URL(request.url);
  const unit = url.searchParams.get("unit");
  const yearValue = Number(url.searchParams.get("year"));
  const year = Number.isInteger(yearValue) && yearValue >= 2000 && yearValue <= 2100 ? yearValue : undefined;
  const unitId = isUuid(unit) ? unit : undefined;
  const [stories, units] = await Promise.all([
    context.caller.news.gallery({ ...(unitId ? { unitId } : {}), ...(year ? { year } : {}) }),
    context.caller.orgUnits.tree(),
  ]);
  const thisYear = new Date().getFullYear();
  return { stories, units, unitId: unitId ?? "", year: year ?? "", years: [0, 1, 2, 3, 4].map((d) => thisYear - d) };
}

export default function Gallery() {
  const { stories, units, unitId, year, years } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page news">
      <h1>{t("news.gallery")}</h1>
      <p>
        <Link className="button primary" to="/news/new?kind=STORY">
          {t("news.newStory")}
        </Link>
      </p>
      <Form method="get" className="inline-form">
        <SelectField label={t("news.filterUnit")} name="unit" defaultValue={unitId}>
          <option value="">{t("news.all")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitName(u, locale)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("news.filterYear")} name="year" defaultValue={String(year)}>
          <option value="">{t("news.all")}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t("news.filter")}
        </button>
      </Form>
      {stories.length === 0 ? (
        <p>{t("news.storiesEmpty")}</p>
      ) : (
        <ul className="gallery plain-list">
          {stories.map((s) => (
            <li key={s.id} className="post-item">
              {s.teamOfMonth && <p className="tag">{t("news.story.teamOfMonth")}</p>}
              <h2>
                <Link to={`/news/${s.id}`}>{s.title}</Link>
              </h2>
              {s.teaser && <p>{s.teaser}</p>}
              {s.units.length > 0 && (
                <p className="muted">
                  {t("news.story.units")}: {s.units.map((u) => u.name).join(", ")}
                </p>
              )}
              {s.publishedAt && <p className="muted">{formatDate(s.publishedAt)}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
