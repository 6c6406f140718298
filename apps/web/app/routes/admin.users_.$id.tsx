import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate, formatDateTime } from "@kreisnetz/shared/format";
import { translate, type MessageKey } from "@kreisnetz/shared/i18n";
import { ZUpdateUserInput } from "@kreisnetz/shared/schemas/users";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { InitialPasswordBox, RoleFieldset } from "../components/user-admin.tsx";
import { adminUsersTitle, isUuid, unitLabel } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/admin-users.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "adminUsers.detailTitle", data?.user.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = requirePermission(request, context, "manage:users");
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const [user, units] = await Promise.all([
      context.caller.users.get({ id: params.id }),
      context.caller.users.unitOptions(),
    ]);
    return { user, units, isSelf: actor.id === user.id };
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

type Intent = "update" | "deactivate" | "reactivate" | "reset-password";
const DONE: Record<Intent, MessageKey> = {
  update: "adminUsers.updated",
  deactivate: "adminUsers.deactivated",
  reactivate: "adminUsers.reactivated",
  "reset-password": "adminUsers.passwordReset",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:users");
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const id = params.id;
  const form = await request.formData();
  const intent = formString(form, "intent") as Intent | undefined;
  if (!intent || !Object.hasOwn(DONE, intent)) throw new Response("Bad Request", { status: 400 });
  const { caller, locale } = context;
  return runAction(
    locale,
    async (): Promise<{ intent: Intent; initialPassword?: string }> => {
      switch (intent) {
        case "update":
          await caller.users.update(
            ZUpdateUserInput.parse({
              id,
              name: formString(form, "name"),
              jobTitle: formString(form, "jobTitle")?.trim() || null,
              unitId: formString(form, "unitId") || undefined,
              roles: form.getAll("roles").filter((r) => typeof r === "string"),
            }),
          );
          return { intent };
        case "deactivate":
          await caller.users.deactivate({ id });
          return { intent };
        case "reactivate":
          await caller.users.reactivate({ id });
          return { intent };
        case "reset-password":
          return { intent, ...(await caller.users.resetPassword({ id })) };
      }
    },
    translate(locale, DONE[intent]),
  );
}

type TResult = { ok: boolean; message?: string; result?: { intent: Intent; initialPassword?: string } };

export default function AdminUser() {
  const { user, units, isSelf } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>() as TResult | undefined;
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(raw);
  const busy = useNavigation().state === "submitting";
  const initialPassword = raw?.ok ? raw.result?.initialPassword : undefined;
  // A dissolved current unit is not on offer any more, but must stay selectable to keep it.
  const unitChoices = units.some((u) => u.id === user.unit.id) ? units : [user.unit, ...units];
  const deactivated = Boolean(user.deactivatedAt);

  return (
    <div className="page admin-users">
      <p>
        <Link to="/admin/users">{t("adminUsers.backToList")}</Link>
      </p>
      <h1>{user.name}</h1>
      <FormMessage error={errors.message} success={raw?.ok ? raw.message : undefined} />
      {initialPassword && <InitialPasswordBox email={user.email} password={initialPassword} />}

      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("adminUsers.accountTitle")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("common.email")}</dt>
            <dd className="email">{user.email}</dd>
          </div>
          <div>
            <dt>{t("common.status")}</dt>
            <dd>
              {deactivated ? (
                <span className="status status-off">
                  {t("adminUsers.deactivatedSince", { date: formatDateTime(user.deactivatedAt!) })}
                </span>
              ) : (
                <span className="status status-ok">{t("adminUsers.statusActive")}</span>
              )}
              {user.mustChangePassword && <div className="muted">{t("adminUsers.statusInitialPassword")}</div>}
            </dd>
          </div>
          <div>
            <dt>{t("adminUsers.secondFactor")}</dt>
            <dd>{user.totpEnabled ? t("adminUsers.secondFactorOn") : t("adminUsers.secondFactorOff")}</dd>
          </div>
          <div>
            <dt>{t("common.created")}</dt>
            <dd>{formatDate(user.createdAt)}</dd>
          </div>
        </dl>
        {!isSelf && (
          <div className="actions">
            {deactivated ? (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="reactivate" />
                <button type="submit" className="button" disabled={busy}>
                  {t("adminUsers.reactivate")}
                </button>
              </Form>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="deactivate" />
                <p className="hint" id="deactivate-hint">
                  {t("adminUsers.deactivateExplain")}
                </p>
                <button type="submit" className="button danger" aria-describedby="deactivate-hint" disabled={busy}>
                  {t("adminUsers.deactivate")}
                </button>
              </Form>
            )}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="reset-password" />
              <p className="hint" id="reset-hint">
                {t("adminUsers.resetPasswordExplain")}
              </p>
              <button type="submit" className="button" aria-describedby="reset-hint" disabled={busy}>
                {t("adminUsers.resetPassword")}
              </button>
            </Form>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t("adminUsers.editTitle")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="update" />
          <Field
            label={t("common.name")}
            name="name"
            required
            autoComplete="off"
            defaultValue={user.name}
            error={errors.fields.name}
          />
          <Field
            label={t("adminUsers.jobTitle")}
            name="jobTitle"
            autoComplete="off"
            defaultValue={user.jobTitle ?? ""}
            error={errors.fields.jobTitle}
          />
          <SelectField
            label={t("common.unit")}
            name="unitId"
            id="unit-select"
            required
            defaultValue={user.unit.id}
            error={errors.fields.unitId}
            aria-describedby={errors.fields.unitId ? "unit-change-hint unit-select-error" : "unit-change-hint"}
          >
            {unitChoices.map((u) => (
              <option key={u.id} value={u.id}>
                {unitLabel(u, locale)}
              </option>
            ))}
          </SelectField>
          <p className="hint" id="unit-change-hint">
            {t("adminUsers.unitChangeHint")}
          </p>
          <RoleFieldset selected={user.roles} error={errors.fields.roles} />
          <button type="submit" className="button primary" disabled={busy}>
            {t("adminUsers.saveChanges")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("adminUsers.historyTitle")}</h2>
        <div className="table-wrap" role="region" aria-labelledby="history-caption" tabIndex={0}>
          <table>
            <caption id="history-caption">{t("adminUsers.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.unit")}</th>
                <th scope="col">{t("adminUsers.validFrom")}</th>
                <th scope="col">{t("adminUsers.validTo")}</th>
              </tr>
            </thead>
            <tbody>
              {user.memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{unitLabel(m.unit, locale)}</th>
                  <td>{formatDateTime(m.validFrom)}</td>
                  <td>{m.validTo ? formatDateTime(m.validTo) : t("adminUsers.current")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
