import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { RichTextEditor } from "@kreisnetz/editor/editor";
import { ZUpdateArticleInput } from "@kreisnetz/shared/schemas/knowledge";
import { Field, FormMessage, errorsOf } from "../components/form.tsx";
import { PagePresence } from "../components/realtime.tsx";
import { isUuid } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { parseTags } from "../lib/knowledge.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/knowledge.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "knowledge.edit", data?.article.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const article = await context.caller.knowledge.get({ id: params.id });
    if (!article.canEdit) throw new Response("Forbidden", { status: 403 });
    return { article };
  } catch (error) {
    if (error instanceof Response) throw error;
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

function json(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const form = await request.formData();
  const titleDsb = formString(form, "titleDsb")?.trim();
  const result = await runAction(context.locale, async () => {
    const input = ZUpdateArticleInput.parse({
      id: params.id,
      version: Number(formString(form, "version")),
      title: formString(form, "title"),
      content: json(formString(form, "content")),
      tags: parseTags(formString(form, "tags")),
      titleDsb: titleDsb ? titleDsb : null,
      contentDsb: titleDsb ? json(formString(form, "contentDsb")) : null,
      reviewDueAt: formString(form, "reviewDueAt") || null,
    });
    await context.caller.knowledge.update(input);
  });
  if ("ok" in result && result.ok) return redirect(`/knowledge/a/${params.id}`);
  return result;
}

export default function EditArticle() {
  const { article } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  return (
    <div className="page knowledge">
      <p>
        <Link to={`/knowledge/a/${article.id}`}>{article.title}</Link>
      </p>
      <h1>{t("knowledge.edit")}</h1>
      {/* Being on the edit page is editing: others see "bearbeitet gerade"; no live reload here (version guard). */}
      <PagePresence page={{ type: "article", id: article.id }} editing />
      <FormMessage error={errors.message} />
      <Form method="post" className="stack-form card">
        <input type="hidden" name="version" value={article.version} />
        <Field
          label={t("knowledge.articleTitle")}
          name="title"
          defaultValue={article.title}
          required
          minLength={2}
          error={errors.fields.title}
        />
        <RichTextEditor
          name="content"
          label={t("knowledge.content")}
          initialJson={article.content}
          invalid={Boolean(errors.fields.content)}
        />
        {errors.fields.content && <p className="field-error">{errors.fields.content}</p>}
        <Field
          label={t("knowledge.tags")}
          name="tags"
          hint={t("knowledge.tagsHint")}
          defaultValue={article.tags.join(", ")}
          error={errors.fields.tags}
        />
        <Field
          label={t("knowledge.reviewDueAt")}
          name="reviewDueAt"
          type="date"
          defaultValue={article.reviewDueAt ?? ""}
          error={errors.fields.reviewDueAt}
        />
        <details open={Boolean(article.titleDsb)}>
          <summary>{t("knowledge.dsbVersion")}</summary>
          <Field label={t("knowledge.titleDsb")} name="titleDsb" defaultValue={article.titleDsb ?? ""} lang="dsb" />
          <RichTextEditor
            name="contentDsb"
            label={t("knowledge.contentDsb")}
            initialJson={article.contentDsb ?? undefined}
          />
        </details>
        <button type="submit" className="button">
          {t("knowledge.save")}
        </button>
      </Form>
    </div>
  );
}
