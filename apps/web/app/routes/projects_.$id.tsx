import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useState, type DragEvent } from "react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import { TASK_PRIORITIES, ZCreateTaskInput, ZMoveTaskInput } from "@kreisnetz/shared/schemas/projects";
import { Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { EditingWarning, PresenceAvatars } from "../components/realtime.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { useEditingSignal, useLiveRevalidate, usePagePresence, useRealtime } from "../lib/realtime.tsx";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "projects.title", data ? `${data.project.key} ${data.project.title}` : undefined);

/** Gap left between cards so a card can later be put between two without renumbering. */
const POSITION_STEP = 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const [project, board, overview] = await Promise.all([
      context.caller.projects.get({ id: params.id }),
      context.caller.tasks.board({ projectId: params.id }),
      context.caller.projects.overview({ id: params.id }),
    ]);
    return { project, board, overview };
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const projectId = params.id;
  const form = await request.formData();
  const intent = formString(form, "intent");
  const { caller, locale } = context;
  if (intent === "move") {
    let message = "";
    const result = await runAction(locale, async () => {
      const board = await caller.tasks.board({ projectId });
      const taskId = formString(form, "taskId");
      const stateId = formString(form, "stateId");
      const task = board.columns.flatMap((c) => c.tasks).find((c) => c.id === taskId);
      const column = board.columns.find((c) => c.id === stateId);
      // A card that is gone or a column of another project: let the API give its usual answer.
      const last = column?.tasks.filter((c) => c.id !== taskId).at(-1)?.position ?? 0;
      const moved = await caller.tasks.move(
        ZMoveTaskInput.parse({
          id: taskId,
          version: Number(formString(form, "version")),
          stateId,
          position: last + POSITION_STEP,
        }),
      );
      message = translate(locale, "projectsUi.moved", { key: task?.key ?? "", column: column?.name ?? "" });
      return { intent, id: moved.id };
    });
    return "ok" in result && result.ok ? { ...result, message } : result;
  }
  if (intent === "create-task") {
    let message = "";
    const result = await runAction(locale, async () => {
      const created = await caller.tasks.create(
        ZCreateTaskInput.parse({
          projectId,
          title: formString(form, "title"),
          stateId: formString(form, "stateId") || undefined,
          priority: formString(form, "priority") || undefined,
          assigneeIds: form.getAll("assigneeIds").filter((a) => typeof a === "string"),
          dueDate: formString(form, "dueDate") || null,
        }),
      );
      message = translate(locale, "projectsUi.taskCreated", { key: created.key });
      return { intent, id: created.id };
    });
    return "ok" in result && result.ok ? { ...result, message } : result;
  }
  throw new Response("Bad Request", { status: 400 });
}

type TResult = { ok: boolean; message?: string; result?: { intent: string; id: string } };

export default function ProjectDetail() {
  const { project, board, overview } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>() as TResult | undefined;
  const t = useT();
  const errors = errorsOf(raw);
  const navState = useNavigation().state;
  const busy = navState === "submitting";
  const submit = useSubmit();
  const formId = useId();
  const canEdit = !board.project.archived && (board.project.myRole === "MEMBER" || board.project.myRole === "LEAD");
  const assignable = project.members.filter((m) => m.role !== "GUEST");
  const [taskFormKey, setTaskFormKey] = useState("new");
  if (raw?.ok && raw.result?.intent === "create-task" && raw.result.id !== taskFormKey) {
    setTaskFormKey(raw.result.id);
  }
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // Live: who is here, and a refetch (through the loaders, so permissions apply) on every change.
  const { userId } = useRealtime();
  const { people } = usePagePresence({ type: "project", id: project.id });
  const liveUpdates = useLiveRevalidate((change) => change.projectId === project.id);
  const [editing, setEditing] = useState(false);
  useEditingSignal(editing);
  const movedId = raw?.ok && raw.result?.intent === "move" ? raw.result.id : null;
  // After a move the card is rendered in its new column: put focus back on it, so keyboard users keep their place.
  useEffect(() => {
    // Once the board has reloaded (the card is a new element in its new column).
    if (movedId && navState === "idle") document.getElementById(`card-${movedId}`)?.focus();
  }, [movedId, raw, navState]);
  const percent = Math.round(overview.progress.share * 100);

  const date = (value: string | null) => (value ? formatDate(`${value}T12:00:00Z`) : t("projectsUi.noDate"));

  // Mouse-only enhancement: dropping a card posts the same form the keyboard path uses.
  const onDrop = (event: DragEvent<HTMLElement>, stateId: string) => {
    event.preventDefault();
    setDropTarget(null);
    const [taskId, version] = event.dataTransfer.getData("text/plain").split(":");
    if (!taskId || !version) return;
    submit({ intent: "move", taskId, version, stateId }, { method: "post" });
  };

  return (
    <div className="page projects">
      <p>
        <Link to="/projects">{t("projectsUi.backToList")}</Link>
      </p>
      <h1>
        <span className="project-key">{project.key}</span> {project.title}
      </h1>
      <PresenceAvatars people={people} selfId={userId} />
      <EditingWarning people={people} selfId={userId} />

      <section className="card" aria-labelledby="overview-heading">
        <h2 id="overview-heading">{t("projectsUi.overviewTitle")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("projectsUi.colStatus")}</dt>
            <dd>
              {t(`projects.status.${project.status}`)}
              {project.archivedAt && <span className="muted"> ({t("projects.archived")})</span>}
            </dd>
          </div>
          <div>
            <dt>{t("projectsUi.visibility")}</dt>
            <dd>{t(`projects.visibility.${project.visibility}`)}</dd>
          </div>
          <div>
            <dt>{t("projects.startDate")}</dt>
            <dd>{date(project.startDate)}</dd>
          </div>
          <div>
            <dt>{t("projects.endDate")}</dt>
            <dd>{date(project.endDate)}</dd>
          </div>
          <div>
            <dt>{t("projects.leadUnit")}</dt>
            <dd>
              {project.leadUnit.name} ({project.leadUnit.code})
            </dd>
          </div>
          <div>
            <dt>{t("projects.units")}</dt>
            <dd>
              {project.units.length === 0
                ? t("projectsUi.noUnits")
                : project.units.map((u) => `${u.name} (${u.code})`).join(", ")}
            </dd>
          </div>
          <div>
            <dt>{t("projects.members")}</dt>
            <dd>
              <ul className="plain-list">
                {project.members.map((m) => (
                  <li key={m.userId}>
                    {m.name} – {t(`projects.role.${m.role}`)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        {!canEdit && <p className="muted">{t("projectsUi.readOnly")}</p>}
      </section>

      <nav className="project-nav" aria-label={t("projectsUi.sections")}>
        <ul>
          <li>
            <Link to={`/projects/${project.id}/list`}>{t("tasks.list")}</Link>
          </li>
          <li>
            <Link to={`/projects/${project.id}/milestones`}>{t("milestones.title")}</Link>
          </li>
          <li>
            <Link to={`/projects/${project.id}/meetings`}>{t("meetings.title")}</Link>
          </li>
          <li>
            <Link to="/projects/calendar">{t("calendar.title")}</Link>
          </li>
        </ul>
      </nav>

      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("projects.progress")}</h2>
        <p id="progress-text">
          {t("projects.progressValue", {
            percent: formatNumber(percent),
            done: formatNumber(overview.progress.done),
            total: formatNumber(overview.progress.total - overview.progress.cancelled),
          })}
        </p>
        <progress
          className="progress"
          max={100}
          value={percent}
          aria-labelledby="progress-heading"
          aria-describedby="progress-text"
        />
        {overview.overdueCount > 0 && (
          <p className="overdue-note">
            <strong>{t("projects.overdueCount", { count: formatNumber(overview.overdueCount) })}</strong>
          </p>
        )}
        <h3>{t("projects.upcoming")}</h3>
        {overview.upcoming.length === 0 && overview.milestones.length === 0 ? (
          <p className="muted">{t("projects.noUpcoming")}</p>
        ) : (
          <ul className="plain-list deadlines">
            {overview.upcoming.map((task) => (
              <li key={task.id} className={task.overdue ? "overdue" : undefined}>
                <span className="task-key">{task.key}</span> {task.title} – {date(task.dueDate)}
                {task.overdue && <strong className="overdue-badge"> {t("tasks.overdue")}</strong>}
              </li>
            ))}
            {overview.milestones
              .filter((m) => m.status !== "DONE")
              .slice(0, 3)
              .map((m) => (
                <li key={m.id} className={m.status === "LATE" ? "overdue" : undefined}>
                  {t("calendar.kind.MILESTONE")}: {m.title} – {date(m.dueDate)} ({t(`milestones.status.${m.status}`)})
                </li>
              ))}
          </ul>
        )}
        {overview.nextMeetings.length > 0 && (
          <>
            <h3>{t("projects.nextMeetings")}</h3>
            <ul className="plain-list">
              {overview.nextMeetings.map((m) => (
                <li key={m.id}>
                  <Link to={`/projects/${project.id}/meetings/${m.id}`}>{m.title}</Link> –{" "}
                  {formatDate(m.startsAt.toString())}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <FormMessage error={errors.message} />
      <div className="live-region" role="status" aria-live="polite" data-testid="board-live">
        {raw?.ok && raw.message ? <p className="notice notice-success">{raw.message}</p> : null}
      </div>

      <section aria-labelledby="board-heading">
        <h2 id="board-heading">{t("tasks.board")}</h2>
        <p className="visually-hidden" aria-live="polite">
          {liveUpdates > 0 ? t("realtime.boardUpdated") : ""}
        </p>
        {canEdit && <p className="hint board-hint">{t("projectsUi.dragHint")}</p>}
        <div className="board">
          {board.columns.map((column, columnIndex) => {
            const previous = board.columns[columnIndex - 1];
            const next = board.columns[columnIndex + 1];
            const headingId = `${formId}-col-${column.id}`;
            return (
              <section
                key={column.id}
                className={`board-column${dropTarget === column.id ? " drop-target" : ""}`}
                aria-labelledby={headingId}
                data-testid={`column-${column.name}`}
                onDragOver={
                  canEdit
                    ? (event) => {
                        event.preventDefault();
                        setDropTarget(column.id);
                      }
                    : undefined
                }
                onDragLeave={canEdit ? () => setDropTarget(null) : undefined}
                onDrop={canEdit ? (event) => onDrop(event, column.id) : undefined}
              >
                <h3 id={headingId}>
                  {column.name}{" "}
                  <span className="column-count">
                    ({t("projectsUi.columnCount", { count: formatNumber(column.tasks.length) })})
                  </span>
                </h3>
                {column.tasks.length === 0 ? (
                  <p className="muted">{t("projectsUi.emptyColumn")}</p>
                ) : (
                  <ul className="board-cards">
                    {column.tasks.map((task) => (
                      <li
                        key={task.id}
                        id={`card-${task.id}`}
                        tabIndex={-1}
                        className={`board-card${task.overdue ? " overdue" : ""}`}
                      >
                        <div
                          className="card-head"
                          draggable={canEdit}
                          onDragStart={
                            canEdit
                              ? (event) => {
                                  event.dataTransfer.setData("text/plain", `${task.id}:${task.version}`);
                                  event.dataTransfer.effectAllowed = "move";
                                }
                              : undefined
                          }
                        >
                          <span className="task-key">{task.key}</span>
                          <h4 className="task-title">
                            <Link to={`/projects/${project.id}/tasks/${task.id}`}>{task.title}</Link>
                          </h4>
                        </div>
                        {task.fromMeeting && (
                          <p className="task-meta">
                            <Link to={`/projects/${project.id}/meetings/${task.fromMeeting.id}`}>
                              {t("projectsUi.fromMinutes", { title: task.fromMeeting.title })}
                            </Link>
                          </p>
                        )}
                        <p className="task-meta">
                          {task.assignees.length > 0
                            ? task.assignees.map((a) => a.name).join(", ")
                            : t("projectsUi.unassigned")}
                        </p>
                        {task.dueDate && (
                          <p className="task-meta">
                            {t("projectsUi.due", { date: date(task.dueDate) })}
                            {task.overdue && <strong className="overdue-badge"> {t("tasks.overdue")}</strong>}
                          </p>
                        )}
                        {canEdit && (previous || next) && (
                          <div className="step-buttons">
                            {[previous, next].map((target, i) =>
                              target ? (
                                <Form method="post" key={target.id}>
                                  <input type="hidden" name="intent" value="move" />
                                  <input type="hidden" name="taskId" value={task.id} />
                                  <input type="hidden" name="version" value={task.version} />
                                  <input type="hidden" name="stateId" value={target.id} />
                                  <button
                                    type="submit"
                                    className="button"
                                    disabled={busy}
                                    aria-label={t("projectsUi.moveToLabel", { key: task.key, column: target.name })}
                                  >
                                    {i === 0
                                      ? t("projectsUi.movePrev", { column: target.name })
                                      : t("projectsUi.moveNext", { column: target.name })}
                                  </button>
                                </Form>
                              ) : null,
                            )}
                          </div>
                        )}
                        {canEdit && (
                          <Form
                            method="post"
                            className="move-form"
                            aria-label={t("projectsUi.moveLabel", { key: task.key })}
                          >
                            <input type="hidden" name="intent" value="move" />
                            <input type="hidden" name="taskId" value={task.id} />
                            <input type="hidden" name="version" value={task.version} />
                            <SelectField
                              label={t("projectsUi.moveStatus")}
                              name="stateId"
                              id={`${formId}-move-${task.id}`}
                              defaultValue={column.id}
                            >
                              {board.columns.map((c) => (
                                <option key={c.id} value={c.id}>
                                  {c.name}
                                </option>
                              ))}
                            </SelectField>
                            <button type="submit" className="button" disabled={busy}>
                              {t("projectsUi.moveSubmit")}
                            </button>
                          </Form>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      </section>

      {canEdit && (
        <section className="card" aria-labelledby="new-task-heading">
          <h2 id="new-task-heading">{t("projectsUi.newTask")}</h2>
          <Form
            method="post"
            className="stack"
            noValidate
            key={taskFormKey}
            onFocus={() => setEditing(true)}
            onBlur={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setEditing(false);
            }}
          >
            <input type="hidden" name="intent" value="create-task" />
            <Field
              label={t("projectsUi.taskTitle")}
              name="title"
              autoComplete="off"
              required
              error={errors.fields.title}
            />
            <SelectField
              label={t("projectsUi.column")}
              name="stateId"
              defaultValue={board.columns[0]?.id ?? ""}
              error={errors.fields.stateId}
            >
              {board.columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t("projectsUi.priority")}
              name="priority"
              defaultValue="NORMAL"
              error={errors.fields.priority}
            >
              {TASK_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`tasks.priority.${p}`)}
                </option>
              ))}
            </SelectField>
            <fieldset
              className="check-group"
              aria-invalid={errors.fields.assigneeIds ? true : undefined}
              aria-describedby={errors.fields.assigneeIds ? `${formId}-assignees-error` : undefined}
            >
              <legend>{t("tasks.assignees")}</legend>
              {assignable.length === 0 && <p className="hint">{t("projectsUi.noMembersToAssign")}</p>}
              {assignable.map((m) => (
                <div className="check" key={m.userId}>
                  <input type="checkbox" id={`${formId}-assignee-${m.userId}`} name="assigneeIds" value={m.userId} />
                  <label htmlFor={`${formId}-assignee-${m.userId}`}>{m.name}</label>
                </div>
              ))}
              {errors.fields.assigneeIds && (
                <p className="field-error" id={`${formId}-assignees-error`}>
                  {errors.fields.assigneeIds}
                </p>
              )}
            </fieldset>
            <Field label={t("tasks.dueDate")} name="dueDate" type="date" error={errors.fields.dueDate} />
            <button type="submit" className="button primary" disabled={busy}>
              {t("projectsUi.createTaskSubmit")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
