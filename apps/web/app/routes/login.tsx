import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ZLoginInput } from "@kreisnetz/shared/schemas/auth";
import { Field, FormMessage, errorsOf } from "../components/form.tsx";
import { LanguageSwitcher } from "../components/language-switcher.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { safeRedirectTarget, sessionCookie } from "../lib/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Anmelden – Kreisnetz" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.actor && context.session?.secondFactorOk) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const redirectTo = safeRedirectTarget(form.get("redirectTo"));
  const result = await runAction(context.locale, async () => {
    const input = ZLoginInput.parse({ email: formString(form, "email"), password: formString(form, "password") });
    return context.auth.login(input);
  });
  if (!("ok" in result) || !result.ok) return result;
  const target = result.result.needsSecondFactor
    ? `/login/totp?redirectTo=${encodeURIComponent(redirectTo)}`
    : redirectTo;
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(result.result.token, context) } });
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = errorsOf(result);
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      {params.get("loggedOut") && <FormMessage success={t("login.loggedOut")} />}
      {params.get("expired") && <FormMessage error={t("login.sessionExpired")} />}
      <FormMessage error={errors.message} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Field
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          error={errors.fields.email}
        />
        <Field
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fields.password}
        />
        <button type="submit" className="button primary" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <LanguageSwitcher />
    </div>
  );
}
