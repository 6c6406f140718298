import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, useState } from "react";
import { formatNumber } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import { hasPermission } from "@kreisnetz/shared/permissions";
import { ZCreateUserInput } from "@kreisnetz/shared/schemas/users";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { InitialPasswordBox, RoleFieldset } from "../components/user-admin.tsx";
import { adminUsersTitle, listParams, unitLabel } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/admin-users.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "adminUsers.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requirePermission(request, context, "manage:users");
  const params = listParams(new URL(request.url));
  const [list, units] = await Promise.all([
    context.caller.users.list({ ...params, pageSize: 25 }),
    context.caller.users.unitOptions(),
  ]);
  return { params, list, units, canImport: hasPermission(actor.roles, "import:users") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:users");
  const form = await request.formData();
  if (formString(form, "intent") !== "create") throw new Response("Bad Request", { status: 400 });
  const { caller, locale } = context;
  let createdName = "";
  const result = await runAction(locale, async () => {
    const input = ZCreateUserInput.parse({
      email: formString(form, "email"),
      name: formString(form, "name"),
      jobTitle: formString(form, "jobTitle")?.trim() || undefined,
      unitId: formString(form, "unitId") || undefined,
      roles: form.getAll("roles").filter((r) => typeof r === "string"),
    });
    const created = await caller.users.create(input);
    createdName = created.user.name;
    return created;
  });
  return "ok" in result && result.ok
    ? { ...result, message: translate(locale, "adminUsers.created", { name: createdName }) }
    : result;
}

type TCreated = { user: { id: string; email: string; name: string }; initialPassword: string };

export default function AdminUsers() {
  const { params, list, units, canImport } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(raw);
  const created = raw && "ok" in raw && raw.ok ? (raw.result as TCreated) : undefined;
  const busy = useNavigation().state === "submitting";
  const captionId = useId();
  // A fresh key after each creation empties the form; a failed attempt keeps what was typed.
  const [formKey, setFormKey] = useState("new");
  if (created && created.user.id !== formKey) setFormKey(created.user.id);

  const pageLink = (page: number) => {
    const search = new URLSearchParams();
    if (params.query) search.set("q", params.query);
    if (params.unitId) search.set("unit", params.unitId);
    if (params.includeDeactivated) search.set("deactivated", "1");
    search.set("page", String(page));
    return `?${search.toString()}`;
  };

  return (
    <div className="page admin-users">
      <h1>{t("adminUsers.title")}</h1>
      <p className="lead">{t("adminUsers.intro")}</p>
      {canImport && (
        <p>
          <Link to="/admin/import">{t("adminUsers.importLink")}</Link>
        </p>
      )}

      {created && (
        <>
          <FormMessage success={raw && "message" in raw ? raw.message : undefined} />
          <InitialPasswordBox email={created.user.email} password={created.initialPassword} />
          <p>
            <Link to={`/admin/users/${created.user.id}`}>{t("adminUsers.editLabel", { name: created.user.name })}</Link>
          </p>
        </>
      )}

      <section className="card" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("adminUsers.filterTitle")}</h2>
        <Form method="get" className="inline-form users-filter">
          <Field label={t("adminUsers.query")} name="q" type="search" defaultValue={params.query ?? ""} />
          <SelectField label={t("common.unit")} name="unit" defaultValue={params.unitId ?? ""}>
            <option value="">{t("adminUsers.allUnits")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {unitLabel(u, locale)}
              </option>
            ))}
          </SelectField>
          <div className="users-check">
            <input
              type="checkbox"
              id="include-deactivated"
              name="deactivated"
              value="1"
              defaultChecked={params.includeDeactivated}
            />
            <label htmlFor="include-deactivated">{t("adminUsers.includeDeactivated")}</label>
          </div>
          <button type="submit" className="button">
            {t("adminUsers.filterSubmit")}
          </button>
        </Form>
      </section>

      <div className="card">
        {list.items.length === 0 ? (
          <>
            <h2>{t("adminUsers.tableCaption", { total: formatNumber(list.total) })}</h2>
            <p>{t("adminUsers.noResults")}</p>
          </>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table>
              <caption id={captionId}>{t("adminUsers.tableCaption", { total: formatNumber(list.total) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("common.name")}</th>
                  <th scope="col">{t("common.email")}</th>
                  <th scope="col">{t("common.unit")}</th>
                  <th scope="col">{t("common.roles")}</th>
                  <th scope="col">{t("common.status")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">
                      <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                      {user.jobTitle && <div className="muted">{user.jobTitle}</div>}
                    </th>
                    <td className="email">{user.email}</td>
                    <td>{unitLabel(user.unit, locale)}</td>
                    <td>{user.roles.map((r) => t(`role.${r}`)).join(", ")}</td>
                    <td>
                      {user.deactivated ? (
                        <span className="status status-off">{t("adminUsers.statusDeactivated")}</span>
                      ) : (
                        <span className="status status-ok">{t("adminUsers.statusActive")}</span>
                      )}
                      {user.mustChangePassword && !user.deactivated && (
                        <div className="muted">{t("adminUsers.statusInitialPassword")}</div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.pageCount > 1 && (
          <nav className="pagination" aria-label={t("adminUsers.pagination")}>
            {list.page > 1 && (
              <Link to={pageLink(list.page - 1)} rel="prev">
                {t("common.previous")}
              </Link>
            )}
            <span aria-current="page">
              {t("common.page", { page: formatNumber(list.page), pages: formatNumber(list.pageCount) })}
            </span>
            {list.page < list.pageCount && (
              <Link to={pageLink(list.page + 1)} rel="next">
                {t("common.next")}
              </Link>
            )}
          </nav>
        )}
      </div>

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("adminUsers.createTitle")}</h2>
        {!created && <FormMessage error={errors.message} />}
        <Form method="post" className="stack" noValidate key={formKey}>
          <input type="hidden" name="intent" value="create" />
          <Field
            label={t("common.email")}
            name="email"
            type="email"
            autoComplete="off"
            required
            error={errors.fields.email}
          />
          <Field label={t("common.name")} name="name" autoComplete="off" required error={errors.fields.name} />
          <Field label={t("adminUsers.jobTitle")} name="jobTitle" autoComplete="off" error={errors.fields.jobTitle} />
          <SelectField label={t("common.unit")} name="unitId" required defaultValue="" error={errors.fields.unitId}>
            <option value="">{t("adminUsers.chooseUnit")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {unitLabel(u, locale)}
              </option>
            ))}
          </SelectField>
          <RoleFieldset selected={["STAFF"]} error={errors.fields.roles} />
          <button type="submit" className="button primary" disabled={busy}>
            {t("adminUsers.createSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
