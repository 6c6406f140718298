import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { hasPermission } from "@kreisnetz/shared/permissions";
import { NEWS_CATEGORIES, type TNewsCategory } from "@kreisnetz/shared/schemas/news";
import { SelectField } from "../components/form.tsx";
import { NewsList } from "../components/news-list.tsx";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "alternate", type: "application/atom+xml", href: "/news/feed.atom", title: "Kreisnetz News" },
];

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const value = new URL(request.url).searchParams.get("category");
  const category = NEWS_CATEGORIES.find((c) => c === value) as TNewsCategory | undefined;
  const [items, mine] = await Promise.all([
    context.caller.news.list({ kind: "NEWS", limit: 50, ...(category ? { category } : {}) }),
    context.caller.news.mine(),
  ]);
  return { items, mine, category: category ?? "", isEditor: hasPermission(actor.roles, "publish:news") };
}

export default function NewsPage() {
  const { items, mine, category, isEditor } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page news">
      <h1>{t("news.title")}</h1>
      <ul className="actions-row plain-list">
        <li>
          <Link className="button primary" to="/news/new">
            {t("news.new")}
          </Link>
        </li>
        <li>
          <Link className="button" to="/news/stories">
            {t("news.stories")}
          </Link>
        </li>
        {isEditor && (
          <li>
            <Link className="button" to="/news/review">
              {t("news.reviewQueue")}
            </Link>
          </li>
        )}
        <li>
          <a href="/news/feed.atom">{t("news.atom")}</a>
        </li>
      </ul>
      {mine.length > 0 && (
        <section className="card" aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t("news.mine")}</h2>
          <NewsList items={mine} level={3} showStatus />
        </section>
      )}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("news.list")}</h2>
        <Form method="get" className="inline-form">
          <SelectField label={t("news.field.category")} name="category" defaultValue={category}>
            <option value="">{t("news.all")}</option>
            {NEWS_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`news.category.${c}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t("news.filter")}
          </button>
        </Form>
        {items.length === 0 ? <p>{t("news.empty")}</p> : <NewsList items={items} level={3} />}
      </section>
    </div>
  );
}
