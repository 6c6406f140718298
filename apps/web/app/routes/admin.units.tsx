import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { formatNumber } from "@kreisnetz/shared/format";
import type { TLocale, Translate } from "@kreisnetz/shared/i18n";
import { ORG_UNIT_KINDS, ZCreateOrgUnitInput } from "@kreisnetz/shared/schemas/org-units";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { buildTree, flattenTree, indentedLabel, unitName, type TUnitNode } from "../lib/org-units.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/admin-units.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "adminUnits.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:org-units");
  const includeDissolved = new URL(request.url).searchParams.get("dissolved") === "1";
  // The kinds travel with the data so the browser bundle does not pull in the zod schemas.
  return { includeDissolved, kinds: ORG_UNIT_KINDS, units: await context.caller.orgUnits.tree({ includeDissolved }) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:org-units");
  const form = await request.formData();
  if (formString(form, "intent") !== "create") throw new Response("Bad Request", { status: 400 });
  return runAction(context.locale, async () => {
    const input = ZCreateOrgUnitInput.parse({
      code: formString(form, "code"),
      name: formString(form, "name"),
      nameDsb: formString(form, "nameDsb")?.trim() || undefined,
      kind: formString(form, "kind") || undefined,
      parentId: formString(form, "parentId") || null,
    });
    const unit = await context.caller.orgUnits.create(input);
    return { id: unit.id, code: unit.code };
  });
}

type TUnit = Awaited<ReturnType<typeof loader>>["units"][number];

export default function AdminUnits() {
  const { units, kinds, includeDissolved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(result);
  const created = result && result.ok ? result.result : undefined;
  const busy = useNavigation().state === "submitting";
  // A fresh key after each creation empties the form; a failed attempt keeps what was typed.
  const [formKey, setFormKey] = useState("new");
  if (created && created.id !== formKey) setFormKey(created.id);
  const roots = buildTree(units);
  const parentOptions = flattenTree(buildTree(units.filter((u) => !u.dissolvedAt)));

  return (
    <div className="page admin-units">
      <h1>{t("adminUnits.title")}</h1>
      <p className="lead">{t("adminUnits.intro")}</p>
      <FormMessage error={errors.message} />
      {created && (
        <div className="notice notice-success" role="status">
          {t("adminUnits.create.done", { code: created.code })}{" "}
          <Link to={`/admin/units/${created.id}`}>{t("adminUnits.open")}</Link>
        </div>
      )}

      <div className="units-layout">
        <section className="card" aria-labelledby="tree-heading">
          <h2 id="tree-heading">{t("adminUnits.treeHeading")}</h2>
          <Form method="get" className="inline-form units-filter">
            <div className="check">
              <input type="checkbox" id="show-dissolved" name="dissolved" value="1" defaultChecked={includeDissolved} />
              <label htmlFor="show-dissolved">{t("adminUnits.showDissolved")}</label>
            </div>
            <button type="submit" className="button">
              {t("adminUnits.apply")}
            </button>
          </Form>
          {roots.length === 0 ? (
            <p>{t("adminUnits.empty")}</p>
          ) : (
            <UnitList nodes={roots} t={t} locale={locale} label={t("adminUnits.treeLabel")} />
          )}
        </section>

        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading">{t("adminUnits.create.heading")}</h2>
          <Form method="post" className="stack" noValidate key={formKey}>
            <input type="hidden" name="intent" value="create" />
            <Field
              label={t("adminUnits.code")}
              name="code"
              required
              autoComplete="off"
              maxLength={20}
              hint={t("adminUnits.codeHint")}
              error={errors.fields.code}
            />
            <Field label={t("adminUnits.name")} name="name" required maxLength={160} error={errors.fields.name} />
            <Field
              label={t("adminUnits.nameDsb")}
              name="nameDsb"
              lang="dsb"
              maxLength={160}
              hint={t("adminUnits.nameDsbHint")}
              error={errors.fields.nameDsb}
            />
            <SelectField label={t("adminUnits.kind")} name="kind" required defaultValue="" error={errors.fields.kind}>
              <option value="">{t("adminUnits.choose")}</option>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`unitKind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("adminUnits.parent")} name="parentId" defaultValue="" error={errors.fields.parentId}>
              <option value="">{t("adminUnits.noParent")}</option>
              {parentOptions.map(({ unit, depth }) => (
                <option key={unit.id} value={unit.id}>
                  {indentedLabel(unit, depth, locale)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button primary" disabled={busy}>
              {t("adminUnits.create.submit")}
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}

/** One level of the tree as a list; nested levels are lists inside the items, as screen readers expect. */
function UnitList({
  nodes,
  t,
  locale,
  label,
}: {
  nodes: TUnitNode<TUnit>[];
  t: Translate;
  locale: TLocale;
  label?: string;
}) {
  return (
    <ul className="unit-tree" aria-label={label}>
      {nodes.map((unit) => (
        <li key={unit.id} className={unit.dissolvedAt ? "unit dissolved" : "unit"}>
          <div className="unit-line">
            <Link to={`/admin/units/${unit.id}`} className="unit-name">
              {unitName(unit, locale)}
            </Link>
            <span className="unit-meta">
              <code className="unit-code">{unit.code}</code>
              <span>{t(`unitKind.${unit.kind}`)}</span>
              <span>{t("adminUnits.members", { count: formatNumber(unit.activeMemberCount) })}</span>
              {unit.dissolvedAt && <span className="badge">{t("adminUnits.dissolved")}</span>}
            </span>
          </div>
          {unit.children.length > 0 && <UnitList nodes={unit.children} t={t} locale={locale} />}
        </li>
      ))}
    </ul>
  );
}
