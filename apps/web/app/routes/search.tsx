import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { ZSearchInput } from "@kreisnetz/shared/schemas/search";
import { typeKey } from "../components/search-box.tsx";
import { pageTitle } from "../lib/page-title.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/search.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "search.title", data?.q || undefined);

function parseInput(url: URL) {
  const p = url.searchParams;
  const parsed = ZSearchInput.safeParse({
    q: p.get("q") ?? "",
    types: p.getAll("type"),
    unitIds: p.getAll("units"),
    tags: p.getAll("tag"),
    years: p.getAll("year").map(Number).filter(Number.isInteger),
    sort: p.get("sort") ?? undefined,
    page: Number(p.get("page") ?? "1") || 1,
  });
  return parsed.success ? parsed.data : ZSearchInput.parse({ q: (p.get("q") ?? "").slice(0, 200) });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const input = parseInput(new URL(request.url));
  const [result, units] = await Promise.all([context.caller.search.query(input), context.caller.orgUnits.tree()]);
  const unitNames = Object.fromEntries(units.map((u) => [u.id, u.name]));
  return { ...input, result, unitNames };
}

type TFacetName = "type" | "unitIds" | "tags" | "year";
const PARAM: Record<TFacetName, string> = { type: "type", unitIds: "units", tags: "tag", year: "year" };

export default function Search() {
  const data = useLoaderData<typeof loader>();
  const { result } = data;
  const t = useT();
  const headingId = useId();
  const selected: Record<TFacetName, string[]> = {
    type: data.types,
    unitIds: data.unitIds,
    tags: data.tags,
    year: data.years.map(String),
  };
  const label = (facet: TFacetName, value: string) =>
    facet === "type" ? t(typeKey(value)) : facet === "unitIds" ? (data.unitNames[value] ?? value) : value;
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (data.q) params.set("q", data.q);
    for (const facet of Object.keys(PARAM) as TFacetName[])
      for (const v of selected[facet]) params.append(PARAM[facet], v);
    if (data.sort !== "relevance") params.set("sort", data.sort);
    params.set("page", String(page));
    return `/search?${params.toString()}`;
  };
  const lastPage = Math.max(1, Math.ceil(result.total / data.pageSize));

  return (
    <div className="page search-page">
      <h1>{t("search.title")}</h1>
      <Form method="get" role="search" aria-label={t("search.title")} className="inline-form">
        <div className="field">
          <label htmlFor="search-q">{t("search.label")}</label>
          <input id="search-q" type="search" name="q" defaultValue={data.q} />
        </div>
        <div className="field">
          <label htmlFor="search-sort">{t("search.sort")}</label>
          <select id="search-sort" name="sort" defaultValue={data.sort}>
            <option value="relevance">{t("search.sort.relevance")}</option>
            <option value="date">{t("search.sort.date")}</option>
          </select>
        </div>
        {(Object.keys(PARAM) as TFacetName[]).flatMap((facet) =>
          selected[facet].map((v) => <input key={`${facet}-${v}`} type="hidden" name={PARAM[facet]} value={v} />),
        )}
        <button type="submit" className="button">
          {t("search.submit")}
        </button>
      </Form>

      {result.unavailable && (
        <div className="notice notice-error" role="alert">
          {t("search.unavailable")}
        </div>
      )}

      <div className="search-layout">
        <aside aria-labelledby="facets-heading">
          <h2 id="facets-heading">{t("search.facets")}</h2>
          <Form method="get">
            <input type="hidden" name="q" value={data.q} />
            <input type="hidden" name="sort" value={data.sort} />
            {(Object.keys(PARAM) as TFacetName[]).map((facet) => {
              const values = Object.entries(result.facets[facet] ?? {}).sort((a, b) => b[1] - a[1]);
              if (values.length === 0) return null;
              return (
                <fieldset key={facet} className="facet-group">
                  <legend>{t(`search.facet.${facet}`)}</legend>
                  {values.slice(0, 12).map(([value, count]) => (
                    <label key={value}>
                      <input
                        type="checkbox"
                        name={PARAM[facet]}
                        value={value}
                        defaultChecked={selected[facet].includes(value)}
                      />
                      <span>
                        {label(facet, value)} ({formatNumber(count)})
                      </span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
            <button type="submit" className="button">
              {t("search.applyFilters")}
            </button>{" "}
            <Link to={data.q ? `/search?q=${encodeURIComponent(data.q)}` : "/search"}>{t("search.resetFilters")}</Link>
          </Form>
        </aside>

        <section aria-labelledby={headingId}>
          <h2 id={headingId} aria-live="polite">
            {data.q
              ? t("search.results", { count: formatNumber(result.total), q: data.q })
              : t("search.resultsAll", { count: formatNumber(result.total) })}
          </h2>
          {result.didYouMean && (
            <p className="did-you-mean">
              {t("search.didYouMean")}:{" "}
              <Link to={`/search?q=${encodeURIComponent(result.didYouMean)}`}>{result.didYouMean}</Link>?
            </p>
          )}
          {result.hits.length === 0 && data.q && !result.unavailable && <p>{t("search.noResults", { q: data.q })}</p>}
          <ol className="search-results">
            {result.hits.map((hit) => (
              <li key={hit.id}>
                <h3>
                  <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
                </h3>
                <p className="search-meta">
                  {t(typeKey(hit.type))}
                  {hit.subtitle ? ` · ${hit.subtitle}` : ""} · {formatDate(hit.date)}
                </p>
                {hit.snippetHtml && (
                  <p className="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
                )}
              </li>
            ))}
          </ol>
          {lastPage > 1 && (
            <nav className="pager" aria-label={t("search.page", { page: data.page })}>
              {data.page > 1 && <Link to={pageHref(data.page - 1)}>{t("search.previous")}</Link>}
              <span>{t("search.page", { page: data.page })}</span>
              {data.page < lastPage && <Link to={pageHref(data.page + 1)}>{t("search.next")}</Link>}
            </nav>
          )}
        </section>
      </div>
    </div>
  );
}
