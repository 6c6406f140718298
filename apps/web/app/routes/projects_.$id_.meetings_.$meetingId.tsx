import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { describeError } from "@kreisnetz/api/errors";
import type { TCaller } from "@kreisnetz/api/router";
import { formatDate, formatDateTime } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import {
  ZAddActionItemInput,
  ZAddAgendaItemInput,
  ZMoveAgendaItemInput,
  ZUpdateAgendaItemInput,
  ZUpdateMeetingInput,
} from "@kreisnetz/shared/schemas/meetings";
import { CheckGroup, Field, FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { MeetingFields, meetingFieldsOf } from "../components/meeting-fields.tsx";
import { PagePresence } from "../components/realtime.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { useEditingWithin } from "../lib/realtime.tsx";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "meetings.minutes", data ? data.meeting.title : undefined);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id) || !isUuid(params.meetingId)) throw new Response("Not Found", { status: 404 });
  try {
    const [project, meeting] = await Promise.all([
      context.caller.projects.get({ id: params.id }),
      context.caller.meetings.get({ id: params.meetingId }),
    ]);
    if (meeting.projectId !== project.id) throw new Response("Not Found", { status: 404 });
    return { project, meeting };
  } catch (error) {
    if (error instanceof Response) throw error;
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

type TMeeting = Awaited<ReturnType<TCaller["meetings"]["get"]>>;

const optionalNumber = (value: string | undefined) => (value ? Number(value) : null);

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.meetingId)) throw new Response("Not Found", { status: 404 });
  const meetingId = params.meetingId;
  const form = await request.formData();
  const intent = formString(form, "intent");
  const version = Number(formString(form, "version"));
  const { caller, locale } = context;
  const ref = { meetingId, version };
  let message = translate(locale, "meetings.saved");
  const result = await runAction(locale, async () => {
    const done = (meeting: TMeeting) => ({ intent, itemId: formString(form, "itemId") ?? null, meeting });
    switch (intent) {
      case "add-item":
        return done(
          await caller.meetings.addAgendaItem(
            ZAddAgendaItemInput.parse({
              ...ref,
              title: formString(form, "title"),
              durationMinutes: optionalNumber(formString(form, "durationMinutes")),
            }),
          ),
        );
      case "update-item":
        return done(
          await caller.meetings.updateAgendaItem(
            ZUpdateAgendaItemInput.parse({
              ...ref,
              itemId: formString(form, "itemId"),
              notes: formString(form, "notes") ?? "",
              decision: formString(form, "decision") || null,
            }),
          ),
        );
      case "remove-item":
        return done(await caller.meetings.removeAgendaItem({ ...ref, itemId: formString(form, "itemId") ?? "" }));
      case "move": {
        const itemId = formString(form, "itemId") ?? "";
        const moved = await caller.meetings.move(
          ZMoveAgendaItemInput.parse({ ...ref, itemId, toIndex: Number(formString(form, "toIndex")) }),
        );
        const index = moved.agendaItems.findIndex((a) => a.id === itemId);
        message = translate(locale, "meetings.moved", {
          title: moved.agendaItems[index]?.title ?? "",
          position: index + 1,
          count: moved.agendaItems.length,
        });
        return done(moved);
      }
      case "add-action":
        return done(
          await caller.meetings.addActionItem(
            ZAddActionItemInput.parse({
              ...ref,
              title: formString(form, "title"),
              agendaItemId: formString(form, "agendaItemId") || null,
              ownerId: formString(form, "ownerId") || null,
              dueDate: formString(form, "dueDate") || null,
            }),
          ),
        );
      case "remove-action":
        return done(
          await caller.meetings.removeActionItem({ ...ref, actionItemId: formString(form, "actionItemId") ?? "" }),
        );
      case "make-task": {
        const after = await caller.meetings.createTask({
          ...ref,
          actionItemId: formString(form, "actionItemId") ?? "",
        });
        const task = after.actionItems.find((a) => a.id === formString(form, "actionItemId"))?.task;
        message = translate(locale, "projectsUi.taskCreated", { key: task?.key ?? "" });
        return done(after);
      }
      case "attendance":
        return done(
          await caller.meetings.recordAttendance({
            ...ref,
            attendeeIds: form.getAll("attendeeIds").filter((v) => typeof v === "string"),
          }),
        );
      case "header":
        return done(await caller.meetings.update(ZUpdateMeetingInput.parse({ ...ref, ...meetingFieldsOf(form) })));
      case "approve":
        return done(await caller.meetings.approve(ref));
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  });
  return "ok" in result && result.ok ? { ...result, message } : result;
}

type TResult = { ok: boolean; message?: string; result?: { intent: string; itemId: string | null; meeting: TMeeting } };

export default function MeetingMinutes() {
  const { project, meeting: loaded } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>() as TResult | undefined;
  // The action answers with the minutes as written: use them until the reload has caught up.
  const fromAction = raw?.ok ? raw.result?.meeting : undefined;
  const meeting =
    fromAction && fromAction.id === loaded.id && fromAction.version > loaded.version ? fromAction : loaded;
  const errors = errorsOf(raw);
  const t = useT();
  const navState = useNavigation().state;
  const busy = navState === "submitting";
  const submit = useSubmit();
  const formId = useId();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // The header form's field errors show next to its own fields only.
  const [lastIntent, setLastIntent] = useState<string | null>(null);
  const editable = meeting.canEdit;
  const assignable = project.members.filter((m) => m.role !== "GUEST");
  const movedId = raw?.ok && raw.result?.intent === "move" ? raw.result.itemId : null;
  useEffect(() => {
    if (movedId && navState === "idle") document.getElementById(`item-${movedId}`)?.focus();
  }, [movedId, raw, navState]);
  const container = useRef<HTMLDivElement>(null);
  const editing = useEditingWithin(container);
  const version = <input type="hidden" name="version" value={meeting.version} />;
  const count = meeting.agendaItems.length;

  const onDrop = (event: DragEvent<HTMLElement>, toIndex: number) => {
    event.preventDefault();
    setDropTarget(null);
    const itemId = event.dataTransfer.getData("text/plain");
    if (!itemId) return;
    submit({ intent: "move", itemId, toIndex: String(toIndex), version: String(meeting.version) }, { method: "post" });
  };

  return (
    <div className="page projects minutes" ref={container}>
      <p className="no-print">
        <Link to={`/projects/${project.id}/meetings`}>
          {t("meetings.title")} – {project.key} {project.title}
        </Link>
      </p>
      <h1>
        {t("meetings.minutesOf")} {meeting.title}
      </h1>
      <div className="no-print">
        <PagePresence
          page={{ type: "minutes", id: meeting.id }}
          editing={editing}
          live={(change) => change.objectType === "meeting" && change.objectId === meeting.id}
        />
      </div>
      <dl className="facts">
        <div>
          <dt>{t("meetings.startsAt")}</dt>
          <dd>
            {formatDateTime(meeting.startsAt)}
            {meeting.endsAt && ` – ${formatDateTime(meeting.endsAt)}`}
          </dd>
        </div>
        {meeting.location && (
          <div>
            <dt>{t("meetings.location")}</dt>
            <dd>{meeting.location}</dd>
          </div>
        )}
        {meeting.onlineUrl && (
          <div>
            <dt>{t("meetings.onlineUrl")}</dt>
            <dd>
              <a href={meeting.onlineUrl} rel="noopener noreferrer">
                {meeting.onlineUrl}
              </a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("projectsUi.colStatus")}</dt>
          <dd>
            <span className="status-badge" data-testid="minutes-status">
              {t(`meetings.status.${meeting.status}`)}
            </span>{" "}
            {meeting.approvedAt &&
              t("meetings.approvedBy", {
                name: meeting.approvedBy?.name ?? "",
                date: formatDateTime(meeting.approvedAt),
              })}
            <span className="muted"> · {t("meetings.version", { version: meeting.version })}</span>
          </dd>
        </div>
      </dl>
      {editable && (
        <details className="no-print card" open={raw?.ok === false && lastIntent === "header"}>
          <summary>{t("meetings.editHeader")}</summary>
          <Form method="post" className="stack" noValidate onSubmit={() => setLastIntent("header")}>
            <input type="hidden" name="intent" value="header" />
            {version}
            <MeetingFields
              members={project.members}
              errors={lastIntent === "header" ? errors.fields : {}}
              defaults={{
                title: meeting.title,
                startsAtLocal: meeting.startsAtLocal,
                endsAtLocal: meeting.endsAtLocal,
                location: meeting.location,
                onlineUrl: meeting.onlineUrl,
                invitedIds: meeting.participants.filter((p) => p.invited).map((p) => p.id),
              }}
            />
            <button type="submit" className="button primary" disabled={busy}>
              {t("meetings.saveHeader")}
            </button>
          </Form>
        </details>
      )}
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("meetings.print")}
        </button>{" "}
        <a className="button" href={`/projects/${project.id}/meetings/${meeting.id}/pdf`} download>
          {t("meetings.pdf")}
        </a>
      </p>
      {meeting.status === "APPROVED" && <p className="notice">{t("meetings.readOnly")}</p>}

      <FormMessage error={errors.message} />
      <div className="live-region no-print" role="status" aria-live="polite" data-testid="minutes-live">
        {raw?.ok && raw.message ? <p className="notice notice-success">{raw.message}</p> : null}
      </div>

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">{t("meetings.attendance")}</h2>
        {editable ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="attendance" />
            {version}
            <CheckGroup
              legend={t("meetings.present")}
              name="attendeeIds"
              options={project.members.map((m) => ({ value: m.userId, label: m.name }))}
              checked={(id) => meeting.participants.some((p) => p.id === id && p.attended === true)}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("meetings.saveAttendance")}
            </button>
          </Form>
        ) : (
          <>
            <p>
              {t("meetings.present")}:{" "}
              {meeting.participants
                .filter((p) => p.attended)
                .map((p) => p.name)
                .join(", ") || "–"}
            </p>
            <p>
              {t("meetings.participants")}:{" "}
              {meeting.participants
                .filter((p) => p.invited)
                .map((p) => p.name)
                .join(", ") || "–"}
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="agenda-heading">
        <h2 id="agenda-heading">{t("meetings.agenda")}</h2>
        {editable && <p className="hint no-print">{t("meetings.dragHint")}</p>}
        <ol className="agenda">
          {meeting.agendaItems.map((item, index) => (
            <li
              key={item.id}
              id={`item-${item.id}`}
              tabIndex={-1}
              className={`agenda-item${dropTarget === item.id ? " drop-target" : ""}`}
              draggable={editable}
              onDragStart={editable ? (event) => event.dataTransfer.setData("text/plain", item.id) : undefined}
              onDragOver={
                editable
                  ? (event) => {
                      event.preventDefault();
                      setDropTarget(item.id);
                    }
                  : undefined
              }
              onDragLeave={editable ? () => setDropTarget(null) : undefined}
              onDrop={editable ? (event) => onDrop(event, index) : undefined}
              data-testid="agenda-item"
            >
              <h3>
                {index + 1}. {item.title}
                {item.durationMinutes ? <span className="muted"> ({item.durationMinutes} min)</span> : null}
              </h3>
              {editable && (
                <div className="step-buttons no-print">
                  {[
                    { to: index - 1, label: "meetings.moveUp", aria: "meetings.moveUpLabel", show: index > 0 },
                    {
                      to: index + 1,
                      label: "meetings.moveDown",
                      aria: "meetings.moveDownLabel",
                      show: index < count - 1,
                    },
                  ]
                    .filter((b) => b.show)
                    .map((b) => (
                      <Form method="post" key={b.label}>
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <input type="hidden" name="toIndex" value={b.to} />
                        {version}
                        <button
                          type="submit"
                          className="button"
                          disabled={busy}
                          aria-label={t(b.aria as "meetings.moveUpLabel", { title: item.title })}
                        >
                          {t(b.label as "meetings.moveUp")}
                        </button>
                      </Form>
                    ))}
                </div>
              )}
              {editable ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="update-item" />
                  <input type="hidden" name="itemId" value={item.id} />
                  {version}
                  <div className="field">
                    <label htmlFor={`${formId}-notes-${item.id}`}>{t("meetings.notes")}</label>
                    <textarea id={`${formId}-notes-${item.id}`} name="notes" defaultValue={item.notes} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${formId}-decision-${item.id}`}>{t("meetings.decision")}</label>
                    <textarea id={`${formId}-decision-${item.id}`} name="decision" defaultValue={item.decision ?? ""} />
                  </div>
                  <button type="submit" className="button" disabled={busy}>
                    {t("meetings.saveItem")}
                  </button>
                </Form>
              ) : (
                <>
                  {item.notes && <p className="pre-line">{item.notes}</p>}
                  {item.decision && (
                    <p>
                      <strong>{t("meetings.decision")}:</strong> {item.decision}
                    </p>
                  )}
                </>
              )}
              {editable && (
                <Form method="post" className="no-print">
                  <input type="hidden" name="intent" value="remove-item" />
                  <input type="hidden" name="itemId" value={item.id} />
                  {version}
                  <button type="submit" className="button danger" disabled={busy}>
                    {t("meetings.removeItem")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
        {editable && (
          <Form method="post" className="stack card">
            <input type="hidden" name="intent" value="add-item" />
            {version}
            <Field label={t("meetings.agendaItem")} name="title" required error={errors.fields.title} />
            <Field
              label={t("meetings.duration")}
              name="durationMinutes"
              type="number"
              min={1}
              max={600}
              error={errors.fields.durationMinutes}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("meetings.addAgendaItem")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("meetings.actionItems")}</h2>
        {meeting.actionItems.length > 0 && (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="actions-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("meetings.actionItems")}</th>
                  <th scope="col">{t("meetings.owner")}</th>
                  <th scope="col">{t("tasks.dueDate")}</th>
                  <th scope="col">{t("meetings.task")}</th>
                </tr>
              </thead>
              <tbody>
                {meeting.actionItems.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.title}</th>
                    <td>{a.owner?.name ?? t("meetings.noOwner")}</td>
                    <td>{a.dueDate ? formatDate(`${a.dueDate}T12:00:00Z`) : "–"}</td>
                    <td>
                      {a.task ? (
                        <span className="task-key" data-testid="action-task-key">
                          {a.task.key}
                        </span>
                      ) : meeting.canCreateTasks ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="make-task" />
                          <input type="hidden" name="actionItemId" value={a.id} />
                          {version}
                          <button
                            type="submit"
                            className="button"
                            disabled={busy}
                            aria-label={t("meetings.makeTaskLabel", { title: a.title })}
                          >
                            {t("meetings.makeTask")}
                          </button>
                        </Form>
                      ) : (
                        "–"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editable && (
          <Form method="post" className="stack card">
            <input type="hidden" name="intent" value="add-action" />
            {version}
            <Field label={t("meetings.actionItems")} name="title" required error={errors.fields.title} />
            <SelectField label={t("meetings.agendaItem")} name="agendaItemId" defaultValue="">
              <option value="">–</option>
              {meeting.agendaItems.map((item, index) => (
                <option key={item.id} value={item.id}>
                  {index + 1}. {item.title}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("meetings.owner")} name="ownerId" defaultValue="" error={errors.fields.ownerId}>
              <option value="">{t("meetings.noOwner")}</option>
              {assignable.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </SelectField>
            <Field label={t("tasks.dueDate")} name="dueDate" type="date" error={errors.fields.dueDate} />
            <button type="submit" className="button" disabled={busy}>
              {t("meetings.addActionItem")}
            </button>
          </Form>
        )}
      </section>

      {meeting.canApprove && (
        <section className="card no-print" aria-labelledby="approve-heading">
          <h2 id="approve-heading">{t("meetings.approve")}</h2>
          <p>{t("meetings.approveHint")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            {version}
            <button type="submit" className="button primary" disabled={busy}>
              {t("meetings.approve")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
