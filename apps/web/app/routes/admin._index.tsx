import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { translate } from "@kreisnetz/shared/i18n";
import { hasPermission } from "@kreisnetz/shared/permissions";
import { FormMessage, errorsOf } from "../components/form.tsx";
import { runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requirePermission } from "../lib/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Verwaltung – Kreisnetz" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requirePermission(request, context, "manage:users");
  const presenceDefault = hasPermission(actor.roles, "manage:settings")
    ? await context.caller.presence.defaultSetting()
    : null;
  return { presenceDefault };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "manage:settings");
  const form = await request.formData();
  const { caller, locale } = context;
  return runAction(
    locale,
    async () => caller.presence.setDefault({ appearOffline: form.get("appearOffline") === "on" }),
    translate(locale, "common.saved"),
  );
}

export default function AdminHome() {
  const { presenceDefault } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>() as { ok: boolean; message?: string } | undefined;
  const errors = errorsOf(raw);
  const t = useT();
  return (
    <div className="page">
      <h1>{t("admin.title")}</h1>
      <ul className="tiles">
        <li>
          <Link to="/admin/units">{t("admin.units")}</Link>
        </li>
        <li>
          <Link to="/admin/users">{t("admin.users")}</Link>
        </li>
        <li>
          <Link to="/admin/import">{t("admin.import")}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t("admin.audit")}</Link>
        </li>
      </ul>
      {presenceDefault && (
        <section className="card" aria-labelledby="presence-default-heading">
          <h2 id="presence-default-heading">{t("realtime.defaultTitle")}</h2>
          <p>{t("realtime.defaultIntro")}</p>
          <FormMessage error={errors.message} success={raw?.ok ? raw.message : undefined} />
          <Form method="post" className="stack">
            <div className="check">
              <input
                type="checkbox"
                id="presence-default"
                name="appearOffline"
                defaultChecked={presenceDefault.appearOffline}
              />
              <label htmlFor="presence-default">{t("realtime.defaultLabel")}</label>
            </div>
            <button type="submit" className="button">
              {t("realtime.defaultSave")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
