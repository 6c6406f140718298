import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { LOCALES, translate } from "@kreisnetz/shared/i18n";
import { ZChangePasswordInput, ZSetLocaleInput, ZTotpCodeInput } from "@kreisnetz/shared/schemas/auth";
import { NOTIFICATION_KINDS, ZSetPreferencesInput } from "@kreisnetz/shared/schemas/notifications";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { NotificationSettings } from "../components/notification-settings.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/task-detail.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = () => [{ title: "Profil – Kreisnetz" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const { caller } = context;
  // Accounts with open set-up duties cannot use these yet (authedProcedure): the sections are left out then.
  const [profile, presence, settings] = await Promise.all([
    caller.profile.me(),
    caller.presence.visibility().catch(() => null),
    Promise.all([caller.notifications.preferences(), caller.calendar.status()]).then(
      ([prefs, calendar]) => ({ ...prefs, calendar }),
      () => null,
    ),
  ]);
  return { profile, presence, settings };
}

type Intent =
  | "locale"
  | "presence"
  | "password"
  | "totp-start"
  | "totp-confirm"
  | "totp-disable"
  | "recovery-regenerate"
  | "notification-preferences"
  | "calendar-regenerate"
  | "calendar-revoke";

export async function action({ request, context }: ActionFunctionArgs) {
  requireActor(request, context);
  const form = await request.formData();
  const intent = formString(form, "intent") as Intent | undefined;
  const { caller, locale } = context;
  const done = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  switch (intent) {
    case "locale": {
      const input = ZSetLocaleInput.safeParse({ locale: formString(form, "locale") });
      const next = input.success ? input.data.locale : locale;
      return runAction(
        next,
        async () => {
          await caller.profile.setLocale({ locale: formString(form, "locale") as never });
          return { intent };
        },
        translate(next, "common.saved"),
      );
    }
    case "presence":
      return runAction(
        locale,
        async () => {
          const choice = formString(form, "appearOffline");
          await caller.presence.setAppearOffline({
            appearOffline: choice === "hidden" ? true : choice === "visible" ? false : null,
          });
          return { intent };
        },
        done("common.saved"),
      );
    case "password":
      return runAction(
        locale,
        async () => {
          await caller.profile.changePassword(
            ZChangePasswordInput.parse({
              currentPassword: formString(form, "currentPassword"),
              newPassword: formString(form, "newPassword"),
              confirmPassword: formString(form, "confirmPassword"),
            }),
          );
          return { intent };
        },
        done("password.changed"),
      );
    case "totp-start":
      return runAction(locale, async () => ({ intent, enrolment: await caller.profile.startTotp() }));
    case "totp-confirm":
      return runAction(
        locale,
        async () => {
          const { code } = ZTotpCodeInput.parse({ code: formString(form, "code") });
          return { intent, ...(await caller.profile.confirmTotp({ code })) };
        },
        done("totp.enabled"),
      );
    case "totp-disable":
      return runAction(
        locale,
        async () => {
          await caller.profile.disableTotp({ password: formString(form, "password") ?? "" });
          return { intent };
        },
        done("totp.disabled"),
      );
    case "recovery-regenerate":
      return runAction(locale, async () => ({ intent, ...(await caller.profile.regenerateRecoveryCodes()) }));
    case "notification-preferences":
      return runAction(
        locale,
        async () => {
          const preferences = NOTIFICATION_KINDS.flatMap((kind) => {
            const channel = formString(form, `pref.${kind}`);
            return channel ? [{ kind, channel }] : [];
          });
          await caller.notifications.setPreferences(
            ZSetPreferencesInput.parse({ preferences, dailyDigest: formString(form, "dailyDigest") === "true" }),
          );
          return { intent };
        },
        done("notifications.saved"),
      );
    case "calendar-regenerate":
      return runAction(locale, async () => {
        const { path } = await caller.calendar.regenerate();
        return { intent, feedUrl: `${new URL(request.url).origin}${path}` };
      });
    case "calendar-revoke":
      return runAction(
        locale,
        async () => {
          await caller.calendar.revoke();
          return { intent };
        },
        done("calendar.revoked"),
      );
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

type ActionResult = {
  ok: boolean;
  message?: string;
  result?: {
    intent?: Intent;
    enrolment?: { secret: string; qrDataUrl: string };
    recoveryCodes?: string[];
    feedUrl?: string;
  };
};

export default function Profile() {
  const { profile, presence, settings } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const errors = errorsOf(raw);
  const result = raw?.ok ? raw.result : undefined;
  // Kept across a mistyped confirmation code, so the QR code does not vanish.
  const [pending, setPending] = useState<{ secret: string; qrDataUrl: string }>();
  useEffect(() => {
    if (result?.enrolment) setPending(result.enrolment);
    if (result?.recoveryCodes) setPending(undefined);
  }, [result]);
  const enrolment = result?.enrolment ?? (profile.totpEnabled ? undefined : pending);
  const recoveryCodes = result?.recoveryCodes;
  return (
    <div className="page">
      <h1>{t("nav.profile")}</h1>
      {profile.mustChangePassword && <FormMessage error={t("password.mustChange")} />}
      {profile.totpRequired && !profile.totpEnabled && <FormMessage error={t("totp.enrolRequired")} />}
      <FormMessage error={errors.message} success={raw?.ok ? raw.message : undefined} />

      <section className="card" aria-labelledby="me-heading">
        <h2 id="me-heading">{profile.name}</h2>
        <dl className="facts">
          <div>
            <dt>{t("common.email")}</dt>
            <dd>{profile.email}</dd>
          </div>
          <div>
            <dt>{t("common.unit")}</dt>
            <dd>{profile.unit.name}</dd>
          </div>
          <div>
            <dt>{t("common.roles")}</dt>
            <dd>{profile.roles.map((r) => t(`role.${r}`)).join(", ")}</dd>
          </div>
        </dl>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="locale" />
          <SelectField label={t("language.label")} name="locale" defaultValue={profile.locale}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {t("common.save")}
          </button>
        </Form>
      </section>

      {presence && (
        <section className="card" aria-labelledby="presence-heading">
          <h2 id="presence-heading">{t("realtime.presenceTitle")}</h2>
          <p>{t("realtime.presenceIntro")}</p>
          <p data-testid="presence-now">
            {t("realtime.presenceNow", {
              value: t(presence.appearOffline ? "realtime.presenceHidden" : "realtime.presenceVisible"),
            })}
          </p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="presence" />
            <SelectField
              label={t("realtime.presenceChoice")}
              name="appearOffline"
              defaultValue={presence.choice === null ? "default" : presence.choice ? "hidden" : "visible"}
            >
              <option value="default">
                {t("realtime.presenceDefault", {
                  value: t(presence.defaultAppearOffline ? "realtime.presenceHidden" : "realtime.presenceVisible"),
                })}
              </option>
              <option value="visible">{t("realtime.presenceVisible")}</option>
              <option value="hidden">{t("realtime.presenceHidden")}</option>
            </SelectField>
            <button type="submit" className="button">
              {t("realtime.presenceSave")}
            </button>
          </Form>
        </section>
      )}

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password.title")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("password.current")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={errors.fields.currentPassword}
          />
          <Field
            label={t("password.new")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            hint={t("password.rules")}
            error={errors.fields.newPassword}
          />
          <Field
            label={t("password.confirm")}
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            error={errors.fields.confirmPassword}
          />
          <button type="submit" className="button">
            {t("password.title")}
          </button>
        </Form>
      </section>

      <section className="card" aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t("totp.enrolTitle")}</h2>
        <p>{profile.totpEnabled ? t("totp.enabled") : t("totp.disabled")}</p>
        {profile.totpEnabled && <p>{t("totp.recoveryRemaining", { count: profile.unusedRecoveryCodes })}</p>}

        {recoveryCodes && (
          <div className="recovery" role="region" aria-labelledby="recovery-heading">
            <h3 id="recovery-heading">{t("totp.recoveryTitle")}</h3>
            <p>{t("totp.recoveryIntro")}</p>
            <ul className="codes" data-testid="recovery-codes">
              {recoveryCodes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
          </div>
        )}

        {!profile.totpEnabled && !enrolment && (
          <Form method="post">
            <input type="hidden" name="intent" value="totp-start" />
            <button type="submit" className="button primary">
              {t("totp.enrolTitle")}
            </button>
          </Form>
        )}

        {!profile.totpEnabled && enrolment && (
          <div className="stack">
            <p>{t("totp.enrolIntro")}</p>
            <img src={enrolment.qrDataUrl} alt={t("totp.qrAlt")} width={220} height={220} />
            <p>
              {t("totp.manualKey")}: <code data-testid="totp-secret">{enrolment.secret}</code>
            </p>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="totp-confirm" />
              <Field
                label={t("totp.code")}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                error={errors.fields.code}
              />
              <button type="submit" className="button primary">
                {t("totp.submit")}
              </button>
            </Form>
          </div>
        )}

        {profile.totpEnabled && (
          <div className="stack">
            <Form method="post">
              <input type="hidden" name="intent" value="recovery-regenerate" />
              <button type="submit" className="button">
                {t("totp.regenerate")}
              </button>
            </Form>
            {!profile.totpRequired && (
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="totp-disable" />
                <Field
                  label={t("password.current")}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  error={errors.fields.password}
                />
                <button type="submit" className="button danger">
                  {t("totp.disable")}
                </button>
              </Form>
            )}
          </div>
        )}
      </section>

      {settings && <NotificationSettings settings={settings} feedUrl={result?.feedUrl} />}
    </div>
  );
}
