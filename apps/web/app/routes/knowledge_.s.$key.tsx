import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate } from "@kreisnetz/shared/format";
import { KNOWLEDGE_TEMPLATES, ZCreateArticleInput } from "@kreisnetz/shared/schemas/knowledge";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { parseTags, verificationKey } from "../lib/knowledge.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/knowledge.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "knowledge.title", data?.space.name);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  try {
    return { space: await context.caller.knowledge.space({ key: params.key ?? "" }) };
  } catch (error) {
    const code = describeError(error).code;
    if (code === "NOT_FOUND" || code === "BAD_INPUT") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  const form = await request.formData();
  let id = "";
  const result = await runAction(context.locale, async () => {
    const input = ZCreateArticleInput.parse({
      spaceKey: params.key,
      title: formString(form, "title"),
      template: formString(form, "template") || undefined,
      tags: parseTags(formString(form, "tags")),
    });
    id = (await context.caller.knowledge.create(input)).id;
  });
  if ("ok" in result && result.ok) return redirect(`/knowledge/a/${id}/edit`);
  return result;
}

export default function Space() {
  const { space } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  return (
    <div className="page knowledge">
      <p>
        <Link to="/knowledge">{t("knowledge.title")}</Link>
      </p>
      <h1>{space.name}</h1>
      {space.description && <p className="lead">{space.description}</p>}
      <section aria-labelledby="articles-heading" className="card">
        <h2 id="articles-heading">{t("knowledge.articleCount", { count: space.articles.length })}</h2>
        {space.articles.length === 0 ? (
          <p>{t("knowledge.noArticles")}</p>
        ) : (
          <ul className="article-list">
            {space.articles.map((a) => (
              <li key={a.id}>
                <Link to={`/knowledge/a/${a.id}`}>{a.title}</Link>{" "}
                <span className={`badge badge-${a.verification}`}>{t(verificationKey(a.verification))}</span>
                <span className="muted">
                  {" "}
                  · {t(`knowledge.template.${a.template}`)} · {a.owner.name} · {formatDate(a.updatedAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {space.canWrite && (
        <section aria-labelledby="new-heading" className="card">
          <h2 id="new-heading">{t("knowledge.newArticle")}</h2>
          <FormMessage error={errors.message} />
          <Form method="post" className="stack-form">
            <Field
              label={t("knowledge.articleTitle")}
              name="title"
              required
              minLength={2}
              error={errors.fields.title}
            />
            <SelectField label={t("knowledge.template")} name="template" defaultValue="ANLEITUNG">
              {KNOWLEDGE_TEMPLATES.map((tpl) => (
                <option key={tpl} value={tpl}>
                  {t(`knowledge.template.${tpl}`)}
                </option>
              ))}
            </SelectField>
            <Field label={t("knowledge.tags")} name="tags" hint={t("knowledge.tagsHint")} error={errors.fields.tags} />
            <button type="submit" className="button">
              {t("knowledge.newArticle")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
