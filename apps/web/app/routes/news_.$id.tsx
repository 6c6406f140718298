import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate, formatDateTime } from "@kreisnetz/shared/format";
import type { TNewsReaction } from "@kreisnetz/shared/schemas/news";
import { Field, FormMessage, errorsOf } from "../components/form.tsx";
import { PagePresence } from "../components/realtime.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { toBerlinLocal } from "../lib/berlin-time.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { berlinField } from "../lib/news.server.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "news.title", data?.post.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const post = await context.caller.news.get({ id: params.id });
    if (post.shownStatus === "PUBLISHED") await context.caller.news.markRead({ id: params.id });
    const revisions = post.can.edit ? await context.caller.news.revisions({ id: params.id }) : [];
    return { post, revisions };
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const id = params.id;
  const form = await request.formData();
  const intent = formString(form, "intent");
  const { caller, locale } = context;
  const commentId = formString(form, "commentId") ?? "";
  return runAction(locale, async () => {
    switch (intent) {
      case "submit":
        return caller.news.submit({ id }).then(() => intent);
      case "approve":
        return caller.news.approve({ id }).then(() => intent);
      case "requestChanges":
        return caller.news.requestChanges({ id, note: formString(form, "note") ?? "" }).then(() => intent);
      case "schedule":
        return caller.news
          .schedule({
            id,
            publishAt: berlinField(form, "publishAt") as Date,
            unpublishAt: berlinField(form, "unpublishAt") as Date | null,
          })
          .then(() => intent);
      case "publish":
        return caller.news
          .publish({ id, unpublishAt: berlinField(form, "unpublishAt") as Date | null })
          .then(() => intent);
      case "archive":
        return caller.news.archive({ id }).then(() => intent);
      case "mustRead":
        return caller.news
          .setMustRead({ id, mustRead: true, deadline: berlinField(form, "deadline") as Date | null })
          .then(() => intent);
      case "mustReadOff":
        return caller.news.setMustRead({ id, mustRead: false, deadline: null }).then(() => intent);
      case "pin":
        return caller.news
          .setPinned({
            id,
            pinnedFrom: berlinField(form, "pinnedFrom") as Date | null,
            pinnedUntil: berlinField(form, "pinnedUntil") as Date | null,
          })
          .then(() => intent);
      case "acknowledge":
        return caller.news.acknowledge({ id }).then(() => intent);
      case "comment":
        return caller.news.addComment({ postId: id, body: formString(form, "body") ?? "" }).then(() => intent);
      case "editComment":
        return caller.news.editComment({ commentId, body: formString(form, "body") ?? "" }).then(() => intent);
      case "deleteComment":
        return caller.news.deleteComment({ commentId }).then(() => intent);
      case "moderateComment":
        return caller.news.moderateComment({ commentId }).then(() => intent);
      case "react":
        return caller.news
          .react({ postId: id, kind: formString(form, "kind") as TNewsReaction, on: formString(form, "on") === "1" })
          .then(() => intent);
      case "restore":
        return caller.news.restoreRevision({ id, version: Number(formString(form, "version")) }).then(() => intent);
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  });
}

const ACTION_LABEL = {
  submit: "news.action.submit",
  approve: "news.action.approve",
  publish: "news.action.publish",
  archive: "news.action.archive",
} as const;

export default function PostPage() {
  const { post, revisions } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  return (
    <div className="page news">
      <article aria-labelledby="post-title" lang={post.language}>
        <ul className="tags" aria-label={t("news.field.category")}>
          <li className="tag">{t(`news.kind.${post.kind}`)}</li>
          {post.shownStatus !== "PUBLISHED" && <li className="tag">{t(`news.status.${post.shownStatus}`)}</li>}
          {post.category && <li className="tag">{t(`news.category.${post.category}` as never)}</li>}
          {post.teamOfMonth && <li className="tag">{t("news.story.teamOfMonth")}</li>}
          {post.mustRead && <li className="tag must">{t("news.mustRead")}</li>}
        </ul>
        <h1 id="post-title">{post.title}</h1>
        <PagePresence
          page={{ type: "news", id: post.id }}
          live={(change) =>
            change.objectType === "news-comment" || (change.objectType === "news-post" && change.objectId === post.id)
          }
        />
        <p className="muted">
          {t("news.by", { name: post.author.name })}
          {post.publishedAt &&
            post.shownStatus === "PUBLISHED" &&
            ` · ${t("news.published", { date: formatDate(post.publishedAt) })}`}
          {post.shownStatus === "SCHEDULED" &&
            post.publishAt &&
            ` · ${t("news.scheduledFor", { date: formatDateTime(post.publishAt) })}`}
        </p>
        {post.teaser && <p className="lead">{post.teaser}</p>}
        {post.coverImage && (
          <img src={`/uploads/news/${post.coverImage.id}/large`} alt={post.coverImage.alt} className="cover" />
        )}
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
        {post.story && (
          <section aria-labelledby="story-heading" className="card">
            <h2 id="story-heading">{t("news.kind.STORY")}</h2>
            <dl>
              {post.story.situation && (
                <>
                  <dt>{t("news.field.storySituation")}</dt>
                  <dd>{post.story.situation}</dd>
                </>
              )}
              {post.story.solution && (
                <>
                  <dt>{t("news.field.storySolution")}</dt>
                  <dd>{post.story.solution}</dd>
                </>
              )}
              {post.story.result && (
                <>
                  <dt>{t("news.field.storyResult")}</dt>
                  <dd>{post.story.result}</dd>
                </>
              )}
              {post.story.units.length > 0 && (
                <>
                  <dt>{t("news.story.units")}</dt>
                  <dd>{post.story.units.map((u) => u.name).join(", ")}</dd>
                </>
              )}
              {post.story.contactUnit && (
                <>
                  <dt>{t("news.story.contact")}</dt>
                  <dd>{post.story.contactUnit.name}</dd>
                </>
              )}
            </dl>
            {post.story.project && (
              <p>
                <Link to={`/projects/${post.story.project.id}`}>
                  {t("news.story.project")}: {post.story.project.key} – {post.story.project.title}
                </Link>
              </p>
            )}
          </section>
        )}
      </article>

      <FormMessage error={errors.message} />

      {post.mustRead && post.can.interact && (
        <section className="must-read-banner" aria-labelledby="ack-heading">
          <h2 id="ack-heading">
            {post.mustReadDeadline
              ? t("news.mustReadUntil", { date: formatDateTime(post.mustReadDeadline) })
              : t("news.mustRead")}
          </h2>
          {post.acknowledged ? (
            <p role="status">{t("news.acknowledged")}</p>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="acknowledge" className="button primary">
                {t("news.acknowledge")}
              </button>
            </Form>
          )}
        </section>
      )}

      {post.can.interact && (
        <section aria-labelledby="reactions-heading">
          <h2 id="reactions-heading">{t("news.reactions")}</h2>
          <div className="reactions">
            {post.reactions.map((r) => (
              <Form method="post" key={r.kind}>
                <input type="hidden" name="kind" value={r.kind} />
                <input type="hidden" name="on" value={r.mine ? "0" : "1"} />
                <button type="submit" name="intent" value="react" className="button" aria-pressed={r.mine}>
                  {t(`news.reaction.${r.kind}`)} ({r.count})
                </button>
              </Form>
            ))}
          </div>
        </section>
      )}

      {(post.can.edit || post.actions.length > 0 || post.can.editorial) && (
        <section className="card" aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">{t("news.workflow")}</h2>
          <p>
            {t(`news.status.${post.status}`)}
            {post.reviewNote && ` – ${t("news.reviewNote", { note: post.reviewNote })}`}
          </p>
          <div className="actions-row">
            {post.can.edit && (
              <Link className="button" to={`/news/${post.id}/edit`}>
                {t("news.edit")}
              </Link>
            )}
            {post.actions
              .filter((a): a is keyof typeof ACTION_LABEL => a in ACTION_LABEL)
              .map((a) => (
                <Form method="post" key={a}>
                  <button
                    type="submit"
                    name="intent"
                    value={a}
                    className={a === "publish" ? "button primary" : "button"}
                  >
                    {t(ACTION_LABEL[a])}
                  </button>
                </Form>
              ))}
          </div>
          {post.actions.includes("requestChanges") && (
            <Form method="post" className="stack">
              <Field label={t("news.field.note")} name="note" error={errors.fields.note} />
              <button type="submit" name="intent" value="requestChanges" className="button">
                {t("news.action.requestChanges")}
              </button>
            </Form>
          )}
          {post.actions.includes("schedule") && (
            <Form method="post" className="actions-row">
              <Field
                label={t("news.field.publishAt")}
                name="publishAt"
                type="datetime-local"
                required
                defaultValue={toBerlinLocal(post.publishAt)}
                error={errors.fields.publishAt}
              />
              <Field
                label={t("news.field.unpublishAt")}
                name="unpublishAt"
                type="datetime-local"
                defaultValue={toBerlinLocal(post.unpublishAt)}
                error={errors.fields.unpublishAt}
              />
              <button type="submit" name="intent" value="schedule" className="button">
                {t("news.action.schedule")}
              </button>
            </Form>
          )}
          {post.can.editorial && post.status !== "ARCHIVED" && (
            <>
              <Form method="post" className="actions-row">
                <Field
                  label={t("news.field.mustReadDeadline")}
                  name="deadline"
                  type="datetime-local"
                  defaultValue={toBerlinLocal(post.mustReadDeadline)}
                  error={errors.fields.deadline}
                />
                <button type="submit" name="intent" value="mustRead" className="button">
                  {t("news.action.mustRead")}
                </button>
                {post.mustRead && (
                  <button type="submit" name="intent" value="mustReadOff" className="button">
                    {t("news.action.mustReadOff")}
                  </button>
                )}
              </Form>
              {post.mustRead && (
                <p>
                  <Link to={`/news/${post.id}/rates`}>{t("news.rates")}</Link>
                </p>
              )}
              <Form method="post" className="actions-row">
                <Field
                  label={t("news.field.pinnedFrom")}
                  name="pinnedFrom"
                  type="datetime-local"
                  defaultValue={toBerlinLocal(post.pinnedFrom)}
                />
                <Field
                  label={t("news.field.pinnedUntil")}
                  name="pinnedUntil"
                  type="datetime-local"
                  defaultValue={toBerlinLocal(post.pinnedUntil)}
                  error={errors.fields.pinnedUntil}
                />
                <button type="submit" name="intent" value="pin" className="button">
                  {t("news.action.pin")}
                </button>
              </Form>
            </>
          )}
          {revisions.length > 1 && (
            <>
              <h3>{t("news.revisions")}</h3>
              <ul className="plain-list">
                {revisions.map((r) => (
                  <li key={r.version}>
                    <Form method="post" className="actions-row">
                      <span>{t("news.revision", { version: r.version, date: formatDateTime(r.createdAt) })}</span>
                      <input type="hidden" name="version" value={r.version} />
                      {r.version !== post.version && (
                        <button type="submit" name="intent" value="restore" className="button">
                          {t("news.action.restore")}
                        </button>
                      )}
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      {(post.can.interact || post.comments.length > 0) && (
        <section aria-labelledby="comments-heading">
          <h2 id="comments-heading">{t("news.comments")}</h2>
          {post.comments.length === 0 && <p>{t("news.commentsEmpty")}</p>}
          {post.comments.map((c) => (
            <div className="comment" key={c.id}>
              <p className="muted">
                {c.author.name} · {formatDateTime(c.createdAt)}
                {c.editedAt && ` · ${t("news.comment.edited")}`}
              </p>
              {c.removed ? <p className="muted">{t("news.comment.removed")}</p> : <p>{c.body}</p>}
              {!c.removed && (c.mine || post.can.moderate) && (
                <div className="actions-row">
                  {c.mine && (
                    <Form method="post" className="actions-row">
                      <input type="hidden" name="commentId" value={c.id} />
                      <Field
                        label={t("news.comment.edit")}
                        name="body"
                        defaultValue={c.body ?? ""}
                        id={`edit-${c.id}`}
                      />
                      <button type="submit" name="intent" value="editComment" className="button">
                        {t("news.save")}
                      </button>
                      <button type="submit" name="intent" value="deleteComment" className="button danger">
                        {t("news.comment.delete")}
                      </button>
                    </Form>
                  )}
                  {!c.mine && post.can.moderate && (
                    <Form method="post">
                      <input type="hidden" name="commentId" value={c.id} />
                      <button type="submit" name="intent" value="moderateComment" className="button danger">
                        {t("news.comment.moderate")}
                      </button>
                    </Form>
                  )}
                </div>
              )}
            </div>
          ))}
          {post.can.interact && (
            <Form method="post" className="stack">
              <div className="field">
                <label htmlFor="comment-body">{t("news.comment.add")}</label>
                <textarea id="comment-body" name="body" rows={3} required />
              </div>
              <div>
                <button type="submit" name="intent" value="comment" className="button primary">
                  {t("news.comment.send")}
                </button>
              </div>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
