import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "@kreisnetz/shared/i18n";
import { LOCALE_COOKIE } from "@kreisnetz/shared/session";
import { serialize } from "cookie";
import { safeRedirectTarget } from "../lib/session.server.ts";

export async function loader() {
  return redirect("/");
}

/** Stores the chosen language in a cookie (and on the account, when logged in). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) throw new Response("Bad Request", { status: 400 });
  if (context.actor && context.session?.secondFactorOk) await context.caller.profile.setLocale({ locale });
  const cookie = serialize(LOCALE_COOKIE, locale, {
    path: "/",
    sameSite: "lax",
    maxAge: 365 * 24 * 3600,
    secure: context.secureCookies,
  });
  return redirect(safeRedirectTarget(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}
