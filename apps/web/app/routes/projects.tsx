import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId, useState } from "react";
import { formatNumber } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import {
  PROJECT_STATUSES,
  PROJECT_TEMPLATE_KEYS,
  PROJECT_VISIBILITIES,
  ZCreateProjectInput,
} from "@kreisnetz/shared/schemas/projects";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { adminUsersTitle, unitLabel } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "projects.title");

function statusParam(url: URL) {
  const value = url.searchParams.get("status");
  return PROJECT_STATUSES.find((s) => s === value);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const status = statusParam(new URL(request.url));
  const [projects, units] = await Promise.all([
    context.caller.projects.list(status ? { status, includeArchived: false } : undefined),
    context.caller.orgUnits.tree(),
  ]);
  return { status, projects, units, myUnitId: actor.unitId ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireActor(request, context);
  const form = await request.formData();
  if (formString(form, "intent") !== "create") throw new Response("Bad Request", { status: 400 });
  const { caller, locale } = context;
  let key = "";
  const result = await runAction(locale, async () => {
    const input = ZCreateProjectInput.parse({
      key: formString(form, "key"),
      title: formString(form, "title"),
      leadUnitId: formString(form, "leadUnitId") || undefined,
      unitIds: form.getAll("unitIds").filter((u) => typeof u === "string"),
      visibility: formString(form, "visibility") || undefined,
      startDate: formString(form, "startDate") || null,
      endDate: formString(form, "endDate") || null,
      templateKey: formString(form, "templateKey") || null,
    });
    const created = await caller.projects.create(input);
    key = created.key;
    return { id: created.id, key: created.key };
  });
  return "ok" in result && result.ok
    ? { ...result, message: translate(locale, "projectsUi.created", { key }) }
    : result;
}

export default function Projects() {
  const { status, projects, units, myUnitId } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(raw);
  const created = raw && "ok" in raw && raw.ok ? (raw.result as { id: string; key: string }) : undefined;
  const busy = useNavigation().state === "submitting";
  const captionId = useId();
  const formId = useId();
  const [formKey, setFormKey] = useState("new");
  if (created && created.id !== formKey) setFormKey(created.id);

  return (
    <div className="page projects">
      <h1>{t("projects.title")}</h1>
      <p className="lead">{t("projectsUi.intro")}</p>
      <p>
        <Link to="/projects/my-tasks">{t("projectsUi.myTasksLink")}</Link> ·{" "}
        <Link to="/projects/calendar">{t("calendar.title")}</Link>
      </p>

      {created && (
        <>
          <FormMessage success={raw && "message" in raw ? raw.message : undefined} />
          <p>
            <Link to={`/projects/${created.id}`}>{t("projectsUi.openProject", { key: created.key })}</Link>
          </p>
        </>
      )}

      <section className="card" aria-labelledby="filter-heading">
        <h2 id="filter-heading">{t("projectsUi.filterTitle")}</h2>
        <Form method="get" className="inline-form projects-filter">
          <SelectField label={t("projectsUi.statusFilter")} name="status" defaultValue={status ?? ""}>
            <option value="">{t("projectsUi.allStatuses")}</option>
            {PROJECT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`projects.status.${s}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t("projectsUi.filterSubmit")}
          </button>
        </Form>
      </section>

      <div className="card">
        {projects.length === 0 ? (
          <>
            <h2>{t("projectsUi.tableCaption", { count: formatNumber(0) })}</h2>
            <p>{t("projectsUi.noProjects")}</p>
          </>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table>
              <caption id={captionId}>{t("projectsUi.tableCaption", { count: formatNumber(projects.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("projectsUi.colKey")}</th>
                  <th scope="col">{t("projectsUi.colTitle")}</th>
                  <th scope="col">{t("projectsUi.colStatus")}</th>
                  <th scope="col">{t("projects.leadUnit")}</th>
                  <th scope="col">{t("projectsUi.colMyRole")}</th>
                  <th scope="col">{t("projectsUi.colOpenTasks")}</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <td>{p.key}</td>
                    <th scope="row">
                      <Link to={`/projects/${p.id}`}>{p.title}</Link>
                      {p.archivedAt && <div className="muted">{t("projects.archived")}</div>}
                    </th>
                    <td>{t(`projects.status.${p.status}`)}</td>
                    <td>
                      {p.leadUnit.name} ({p.leadUnit.code})
                    </td>
                    <td>{p.myRole ? t(`projects.role.${p.myRole}`) : t("projectsUi.noRole")}</td>
                    <td>{formatNumber(p.openTaskCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>

      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">{t("projectsUi.createTitle")}</h2>
        {!created && <FormMessage error={errors.message} />}
        <Form method="post" className="stack" noValidate key={formKey}>
          <input type="hidden" name="intent" value="create" />
          <Field
            label={t("projects.key")}
            name="key"
            hint={t("projects.keyHint")}
            autoComplete="off"
            required
            error={errors.fields.key}
          />
          <Field
            label={t("projectsUi.titleField")}
            name="title"
            autoComplete="off"
            required
            error={errors.fields.title}
          />
          <SelectField
            label={t("projects.leadUnit")}
            name="leadUnitId"
            required
            defaultValue={myUnitId}
            error={errors.fields.leadUnitId}
          >
            <option value="">{t("projectsUi.chooseUnit")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {unitLabel(u, locale)}
              </option>
            ))}
          </SelectField>
          <fieldset
            className="check-group"
            aria-describedby={[`${formId}-units-hint`, errors.fields.unitIds ? `${formId}-units-error` : ""]
              .filter(Boolean)
              .join(" ")}
            aria-invalid={errors.fields.unitIds ? true : undefined}
          >
            <legend>{t("projects.units")}</legend>
            <p className="hint" id={`${formId}-units-hint`}>
              {t("projectsUi.unitsHint")}
            </p>
            <div className="check-scroll">
              {units.map((u) => (
                <div className="check" key={u.id}>
                  <input type="checkbox" id={`${formId}-unit-${u.id}`} name="unitIds" value={u.id} />
                  <label htmlFor={`${formId}-unit-${u.id}`}>{unitLabel(u, locale)}</label>
                </div>
              ))}
            </div>
            {errors.fields.unitIds && (
              <p className="field-error" id={`${formId}-units-error`}>
                {errors.fields.unitIds}
              </p>
            )}
          </fieldset>
          <SelectField
            label={t("projects.template")}
            name="templateKey"
            defaultValue=""
            error={errors.fields.templateKey}
          >
            <option value="">{t("projects.template.none")}</option>
            {PROJECT_TEMPLATE_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`projects.template.${key}`)}
              </option>
            ))}
          </SelectField>
          <p className="hint">{t("projects.templateHint")}</p>
          <fieldset className="check-group">
            <legend>{t("projectsUi.visibility")}</legend>
            {PROJECT_VISIBILITIES.map((v) => (
              <div className="check" key={v}>
                <input
                  type="radio"
                  id={`${formId}-vis-${v}`}
                  name="visibility"
                  value={v}
                  defaultChecked={v === "ALL_STAFF"}
                />
                <label htmlFor={`${formId}-vis-${v}`}>{t(`projects.visibility.${v}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="date-pair">
            <Field label={t("projects.startDate")} name="startDate" type="date" error={errors.fields.startDate} />
            <Field label={t("projects.endDate")} name="endDate" type="date" error={errors.fields.endDate} />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            {t("projectsUi.createSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
