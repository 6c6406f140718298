import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "@kreisnetz/shared/format";
import { pageTitle } from "../lib/page-title.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/task-detail.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "notifications.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const unreadOnly = new URL(request.url).searchParams.get("filter") === "unread";
  const [items, unread] = await Promise.all([
    context.caller.notifications.list({ unreadOnly, limit: 100 }),
    context.caller.notifications.unreadCount(),
  ]);
  return { items, unread: unread.count };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireActor(request, context);
  const form = await request.formData();
  const intent = formString(form, "intent");
  const { caller, locale } = context;
  if (intent === "read") {
    return runAction(locale, () => caller.notifications.markRead({ id: formString(form, "id") ?? "" }));
  }
  if (intent === "read-all") return runAction(locale, () => caller.notifications.markAllRead());
  throw new Response("Bad Request", { status: 400 });
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const unreadOnly = params.get("filter") === "unread";
  return (
    <div className="page notifications-page">
      <h1>{t("notifications.title")}</h1>
      <nav aria-label={t("notifications.title")} className="row-actions">
        <Link to="/notifications" aria-current={!unreadOnly ? "page" : undefined}>
          {t("notifications.all")}
        </Link>{" "}
        |{" "}
        <Link to="/notifications?filter=unread" aria-current={unreadOnly ? "page" : undefined}>
          {t("notifications.unreadOnly")} ({unread})
        </Link>
      </nav>
      {unread > 0 && (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button" disabled={busy}>
            {t("notifications.markAllRead")}
          </button>
        </Form>
      )}
      {items.length === 0 ? (
        <p className="muted">{t("notifications.empty")}</p>
      ) : (
        <ul className="inbox">
          {items.map((n) => (
            <li key={n.id} className={n.read ? undefined : "unread"} data-kind={n.kind}>
              <div>
                <a href={n.url}>{n.text}</a>
                <p className="muted">
                  {formatDateTime(n.createdAt)}
                  {!n.read && ` – ${t("notifications.unread")}`}
                </p>
              </div>
              {!n.read && (
                <Form method="post">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="id" value={n.id} />
                  <button
                    type="submit"
                    className="button"
                    disabled={busy}
                    aria-label={`${t("notifications.markRead")}: ${n.text}`}
                  >
                    {t("notifications.markRead")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
