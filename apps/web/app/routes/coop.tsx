import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { hasPermission } from "@kreisnetz/shared/permissions";
import { COOP_UNIT_LEVELS, ZDashboardInput } from "@kreisnetz/shared/schemas/coop-index";
import { Heatmap, NetworkGraph, TrendChart } from "../components/coop-charts.tsx";
import { SelectField } from "../components/form.tsx";
import { fmtPoints, fmtRaw, fmtShare, trendParts, type TTrendValue } from "../lib/coop.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/coop.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "coop.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requirePermission(request, context, "read:coop-index");
  const url = new URL(request.url);
  const parsed = ZDashboardInput.safeParse({
    level: url.searchParams.get("level") || undefined,
    quarter: url.searchParams.get("quarter") || undefined,
  });
  const input = parsed.success ? parsed.data : { level: "FACHBEREICH" as const };
  const data = await context.caller.coopIndex.dashboard(input).catch(async (error: unknown) => {
    // an unknown quarter in the URL: show the latest instead of an error page
    if (input.quarter) return context.caller.coopIndex.dashboard({ level: input.level });
    throw error;
  });
  return { data, canConfigure: hasPermission(actor.roles, "configure:coop-index") };
}

function Trend({ trend }: { trend: TTrendValue }) {
  const t = useT();
  const { arrow, text } = trendParts(t, trend);
  return (
    <span className={`coop-trend ${trend?.direction ?? "none"}`}>
      {arrow && <span aria-hidden="true">{arrow} </span>}
      {text}
    </span>
  );
}

export default function CoopDashboard() {
  const { data, canConfigure } = useLoaderData<typeof loader>();
  const t = useT();
  const ids = { trend: useId(), comp: useId(), units: useId(), pairs: useId(), projects: useId() };
  const org = data.organisation;
  const names = new Map(data.units.map((u) => [u.unitId, u.name]));
  const query = `level=${data.level}${data.quarter ? `&quarter=${data.quarter}` : ""}`;

  return (
    <div className="page coop">
      <h1>{t("coop.title")}</h1>
      <p className="lead">{t("coop.intro")}</p>
      <p className="coop-links">
        <Link to="/coop/method">{t("coop.methodLink")}</Link>
        {canConfigure && <Link to="/coop/config">{t("coop.configLink")}</Link>}
      </p>

      <section className="card" aria-labelledby="coop-select-heading">
        <h2 id="coop-select-heading" className="visually-hidden">
          {t("coop.show")}
        </h2>
        <Form method="get" className="inline-form">
          <SelectField label={t("coop.level")} name="level" defaultValue={data.level}>
            {COOP_UNIT_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`coop.level.${l}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("coop.quarter")} name="quarter" defaultValue={data.quarter ?? ""}>
            {[...data.quarters].reverse().map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t("coop.show")}
          </button>
        </Form>
      </section>

      {!org || !data.quarterLabel ? (
        <p className="card">{t("coop.empty")}</p>
      ) : (
        <>
          <section className="card coop-headline" aria-labelledby="coop-headline">
            <h2 id="coop-headline">{t("coop.headline", { quarter: data.quarterLabel })}</h2>
            <p className="coop-big">
              {org.index === null ? t("coop.noIndex") : t("coop.points", { value: fmtPoints(org.index) })}
            </p>
            <dl className="facts">
              <dt>{t("coop.vsPrevious")}</dt>
              <dd>
                <Trend trend={org.trend} />
              </dd>
              <dt>{t("coop.vsYearAgo")}</dt>
              <dd>
                <Trend trend={org.yearTrend} />
              </dd>
            </dl>
            {org.structureBreak && <p className="coop-break-note">{t("coop.break")}</p>}
            <p className="muted">
              {data.frozen
                ? t("coop.frozen")
                : t("coop.provisional", { date: data.freezeDate ? formatDate(data.freezeDate) : "–" })}
              {" · "}
              {t("coop.methodVersion", { version: data.methodVersion })}
            </p>
            <h3>{t("coop.reportHeading")}</h3>
            <p className="coop-links">
              <a href={`/coop/report.pdf?${query}`} download>
                {t("coop.reportPdf")} ({data.quarter})
              </a>
              <a href={`/coop/report.csv?${query}`} download>
                {t("coop.reportCsv")} ({data.quarter})
              </a>
            </p>
          </section>

          <section className="card" aria-labelledby={ids.trend}>
            <h2 id={ids.trend}>{t("coop.trendHeading")}</h2>
            <TrendChart
              points={data.trend.map((p) => ({ label: p.label, index: p.index, structureBreak: p.structureBreak }))}
            />
            {data.trend.some((p) => p.structureBreak) && <p className="muted">{t("coop.breakLegend")}</p>}
            <div className="table-wrap" role="region" aria-label={t("coop.trendHeading")} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("coop.col.quarter")}</th>
                    <th scope="col">{t("coop.col.index")}</th>
                    {data.trend[0]?.components.map((c) => (
                      <th key={c.id} scope="col">
                        {c.id}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.trend.map((p) => (
                    <tr key={p.quarter}>
                      <th scope="row">
                        {p.label}
                        {p.structureBreak && <span className="coop-break-note">{t("coop.break")}</span>}
                      </th>
                      <td>{fmtPoints(p.index)}</td>
                      {p.components.map((c) => (
                        <td key={c.id}>{fmtPoints(c.points)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby={ids.comp}>
            <h2 id={ids.comp}>{t("coop.componentsHeading")}</h2>
            <div className="table-wrap" role="region" aria-labelledby={ids.comp} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("coop.col.component")}</th>
                    <th scope="col">{t("coop.col.raw")}</th>
                    <th scope="col">{t("coop.col.score")}</th>
                    <th scope="col">{t("coop.col.weight")}</th>
                    <th scope="col">{t("coop.col.points")}</th>
                  </tr>
                </thead>
                <tbody>
                  {org.components.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.id} {t(`coop.component.${c.id}`)}
                      </th>
                      <td>
                        {c.status === "disabled"
                          ? t("coop.disabled")
                          : c.status === "n/a"
                            ? t("coop.na")
                            : fmtShare(c.raw)}
                      </td>
                      <td>{fmtPoints(c.score)}</td>
                      <td>{c.status === "disabled" ? "–" : formatNumber(c.weight)}</td>
                      <td>{fmtPoints(c.points)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby={ids.units}>
            <h2 id={ids.units}>{t("coop.unitsHeading")}</h2>
            <p className="muted">{t("coop.unitsNote")}</p>
            <div className="table-wrap" role="region" aria-labelledby={ids.units} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("coop.col.unit")}</th>
                    <th scope="col">{t("coop.col.index")}</th>
                    <th scope="col">{t("coop.col.previous")}</th>
                    <th scope="col">{t("coop.col.trend")}</th>
                    <th scope="col">{t("coop.col.yearAgo")}</th>
                    <th scope="col">{t("coop.vsYearAgo")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.units.map((u) => (
                    <tr key={u.unitId}>
                      <th scope="row">
                        {u.name}
                        {u.mergedUnits > 0 && (
                          <span className="muted"> ({t("coop.merged", { count: u.mergedUnits })})</span>
                        )}
                        {u.structureBreak && <span className="coop-break-note">{t("coop.break")}</span>}
                      </th>
                      <td>{fmtPoints(u.index)}</td>
                      <td>{fmtPoints(u.previous)}</td>
                      <td>
                        <Trend trend={u.trend} />
                      </td>
                      <td>{fmtPoints(u.yearAgo)}</td>
                      <td>
                        <Trend trend={u.yearTrend} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby="coop-heatmap">
            <h2 id="coop-heatmap">{t("coop.heatmapHeading")}</h2>
            <p className="muted">{t("coop.heatmapNote")}</p>
            <Heatmap units={data.units} pairs={data.pairs} />
          </section>

          <section className="card" aria-labelledby={ids.pairs}>
            <h2 id={ids.pairs}>{t("coop.networkHeading")}</h2>
            <NetworkGraph units={data.units} pairs={data.pairs} />
            <div className="table-wrap" role="region" aria-labelledby={ids.pairs} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("coop.col.pair")}</th>
                    <th scope="col">{t("coop.col.weightW")}</th>
                    <th scope="col">{t("coop.col.shared")}</th>
                    <th scope="col">{t("coop.col.tie")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.pairs]
                    .sort((a, b) => b.weight - a.weight)
                    .map((p) => (
                      <tr key={`${p.unitIdA}-${p.unitIdB}`}>
                        <th scope="row">
                          {names.get(p.unitIdA)} – {names.get(p.unitIdB)}
                        </th>
                        <td>{fmtRaw(p.weight)}</td>
                        <td>{formatNumber(p.sharedObjects)}</td>
                        <td>{p.tie ? "✓" : "–"}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby={ids.projects}>
            <h2 id={ids.projects}>{t("coop.projectsHeading")}</h2>
            <p className="muted">{t("coop.projectsNote")}</p>
            <div className="table-wrap" role="region" aria-labelledby={ids.projects} tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("coop.col.project")}</th>
                    <th scope="col">{t("coop.col.declared")}</th>
                    <th scope="col">{t("coop.col.lived")}</th>
                    <th scope="col">{t("coop.col.events")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.projects.map((p) => (
                    <tr key={p.projectId}>
                      <th scope="row">{p.title ?? t("coop.projectHidden")}</th>
                      <td>
                        {p.declaredUnitIds.map((id) => names.get(id)).join(", ")}
                        {p.declaredOther > 0 && ` ${t("coop.others", { count: p.declaredOther })}`}
                      </td>
                      <td>
                        {p.livedUnitIds.map((id) => names.get(id)).join(", ")}
                        {p.livedOther > 0 && ` ${t("coop.others", { count: p.livedOther })}`}
                      </td>
                      <td>{formatNumber(p.events)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <div className="grid">
            <section className="card" aria-labelledby="coop-coverage">
              <h2 id="coop-coverage">{t("coop.coverageHeading")}</h2>
              <p>
                {t("coop.coverage", {
                  share: fmtShare(org.coverage),
                  active: formatNumber(org.activePersons),
                  headcount: formatNumber(org.headcount),
                })}
              </p>
            </section>
            {data.dataQuality && (
              <section className="card" aria-labelledby="coop-quality">
                <h2 id="coop-quality">{t("coop.qualityHeading")}</h2>
                <dl className="facts">
                  {Object.entries(data.dataQuality).map(([key, value]) => (
                    <div key={key} className="fact">
                      <dt>{t(`coop.quality.${key as keyof typeof data.dataQuality}`)}</dt>
                      <dd>{formatNumber(value)}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}
          </div>
        </>
      )}
    </div>
  );
}
