import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate, formatDateTime } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import {
  LABEL_TEXT_COLOR,
  ZAddChecklistItemInput,
  ZAddCommentInput,
  ZCreateLabelInput,
  ZEditCommentInput,
} from "@kreisnetz/shared/schemas/task-details";
import { TASK_PRIORITIES, ZUpdateTaskInput } from "@kreisnetz/shared/schemas/projects";
import { RichTextEditor } from "@kreisnetz/editor/editor";
import { AttachmentList } from "../components/attachment-list.tsx";
import { CheckGroup, Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { PagePresence } from "../components/realtime.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { isMultipart, readUpload } from "../lib/attachments.server.ts";
import { formString, isBlankRichText, jsonField, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { useEditingWithin } from "../lib/realtime.tsx";
import { requireActor } from "../lib/session.server.ts";
import projectsHref from "../styles/projects.css?url";
import stylesHref from "../styles/task-detail.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: projectsHref },
  { rel: "stylesheet", href: stylesHref },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data: loaded }) =>
  adminUsersTitle(matches, "tasks.title", loaded ? `${loaded.task.key} ${loaded.task.title}` : undefined);

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id) || !isUuid(params.taskId)) notFound();
  try {
    const [task, detail, project] = await Promise.all([
      context.caller.tasks.get({ id: params.taskId }),
      context.caller.taskDetails.get({ taskId: params.taskId }),
      context.caller.projects.get({ id: params.id }),
    ]);
    if (task.projectId !== params.id) notFound();
    return {
      task,
      detail,
      project: {
        states: project.states,
        units: [project.leadUnit, ...project.units.filter((u) => u.id !== project.leadUnit.id)],
        assignable: project.members.filter((m) => m.role !== "GUEST"),
      },
    };
  } catch (error) {
    if (error instanceof Response) throw error;
    if (describeError(error).code === "NOT_FOUND") notFound();
    throw error;
  }
}

async function upload(request: Request, context: ActionFunctionArgs["context"], taskId: string) {
  const { caller, locale } = context;
  const file = await readUpload(request, locale);
  if (!file.ok)
    return data({ ok: false as const, message: file.message, fieldErrors: { file: file.message } }, { status: 400 });
  return runAction(
    locale,
    async () => {
      await caller.taskDetails.uploadAttachment({ taskId, fileName: file.fileName, dataBase64: file.dataBase64 });
      return { intent: "upload" };
    },
    translate(locale, "common.saved"),
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id) || !isUuid(params.taskId)) notFound();
  const taskId = params.taskId;
  if (isMultipart(request)) {
    return upload(request, context, taskId);
  }
  const form = await request.formData();
  const intent = formString(form, "intent");
  const { caller, locale } = context;
  const id = formString(form, "id") ?? "";
  const saved = translate(locale, "common.saved");
  const ids = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const run = (work: () => Promise<unknown>) => runAction(locale, async () => ({ intent, value: await work() }), saved);
  switch (intent) {
    case "comment":
      return run(() =>
        caller.taskDetails.addComment(
          ZAddCommentInput.parse({ taskId, body: formString(form, "body"), mentionIds: ids("mentionIds") }),
        ),
      );
    case "comment-edit":
      return run(() =>
        caller.taskDetails.editComment(
          ZEditCommentInput.parse({ id, body: formString(form, "body"), mentionIds: ids("mentionIds") }),
        ),
      );
    case "comment-delete":
      return run(() => caller.taskDetails.deleteComment({ id }));
    case "task-update": {
      const description = jsonField(form, "description");
      return run(() =>
        caller.tasks.update(
          ZUpdateTaskInput.parse({
            id: taskId,
            version: Number(formString(form, "version")),
            title: formString(form, "title"),
            description: isBlankRichText(description) ? null : description,
            stateId: formString(form, "stateId") || undefined,
            priority: formString(form, "priority") || undefined,
            assigneeIds: ids("assigneeIds"),
            responsibleUnitId: formString(form, "responsibleUnitId") || null,
            startDate: formString(form, "startDate") || null,
            dueDate: formString(form, "dueDate") || null,
          }),
        ),
      );
    }
    case "check-add":
      return run(() =>
        caller.taskDetails.addChecklistItem(ZAddChecklistItemInput.parse({ taskId, text: formString(form, "text") })),
      );
    case "check-toggle":
      return run(() => caller.taskDetails.updateChecklistItem({ id, done: formString(form, "done") === "true" }));
    case "check-delete":
      return run(() => caller.taskDetails.deleteChecklistItem({ id }));
    case "check-move":
      return run(async () => {
        const order = (await caller.taskDetails.get({ taskId })).checklist.map((i) => i.id);
        const at = order.indexOf(id);
        const to = at + (formString(form, "direction") === "up" ? -1 : 1);
        if (at >= 0 && to >= 0 && to < order.length) [order[at], order[to]] = [order[to]!, order[at]!];
        return caller.taskDetails.reorderChecklist({ taskId, itemIds: order });
      });
    case "labels-set":
      return run(() =>
        caller.taskDetails.setTaskLabels({
          taskId,
          version: Number(formString(form, "version")),
          labelIds: ids("labelIds"),
        }),
      );
    case "label-create":
      return run(() =>
        caller.taskDetails.createLabel(
          ZCreateLabelInput.parse({
            projectId: params.id,
            name: formString(form, "name"),
            color: formString(form, "color"),
          }),
        ),
      );
    case "label-delete":
      return run(() => caller.taskDetails.deleteLabel({ id }));
    case "attachment-delete":
      return run(() => caller.taskDetails.deleteAttachment({ id }));
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function TaskDetail() {
  const { task, detail, project } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const t = useT();
  const errors = errorsOf(raw);
  const busy = useNavigation().state === "submitting";
  const formId = useId();
  const canEdit = detail.canEdit;
  const labelColor = new Map(detail.labels.map((l) => [l.name, l.color]));
  const doneCount = detail.checklist.filter((i) => i.done).length;
  const date = (value: string | null) => (value ? formatDate(`${value}T12:00:00Z`) : t("taskDetail.none"));
  const example = detail.members[0]?.name ?? "Name";
  const success = raw && "ok" in raw && raw.ok ? raw.message : undefined;
  // Forms start empty again after one's own successful save, not when a colleague's change arrives live.
  const [resetKey, setResetKey] = useState(0);
  useEffect(() => {
    if (raw && "ok" in raw && raw.ok) setResetKey((n) => n + 1);
  }, [raw]);
  const container = useRef<HTMLDivElement>(null);
  const editing = useEditingWithin(container);
  // The task form's field errors show next to its own fields only (the page has many forms).
  const [lastIntent, setLastIntent] = useState<string | null>(null);
  const taskErrors: Record<string, string | undefined> = lastIntent === "task-update" ? errors.fields : {};

  const mentionPicker = (selected: readonly string[] = []) => (
    <CheckGroup
      legend={t("comments.mention")}
      name="mentionIds"
      options={detail.members.map((m) => ({ value: m.id, label: m.name }))}
      checked={(id) => selected.includes(id)}
    />
  );

  return (
    <div className="page projects task-detail" ref={container}>
      <p>
        <Link to={`/projects/${task.projectId}`}>{t("taskDetail.back")}</Link>
      </p>
      <h1>
        <span className="project-key">{task.key}</span> {task.title}
      </h1>
      <PagePresence
        page={{ type: "task", id: task.id }}
        editing={editing}
        live={(change) => change.objectType === "task" && change.objectId === task.id}
      />
      <FormMessage error={errors.message} success={success} />

      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("taskDetail.details")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("taskDetail.status")}</dt>
            <dd>{task.state.name}</dd>
          </div>
          <div>
            <dt>{t("taskDetail.priority")}</dt>
            <dd>{t(`tasks.priority.${task.priority}`)}</dd>
          </div>
          <div>
            <dt>{t("tasks.dueDate")}</dt>
            <dd>
              {date(task.dueDate)}
              {task.overdue && <strong className="overdue-badge"> {t("tasks.overdue")}</strong>}
            </dd>
          </div>
          <div>
            <dt>{t("tasks.assignees")}</dt>
            <dd>{task.assignees.length ? task.assignees.map((a) => a.name).join(", ") : t("taskDetail.none")}</dd>
          </div>
          <div>
            <dt>{t("labels.title")}</dt>
            <dd>
              {task.labels.length === 0
                ? t("taskDetail.none")
                : task.labels.map((name) => (
                    <span
                      key={name}
                      className="label-chip"
                      style={{ background: labelColor.get(name) ?? "#374151", color: LABEL_TEXT_COLOR }}
                    >
                      {name}
                    </span>
                  ))}
            </dd>
          </div>
        </dl>
        <h3>{t("taskDetail.description")}</h3>
        {task.descriptionHtml ? (
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: task.descriptionHtml }} />
        ) : (
          <p className="muted">{t("taskDetail.none")}</p>
        )}
        {!canEdit && <p className="muted">{t("taskDetail.readOnly")}</p>}
        {canEdit && (
          <details className="task-edit" open={lastIntent === "task-update" && raw?.ok === false}>
            <summary>{t("taskDetail.edit")}</summary>
            <Form
              method="post"
              className="stack"
              noValidate
              key={`task-${task.version}`}
              onSubmit={() => setLastIntent("task-update")}
            >
              <input type="hidden" name="intent" value="task-update" />
              <input type="hidden" name="version" value={task.version} />
              <Field
                label={t("projectsUi.taskTitle")}
                name="title"
                required
                defaultValue={task.title}
                error={taskErrors.title}
              />
              <RichTextEditor
                name="description"
                label={t("taskDetail.description")}
                initialJson={task.description ?? undefined}
                invalid={Boolean(taskErrors.description)}
              />
              {taskErrors.description && <p className="field-error">{taskErrors.description}</p>}
              <SelectField
                label={t("taskDetail.status")}
                name="stateId"
                defaultValue={task.state.id}
                error={taskErrors.stateId}
              >
                {project.states.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t("taskDetail.priority")}
                name="priority"
                defaultValue={task.priority}
                error={taskErrors.priority}
              >
                {TASK_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`tasks.priority.${p}`)}
                  </option>
                ))}
              </SelectField>
              <CheckGroup
                legend={t("tasks.assignees")}
                name="assigneeIds"
                options={project.assignable.map((m) => ({ value: m.userId, label: m.name }))}
                checked={(id) => task.assignees.some((a) => a.id === id)}
                error={taskErrors.assigneeIds}
              />
              <SelectField
                label={t("tasks.responsibleUnit")}
                name="responsibleUnitId"
                defaultValue={task.responsibleUnitId ?? ""}
                error={taskErrors.responsibleUnitId}
              >
                <option value="">{t("taskDetail.noUnit")}</option>
                {project.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </SelectField>
              <Field
                label={t("tasks.startDate")}
                name="startDate"
                type="date"
                defaultValue={task.startDate ?? ""}
                error={taskErrors.startDate}
              />
              <Field
                label={t("tasks.dueDate")}
                name="dueDate"
                type="date"
                defaultValue={task.dueDate ?? ""}
                error={taskErrors.dueDate}
              />
              <button type="submit" className="button primary" disabled={busy}>
                {t("taskDetail.save")}
              </button>
            </Form>
          </details>
        )}
      </section>

      <section className="card" aria-labelledby="checklist-heading">
        <h2 id="checklist-heading">{t("checklist.title")}</h2>
        {detail.checklist.length === 0 ? (
          <p className="muted">{t("checklist.empty")}</p>
        ) : (
          <>
            <p>{t("checklist.progress", { done: doneCount, total: detail.checklist.length })}</p>
            <ul className="checklist">
              {detail.checklist.map((item, index) => (
                <li key={item.id}>
                  {canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="check-toggle" />
                      <input type="hidden" name="id" value={item.id} />
                      <input type="hidden" name="done" value={String(!item.done)} />
                      <button
                        type="submit"
                        className="button"
                        aria-pressed={item.done}
                        aria-label={t("checklist.done", { text: item.text })}
                        disabled={busy}
                      >
                        {item.done ? "☑" : "☐"}
                      </button>
                    </Form>
                  ) : (
                    <span aria-hidden="true">{item.done ? "☑" : "☐"}</span>
                  )}
                  <span className={item.done ? "done-text" : undefined}>
                    {item.text}
                    {item.done && <span className="visually-hidden"> ({t("tasks.group.DONE")})</span>}
                  </span>
                  {canEdit && (
                    <span className="row-actions">
                      {(["up", "down"] as const).map((direction) =>
                        (direction === "up" ? index > 0 : index < detail.checklist.length - 1) ? (
                          <Form method="post" key={direction}>
                            <input type="hidden" name="intent" value="check-move" />
                            <input type="hidden" name="id" value={item.id} />
                            <input type="hidden" name="direction" value={direction} />
                            <button
                              type="submit"
                              className="button"
                              disabled={busy}
                              aria-label={t(direction === "up" ? "checklist.up" : "checklist.down", {
                                text: item.text,
                              })}
                            >
                              {direction === "up" ? "↑" : "↓"}
                            </button>
                          </Form>
                        ) : null,
                      )}
                      <Form method="post">
                        <input type="hidden" name="intent" value="check-delete" />
                        <input type="hidden" name="id" value={item.id} />
                        <button
                          type="submit"
                          className="button"
                          disabled={busy}
                          aria-label={t("checklist.remove", { text: item.text })}
                        >
                          ✕
                        </button>
                      </Form>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {canEdit && (
          <Form method="post" className="stack" key={`check-${resetKey}`}>
            <input type="hidden" name="intent" value="check-add" />
            <Field label={t("checklist.new")} name="text" autoComplete="off" required error={errors.fields.text} />
            <button type="submit" className="button" disabled={busy}>
              {t("checklist.add")}
            </button>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="labels-heading">
        <h2 id="labels-heading">{t("labels.title")}</h2>
        {canEdit && detail.labels.length > 0 && (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="labels-set" />
            <input type="hidden" name="version" value={task.version} />
            <fieldset className="check-group">
              <legend>{t("labels.catalog")}</legend>
              {detail.labels.map((label) => (
                <div className="check" key={label.id}>
                  <input
                    type="checkbox"
                    id={`${formId}-label-${label.id}`}
                    name="labelIds"
                    value={label.id}
                    defaultChecked={task.labels.includes(label.name)}
                  />
                  <label htmlFor={`${formId}-label-${label.id}`}>
                    <span className="label-chip" style={{ background: label.color, color: LABEL_TEXT_COLOR }}>
                      {label.name}
                    </span>
                  </label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="button" disabled={busy}>
              {t("labels.apply")}
            </button>
          </Form>
        )}
        {canEdit && (
          <>
            <ul className="plain-list">
              {detail.labels.map((label) => (
                <li key={label.id} className="row-actions">
                  <span className="label-chip" style={{ background: label.color, color: LABEL_TEXT_COLOR }}>
                    {label.name}
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="label-delete" />
                    <input type="hidden" name="id" value={label.id} />
                    <button
                      type="submit"
                      className="button"
                      disabled={busy}
                      aria-label={t("labels.delete", { name: label.name })}
                    >
                      ✕
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            <Form method="post" className="stack" key={`label-${resetKey}`} noValidate>
              <input type="hidden" name="intent" value="label-create" />
              <Field label={t("labels.name")} name="name" autoComplete="off" required error={errors.fields.name} />
              <Field
                label={t("labels.color")}
                name="color"
                type="color"
                defaultValue="#1d4ed8"
                error={errors.fields.color}
              />
              <button type="submit" className="button" disabled={busy}>
                {t("labels.create")}
              </button>
            </Form>
          </>
        )}
      </section>

      <AttachmentList
        attachments={detail.attachments}
        hrefFor={(id) => `/attachments/${id}`}
        canUpload={canEdit}
        busy={busy}
        error={errors.fields.file}
        resetKey={resetKey}
      />

      <section className="card" aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t("comments.title")}</h2>
        {detail.comments.length === 0 ? (
          <p className="muted">{t("comments.empty")}</p>
        ) : (
          <ol className="comment-list">
            {detail.comments.map((c) => (
              <li key={c.id} id={`comment-${c.id}`} className="comment">
                <p className="muted">
                  <strong>{c.author.name}</strong>, {formatDateTime(c.createdAt)}
                  {c.editedAt && ` (${t("comments.edited")})`}
                </p>
                <p className="comment-body">{c.body}</p>
                {c.mentions.length > 0 && (
                  <p className="muted">{t("comments.mentions", { names: c.mentions.map((m) => m.name).join(", ") })}</p>
                )}
                {c.canEdit && (
                  <div className="row-actions">
                    <details>
                      <summary>{t("comments.edit")}</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="comment-edit" />
                        <input type="hidden" name="id" value={c.id} />
                        <div className="field">
                          <label htmlFor={`${formId}-edit-${c.id}`}>{t("comments.edit")}</label>
                          <textarea id={`${formId}-edit-${c.id}`} name="body" defaultValue={c.body} required />
                        </div>
                        {mentionPicker(c.mentions.map((m) => m.id))}
                        <button type="submit" className="button" disabled={busy}>
                          {t("comments.save")}
                        </button>
                      </Form>
                    </details>
                    <Form method="post">
                      <input type="hidden" name="intent" value="comment-delete" />
                      <input type="hidden" name="id" value={c.id} />
                      <button type="submit" className="button" disabled={busy}>
                        {t("comments.delete")}
                      </button>
                    </Form>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        {canEdit && (
          <Form method="post" className="stack" key={`comment-${resetKey}`}>
            <input type="hidden" name="intent" value="comment" />
            <div className="field">
              <label htmlFor={`${formId}-comment`}>{t("comments.new")}</label>
              <p className="hint" id={`${formId}-comment-hint`}>
                {t("comments.hint", { example })}
              </p>
              <textarea
                id={`${formId}-comment`}
                name="body"
                required
                aria-describedby={`${formId}-comment-hint${errors.fields.body ? ` ${formId}-comment-error` : ""}`}
                aria-invalid={errors.fields.body ? true : undefined}
              />
              {errors.fields.body && (
                <p className="field-error" id={`${formId}-comment-error`}>
                  {errors.fields.body}
                </p>
              )}
            </div>
            {mentionPicker()}
            {errors.fields.mentionIds && <p className="field-error">{errors.fields.mentionIds}</p>}
            <button type="submit" className="button primary" disabled={busy}>
              {t("comments.submit")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}
