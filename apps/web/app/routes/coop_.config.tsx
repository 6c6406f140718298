import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { translate } from "@kreisnetz/shared/i18n";
import { COOP_COMPONENT_IDS, ZConfigureInput } from "@kreisnetz/shared/schemas/coop-index";
import { Field, FormMessage, errorsOf } from "../components/form.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requirePermission } from "../lib/session.server.ts";
import stylesHref from "../styles/coop.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "coop.config.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "configure:coop-index");
  return { method: await context.caller.coopIndex.method() };
}

/** "0,5" and "0.5" both read as one half; empty or garbage stays NaN for the schema to refuse. */
function num(form: FormData, name: string): number {
  const value = formString(form, name)?.trim().replace(",", ".") ?? "";
  return value === "" ? Number.NaN : Number(value);
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePermission(request, context, "configure:coop-index");
  const form = await request.formData();
  const { caller, locale } = context;
  let version = 0;
  const result = await runAction(locale, async () => {
    const entries = (f: (id: (typeof COOP_COMPONENT_IDS)[number]) => unknown) =>
      Object.fromEntries(COOP_COMPONENT_IDS.map((id) => [id, f(id)]));
    const input = ZConfigureInput.parse({
      goalposts: entries((id) => ({ lower: num(form, `${id}.lower`), upper: num(form, `${id}.upper`) })),
      weights: entries((id) => num(form, `${id}.weight`)),
      k5Enabled: form.get("k5Enabled") === "on",
      reason: formString(form, "reason") ?? "",
    });
    version = (await caller.coopIndex.configure(input)).version;
    return { version };
  });
  return "ok" in result && result.ok
    ? { ...result, message: translate(locale, "coop.config.saved", { version }) }
    : result;
}

export default function CoopConfig() {
  const { method } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const success = raw && "ok" in raw && raw.ok && "message" in raw ? raw.message : undefined;
  return (
    <div className="page coop">
      <p>
        <Link to="/coop">{t("coop.title")}</Link>
      </p>
      <h1>{t("coop.config.title")}</h1>
      <p className="lead">{t("coop.config.intro")}</p>
      <p>{t("coop.methodVersion", { version: method.version })}</p>
      <FormMessage error={errors.message} success={success} />
      <Form method="post" className="card config-grid" key={success ?? "form"} noValidate>
        {COOP_COMPONENT_IDS.map((id) => (
          <fieldset key={id}>
            <legend>
              {id} {t(`coop.component.${id}`)}
            </legend>
            <Field
              label={t("coop.config.lower")}
              name={`${id}.lower`}
              inputMode="decimal"
              defaultValue={String(method.goalposts[id]?.lower ?? "")}
              error={errors.fields[`goalposts.${id}.lower`]}
            />
            <Field
              label={t("coop.config.upper")}
              name={`${id}.upper`}
              inputMode="decimal"
              defaultValue={String(method.goalposts[id]?.upper ?? "")}
              error={errors.fields[`goalposts.${id}.upper`]}
            />
            <Field
              label={t("coop.config.weight")}
              name={`${id}.weight`}
              inputMode="decimal"
              defaultValue={String(method.weights[id] ?? "")}
              error={errors.fields[`weights.${id}`]}
            />
          </fieldset>
        ))}
        <div className="check">
          <input type="checkbox" id="k5Enabled" name="k5Enabled" defaultChecked={method.k5Enabled} />
          <label htmlFor="k5Enabled">{t("coop.config.k5")}</label>
        </div>
        {errors.fields["weights"] && <p className="field-error">{errors.fields["weights"]}</p>}
        <Field label={t("coop.config.reason")} name="reason" required error={errors.fields["reason"]} />
        <button type="submit" className="button" disabled={busy}>
          {t("coop.config.save")}
        </button>
      </Form>
    </div>
  );
}
