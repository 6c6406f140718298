import { redirect, type AppLoadContext } from "@remix-run/node";
import type { TActor } from "@kreisnetz/api/context";
import { SESSION_COOKIE, SESSION_TTL_MS } from "@kreisnetz/shared/session";
import { hasPermission, requiresTotp, type TPermission } from "@kreisnetz/shared/permissions";
import { serialize } from "cookie";

export function sessionCookie(token: string, context: AppLoadContext): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: context.secureCookies,
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(context: AppLoadContext): string {
  return serialize(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    secure: context.secureCookies,
    path: "/",
    maxAge: 0,
  });
}

/** Safe post-login target: only local paths, never another site. */
export function safeRedirectTarget(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return fallback;
  return value;
}

/**
 * Loader guard: a complete login, with set-up duties done (own password, TOTP
 * where the role requires it); otherwise redirects to login or to the profile.
 */
export function requireActor(request: Request, context: AppLoadContext): TActor {
  const { actor, session } = context;
  const url = new URL(request.url);
  if (!actor || !session) {
    const expired = context.staleSessionCookie ? "&expired=1" : "";
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}${expired}`, {
      headers: context.staleSessionCookie ? { "Set-Cookie": clearSessionCookie(context) } : {},
    });
  }
  if (!session.secondFactorOk) throw redirect("/login/totp");
  if (actor.mustChangePassword || (requiresTotp(actor.roles) && !actor.totpEnabled)) {
    if (!url.pathname.startsWith("/profile")) throw redirect("/profile");
  }
  return actor;
}

/** As requireActor, then a 403 page when the permission is missing (never a redirect loop). */
export function requirePermission(request: Request, context: AppLoadContext, permission: TPermission): TActor {
  const actor = requireActor(request, context);
  if (!hasPermission(actor.roles, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return actor;
}
