import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { NewsList } from "../components/news-list.tsx";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.reviewQueue");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  try {
    return { items: await context.caller.news.reviewQueue() };
  } catch (error) {
    if (describeError(error).code === "FORBIDDEN") throw new Response("Forbidden", { status: 403 });
    throw error;
  }
}

export default function ReviewQueue() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page news">
      <h1>{t("news.reviewQueue")}</h1>
      {items.length === 0 ? <p>{t("news.reviewQueueEmpty")}</p> : <NewsList items={items} showStatus />}
    </div>
  );
}
