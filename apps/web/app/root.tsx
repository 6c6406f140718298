import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { translator, type MessageKey, type TLocale } from "@kreisnetz/shared/i18n";
import { hasPermission, type TPermission } from "@kreisnetz/shared/permissions";
import type { ReactNode } from "react";
import { ConnectionIndicator, NotificationLink } from "./components/realtime.tsx";
import { SearchBox } from "./components/search-box.tsx";
import { useT } from "./lib/i18n.ts";
import { RealtimeProvider } from "./lib/realtime.tsx";
import stylesHref from "./styles.css?url";
import searchStylesHref from "./styles/search.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "stylesheet", href: searchStylesHref },
];

export const meta: MetaFunction = () => [{ title: "Kreisnetz" }];

type NavItem = { to: string; label: MessageKey; permission?: TPermission };
const NAV: NavItem[] = [
  { to: "/", label: "nav.start" },
  { to: "/news", label: "nav.news" },
  { to: "/projects", label: "nav.projects" },
  { to: "/knowledge", label: "nav.knowledge" },
  { to: "/search", label: "nav.search" },
  { to: "/online", label: "realtime.navOnline" },
  { to: "/coop", label: "nav.coop", permission: "read:coop-index" },
  { to: "/admin", label: "nav.admin", permission: "manage:users" },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const { actor, session, locale, cspNonce } = context;
  const complete = Boolean(actor && session?.secondFactorOk);
  // The header badge; accounts with open set-up duties (new password, TOTP) are refused by tRPC: no badge then.
  const unread = complete
    ? await context.caller.notifications.unreadCount().then(
        (r) => r.count,
        () => 0,
      )
    : 0;
  return {
    locale,
    cspNonce,
    user: complete && actor ? { name: actor.name, roles: actor.roles, unread } : null,
  };
}

function Document({ children, locale, nonce }: { children: ReactNode; locale: TLocale; nonce?: string }) {
  return (
    <html lang={locale === "dsb" ? "dsb" : locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const t = useT();
  const user = data?.user;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="brand">
          <a href="/" className="brand-link">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </a>
        </div>
        {user && (
          <nav aria-label={t("nav.label")} className="main-nav">
            <ul>
              {NAV.filter((item) => !item.permission || hasPermission(user.roles, item.permission)).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {user && <SearchBox />}
        {user && (
          <nav aria-label={t("nav.userMenu")} className="user-nav">
            <ConnectionIndicator />
            <NotificationLink unread={user.unread} />
            <NavLink to="/profile">
              {t("nav.profile")}: {user.name}
            </NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="link-button">
                {t("nav.logout")}
              </button>
            </Form>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("app.demoData")}</p>
      </footer>
    </>
  );
}

export default function App() {
  const { locale, cspNonce, user } = useLoaderData<typeof loader>();
  return (
    <Document locale={locale} nonce={cspNonce}>
      <RealtimeProvider enabled={Boolean(user)}>
        <Shell>
          <Outlet />
        </Shell>
      </RealtimeProvider>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? "de";
  const t = translator(locale);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, text]: [MessageKey, MessageKey] =
    status === 404
      ? ["error.notFoundTitle", "error.notFoundText"]
      : status === 403
        ? ["error.forbiddenTitle", "error.forbiddenText"]
        : ["error.title", "error.text"];
  return (
    <Document locale={locale} nonce={data?.cspNonce}>
      <Shell>
        <div className="page error-page">
          <h1>{t(title)}</h1>
          <p>{t(text)}</p>
          <p>
            <a href="/">{t("error.toStart")}</a>
          </p>
        </div>
      </Shell>
    </Document>
  );
}
