import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime, formatNumber } from "@kreisnetz/shared/format";
import { Field } from "../components/form.tsx";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/admin-units.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

const PAGE_SIZE = 50;
/** Offered as suggestions in the filter; any other prefix works too. */
const ACTION_PREFIXES = ["org-unit.", "user.", "auth."];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "read:audit-log");
  const params = new URL(request.url).searchParams;
  // Hand-edited URLs get sane values instead of an error page.
  const action = params.get("action")?.trim().slice(0, 80) || undefined;
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const log = await context.caller.audit.list({ action, page, pageSize: PAGE_SIZE });
  return { ...log, action: action ?? "" };
}

export default function AdminAudit() {
  const log = useLoaderData<typeof loader>();
  const t = useT();
  const pageLink = (page: number) => {
    const search = new URLSearchParams();
    if (log.action) search.set("action", log.action);
    if (page > 1) search.set("page", String(page));
    const query = search.toString();
    return query ? `?${query}` : ".";
  };

  return (
    <div className="page admin-units">
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>

      <Form method="get" className="inline-form audit-filter" role="search" aria-label={t("audit.filter")}>
        <Field
          label={t("audit.filter")}
          name="action"
          defaultValue={log.action}
          key={log.action}
          maxLength={80}
          list="audit-action-prefixes"
          autoComplete="off"
          hint={t("audit.filterHint")}
        />
        <datalist id="audit-action-prefixes">
          {ACTION_PREFIXES.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <button type="submit" className="button">
          {t("audit.filterSubmit")}
        </button>
        {log.action && <Link to=".">{t("audit.filterReset")}</Link>}
      </Form>

      <p>{t("audit.total", { total: formatNumber(log.total) })}</p>

      {log.entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <table className="audit-table">
            <caption id="audit-caption">{t("audit.caption", { page: log.page, pages: log.pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.object")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">
                    <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt)}</time>
                  </th>
                  <td>
                    {entry.actor ? (
                      <>
                        {entry.actor.name}
                        <br />
                        <span className="muted">{entry.actor.email}</span>
                      </>
                    ) : entry.actorId ? (
                      <span className="muted">{t("audit.unknownActor")}</span>
                    ) : (
                      t("audit.system")
                    )}
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.objectType}
                    {entry.objectId && (
                      <>
                        <br />
                        {entry.objectType === "org-unit" ? (
                          <Link to={`/admin/units/${entry.objectId}`}>
                            <code>{entry.objectId}</code>
                          </Link>
                        ) : (
                          <code>{entry.objectId}</code>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    {Object.keys(entry.details).length > 0 && (
                      <code className="audit-details">{JSON.stringify(entry.details, null, 1)}</code>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {log.pages > 1 && (
        <nav className="pagination" aria-label={t("audit.pagination")}>
          <span>{t("common.page", { page: log.page, pages: log.pages })}</span>
          <ul>
            {log.page > 1 && (
              <li>
                <Link to={pageLink(log.page - 1)} rel="prev">
                  {t("common.previous")}
                </Link>
              </li>
            )}
            {log.page < log.pages && (
              <li>
                <Link to={pageLink(log.page + 1)} rel="next">
                  {t("common.next")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
      )}
    </div>
  );
}
