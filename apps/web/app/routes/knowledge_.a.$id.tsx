import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import { AttachmentList } from "../components/attachment-list.tsx";
import { FormMessage, errorsOf } from "../components/form.tsx";
import { PagePresence } from "../components/realtime.tsx";
import { isUuid } from "../lib/admin-users.ts";
import { isMultipart, readUpload } from "../lib/attachments.server.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { verificationKey } from "../lib/knowledge.ts";
import { pageTitle } from "../lib/page-title.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/knowledge.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "knowledge.title", data?.article.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const [article, files] = await Promise.all([
      context.caller.knowledge.get({ id: params.id }),
      context.caller.knowledge.attachments({ id: params.id }),
    ]);
    return { article, files };
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const id = params.id;
  const { caller, locale } = context;
  const saved = translate(locale, "common.saved");
  if (isMultipart(request)) {
    const file = await readUpload(request, locale);
    if (!file.ok)
      return data({ ok: false as const, message: file.message, fieldErrors: { file: file.message } }, { status: 400 });
    return runAction(
      locale,
      () => caller.knowledge.uploadAttachment({ articleId: id, fileName: file.fileName, dataBase64: file.dataBase64 }),
      saved,
    );
  }
  const form = await request.formData();
  if (formString(form, "intent") === "attachment-delete") {
    const attachmentId = formString(form, "id") ?? "";
    if (!isUuid(attachmentId)) throw new Response("Bad Request", { status: 400 });
    return runAction(locale, () => caller.knowledge.deleteAttachment({ id: attachmentId }), saved);
  }
  return runAction(
    locale,
    () => caller.knowledge.verify({ id }).then(() => null),
    translate(locale, "knowledge.verification.verified"),
  );
}

export default function Article() {
  const { article, files } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  const locale = useLocale();
  const showDsb = locale === "dsb" && article.htmlDsb;
  return (
    <div className="page knowledge">
      <p>
        <Link to="/knowledge">{t("knowledge.title")}</Link> ›{" "}
        <Link to={`/knowledge/s/${article.space.key}`}>{article.space.name}</Link>
      </p>
      <article className="card knowledge-article" lang={showDsb ? "dsb" : undefined}>
        <h1>{showDsb && article.titleDsb ? article.titleDsb : article.title}</h1>
        <PagePresence
          page={{ type: "article", id: article.id }}
          live={(change) => change.objectType === "article" && change.objectId === article.id}
        />
        <p className="muted">
          {t(`knowledge.template.${article.template}`)} · {t("knowledge.owner")}: {article.owner.name} (
          {article.ownerUnit.name}) · {t("knowledge.version", { version: article.version })}
          {article.isDemo ? ` · ${t("knowledge.demo")}` : ""}
        </p>
        <p>
          <span className={`badge badge-${article.verification}`}>{t(verificationKey(article.verification))}</span>{" "}
          {article.verifiedAt && article.verifiedBy
            ? t("knowledge.verifiedBy", { date: formatDate(article.verifiedAt), name: article.verifiedBy.name })
            : null}
          {article.reviewDueAt ? ` · ${t("knowledge.reviewDueAt")}: ${formatDate(article.reviewDueAt)}` : ""}
        </p>
        {article.tags.length > 0 && (
          <ul className="tag-list" aria-label={t("knowledge.tags")}>
            {article.tags.map((tag) => (
              <li key={tag}>
                <Link to={`/search?tag=${encodeURIComponent(tag)}`}>{tag}</Link>
              </li>
            ))}
          </ul>
        )}
        <div
          className="rich-text"
          dangerouslySetInnerHTML={{ __html: showDsb && article.htmlDsb ? article.htmlDsb : article.html }}
        />
        {article.htmlDsb && !showDsb && (
          <details>
            <summary>{t("knowledge.dsbVersion")}</summary>
            <div lang="dsb">
              {article.titleDsb && <h2>{article.titleDsb}</h2>}
              <div className="rich-text" dangerouslySetInnerHTML={{ __html: article.htmlDsb }} />
            </div>
          </details>
        )}
      </article>
      <FormMessage error={errors.message} success={raw && "ok" in raw && raw.ok ? raw.message : undefined} />
      <p className="actions">
        {article.canEdit && (
          <Link className="button" to={`/knowledge/a/${article.id}/edit`}>
            {t("knowledge.edit")}
          </Link>
        )}{" "}
        <Link to={`/knowledge/a/${article.id}/history`}>{t("knowledge.history")}</Link>
      </p>
      {article.canVerify && (
        <Form method="post">
          <button type="submit" className="button">
            {t("knowledge.verify")}
          </button>
        </Form>
      )}
      <AttachmentList
        attachments={files.attachments}
        hrefFor={(fileId) => `/knowledge/attachments/${fileId}`}
        canUpload={files.canAttach}
        busy={busy}
        error={errors.fields.file}
        resetKey={String(files.attachments.length)}
      />
      <section aria-labelledby="backlinks-heading" className="card">
        <h2 id="backlinks-heading">{t("knowledge.backlinks")}</h2>
        {article.backlinks.length === 0 ? (
          <p>{t("knowledge.noBacklinks")}</p>
        ) : (
          <ul>
            {article.backlinks.map((b) => (
              <li key={b.id}>
                <Link to={`/knowledge/a/${b.id}`}>{b.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
