import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AppError } from "@kreisnetz/shared/errors";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { translate, type MessageKey } from "@kreisnetz/shared/i18n";
import { ZDissolveOrgUnitInput, ZMoveOrgUnitInput, ZRenameOrgUnitInput } from "@kreisnetz/shared/schemas/org-units";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { ancestorsOf, buildTree, flattenTree, indentedLabel, subtreeIds, unitName } from "../lib/org-units.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/admin-units.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "adminUnits.title", data?.unit.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:org-units");
  const units = await context.caller.orgUnits.tree({ includeDissolved: true });
  const unit = units.find((u) => u.id === params.id);
  if (!unit) throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  const excluded = subtreeIds(units, unit.id);
  return {
    unit,
    path: ancestorsOf(units, unit),
    children: units.filter((u) => u.parentId === unit.id),
    // Targets a move can take: open units outside the unit's own subtree (the server checks again).
    moveTargets: flattenTree(buildTree(units.filter((u) => !u.dissolvedAt && !excluded.has(u.id)))).map(
      ({ unit: target, depth }) => ({ target, depth }),
    ),
  };
}

type Intent = "rename" | "move" | "dissolve";
const DONE: Record<Intent, MessageKey> = {
  rename: "adminUnits.rename.done",
  move: "adminUnits.move.done",
  dissolve: "adminUnits.dissolve.done",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:org-units");
  const form = await request.formData();
  const intent = formString(form, "intent") as Intent | undefined;
  const { caller, locale } = context;
  const id = params.id;
  switch (intent) {
    case "rename":
      return runAction(
        locale,
        async () => {
          await caller.orgUnits.rename(
            ZRenameOrgUnitInput.parse({
              id,
              name: formString(form, "name"),
              // An emptied field removes the Sorbian name.
              nameDsb: formString(form, "nameDsb")?.trim() || null,
            }),
          );
          return { intent };
        },
        translate(locale, DONE[intent]),
      );
    case "move":
      return runAction(
        locale,
        async () => {
          await caller.orgUnits.move(ZMoveOrgUnitInput.parse({ id, parentId: formString(form, "parentId") }));
          return { intent };
        },
        translate(locale, DONE[intent]),
      );
    case "dissolve":
      return runAction(
        locale,
        async () => {
          if (formString(form, "confirm") !== "yes") {
            throw new AppError(
              "BAD_INPUT",
              "adminUnits.dissolve.confirmRequired",
              {},
              { confirm: "adminUnits.dissolve.confirmRequired" },
            );
          }
          await caller.orgUnits.dissolve(ZDissolveOrgUnitInput.parse({ id }));
          return { intent };
        },
        translate(locale, DONE[intent]),
      );
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function AdminUnit() {
  const { unit, path, children, moveTargets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(result);
  const busy = useNavigation().state === "submitting";
  const dissolved = Boolean(unit.dissolvedAt);

  return (
    <div className="page admin-units">
      <p className="back-link">
        <Link to="/admin/units">{t("adminUnits.backToList")}</Link>
      </p>
      <h1>
        {unitName(unit, locale)} <span className="unit-code">{unit.code}</span>
      </h1>
      <FormMessage error={errors.message} success={result && result.ok ? result.message : undefined} />

      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("adminUnits.overview")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("adminUnits.code")}</dt>
            <dd>
              <code>{unit.code}</code>
            </dd>
          </div>
          <div>
            <dt>{t("adminUnits.kind")}</dt>
            <dd>{t(`unitKind.${unit.kind}`)}</dd>
          </div>
          <div>
            <dt>{t("adminUnits.name")}</dt>
            <dd>{unit.name}</dd>
          </div>
          <div>
            <dt>{t("adminUnits.nameDsb")}</dt>
            <dd lang={unit.nameDsb ? "dsb" : undefined}>{unit.nameDsb ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("adminUnits.path")}</dt>
            <dd>
              {path.length === 0
                ? t("adminUnits.topLevel")
                : path.map((p, i) => (
                    <span key={p.id}>
                      {i > 0 && " › "}
                      <Link to={`/admin/units/${p.id}`}>{unitName(p, locale)}</Link>
                    </span>
                  ))}
            </dd>
          </div>
          <div>
            <dt>{t("adminUnits.memberCount")}</dt>
            <dd>{formatNumber(unit.activeMemberCount)}</dd>
          </div>
          {unit.dissolvedAt && (
            <div>
              <dt>{t("common.status")}</dt>
              <dd>
                <span className="badge">{t("adminUnits.dissolvedOn", { date: formatDate(unit.dissolvedAt) })}</span>
              </dd>
            </div>
          )}
        </dl>
        {children.length > 0 && (
          <>
            <h3>{t("adminUnits.children")}</h3>
            <ul className="plain-list">
              {children.map((c) => (
                <li key={c.id}>
                  <Link to={`/admin/units/${c.id}`}>{unitName(c, locale)}</Link> <code>{c.code}</code>
                  {c.dissolvedAt && <span className="badge">{t("adminUnits.dissolved")}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {dissolved ? (
        <p className="notice">{t("adminUnits.dissolve.already")}</p>
      ) : (
        <div className="units-actions">
          <section className="card" aria-labelledby="rename-heading">
            <h2 id="rename-heading">{t("adminUnits.rename.heading")}</h2>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="rename" />
              <Field
                label={t("adminUnits.name")}
                name="name"
                required
                maxLength={160}
                defaultValue={unit.name}
                error={errors.fields.name}
              />
              <Field
                label={t("adminUnits.nameDsb")}
                name="nameDsb"
                lang="dsb"
                maxLength={160}
                defaultValue={unit.nameDsb ?? ""}
                hint={t("adminUnits.nameDsbHint")}
                error={errors.fields.nameDsb}
              />
              <button type="submit" className="button" disabled={busy}>
                {t("adminUnits.rename.submit")}
              </button>
            </Form>
          </section>

          <section className="card" aria-labelledby="move-heading">
            <h2 id="move-heading">{t("adminUnits.move.heading")}</h2>
            <p>{t("adminUnits.move.intro")}</p>
            {moveTargets.length === 0 ? (
              <p>{t("adminUnits.move.noTargets")}</p>
            ) : (
              <Form method="post" className="stack" noValidate key={unit.parentId ?? "top"}>
                <input type="hidden" name="intent" value="move" />
                <SelectField
                  label={t("adminUnits.move.target")}
                  name="parentId"
                  required
                  defaultValue={unit.parentId ?? ""}
                  error={errors.fields.parentId}
                >
                  {!unit.parentId && <option value="">{t("adminUnits.choose")}</option>}
                  {moveTargets.map(({ target, depth }) => (
                    <option key={target.id} value={target.id}>
                      {indentedLabel(target, depth, locale)}
                    </option>
                  ))}
                </SelectField>
                <button type="submit" className="button" disabled={busy}>
                  {t("adminUnits.move.submit")}
                </button>
              </Form>
            )}
          </section>

          <section className="card" aria-labelledby="dissolve-heading">
            <h2 id="dissolve-heading">{t("adminUnits.dissolve.heading")}</h2>
            <p>{t("adminUnits.dissolve.intro")}</p>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="dissolve" />
              <div className="check">
                <input
                  type="checkbox"
                  id="dissolve-confirm"
                  name="confirm"
                  value="yes"
                  aria-invalid={errors.fields.confirm ? true : undefined}
                  aria-describedby={errors.fields.confirm ? "dissolve-confirm-error" : undefined}
                />
                <label htmlFor="dissolve-confirm">{t("adminUnits.dissolve.confirm")}</label>
              </div>
              {errors.fields.confirm && (
                <p className="field-error" id="dissolve-confirm-error">
                  {errors.fields.confirm}
                </p>
              )}
              <button type="submit" className="button danger" disabled={busy}>
                {t("adminUnits.dissolve.submit")}
              </button>
            </Form>
          </section>
        </div>
      )}
    </div>
  );
}
