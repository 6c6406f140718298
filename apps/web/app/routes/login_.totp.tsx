import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { ZTotpCodeInput } from "@kreisnetz/shared/schemas/auth";
import { Field, FormMessage, errorsOf } from "../components/form.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { safeRedirectTarget } from "../lib/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Zweiter Faktor – Kreisnetz" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.session) throw redirect("/login");
  if (context.session.secondFactorOk) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await runAction(context.locale, async () => {
    const { code } = ZTotpCodeInput.parse({ code: formString(form, "code") });
    await context.auth.completeSecondFactor(code);
  });
  if (!("ok" in result) || !result.ok) return result;
  return redirect(safeRedirectTarget(form.get("redirectTo")));
}

export default function SecondFactor() {
  const t = useT();
  const errors = errorsOf(useActionData<typeof action>());
  const [params] = useSearchParams();
  return (
    <div className="page narrow">
      <h1>{t("totp.title")}</h1>
      <p>{t("totp.intro")}</p>
      <FormMessage error={errors.message} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("totp.code")}
          name="code"
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          required
          error={errors.fields.code}
        />
        <button type="submit" className="button primary">
          {t("totp.submit")}
        </button>
      </Form>
    </div>
  );
}
