import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDateTime } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import { FormMessage, errorsOf } from "../components/form.tsx";
import { isUuid } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/knowledge.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "knowledge.history", data?.history.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  try {
    const [history, article] = await Promise.all([
      context.caller.knowledge.history({ id: params.id }),
      context.caller.knowledge.get({ id: params.id }),
    ]);
    const to = Number(url.searchParams.get("to")) || null;
    const diff =
      to && to > 1 ? await context.caller.knowledge.diff({ id: params.id, from: to - 1, to }).catch(() => null) : null;
    return { history, canEdit: article.canEdit, diff };
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  const version = Number(formString(form, "version"));
  const id = params.id;
  return runAction(
    context.locale,
    () => context.caller.knowledge.restore({ id, version }).then(() => null),
    translate(context.locale, "knowledge.restored", { version }),
  );
}

export default function History() {
  const { history, canEdit, diff } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  return (
    <div className="page knowledge">
      <p>
        <Link to={`/knowledge/a/${history.id}`}>{history.title}</Link>
      </p>
      <h1>{t("knowledge.history")}</h1>
      <FormMessage error={errors.message} success={raw && "ok" in raw && raw.ok ? raw.message : undefined} />
      {diff && (
        <section aria-labelledby="diff-heading" className="card">
          <h2 id="diff-heading">{t("knowledge.diffTitle", { from: diff.from, to: diff.to })}</h2>
          <div className="diff">
            {[...diff.title, ...diff.lines].map((line, i) =>
              line.op === "added" ? (
                <ins key={i}>
                  <span className="visually-hidden">{t("knowledge.diff.added")}: </span>
                  {line.text}
                </ins>
              ) : line.op === "removed" ? (
                <del key={i}>
                  <span className="visually-hidden">{t("knowledge.diff.removed")}: </span>
                  {line.text}
                </del>
              ) : (
                <p key={i}>{line.text}</p>
              ),
            )}
          </div>
        </section>
      )}
      <ol className="version-list card" reversed>
        {history.versions.map((v) => (
          <li key={v.version}>
            <strong>{t("knowledge.version", { version: v.version })}</strong> · {v.title} ·{" "}
            {t("knowledge.by", { name: v.author.name })} · {formatDateTime(v.createdAt)}
            {v.version > 1 && (
              <>
                {" "}
                · <Link to={`?to=${v.version}`}>{t("knowledge.compare")}</Link>
              </>
            )}
            {canEdit && v.version !== history.version && (
              <Form method="post" className="inline">
                <input type="hidden" name="version" value={v.version} />
                <button type="submit" className="link-button">
                  {t("knowledge.restore")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
