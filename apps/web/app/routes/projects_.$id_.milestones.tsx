import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { translate } from "@kreisnetz/shared/i18n";
import { ZCreateMilestoneInput, ZUpdateMilestoneInput } from "@kreisnetz/shared/schemas/meetings";
import { CheckGroup, Field, FormMessage, errorsOf } from "../components/form.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "milestones.title", data ? `${data.project.key} ${data.project.title}` : undefined);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const [project, milestones, tasks] = await Promise.all([
      context.caller.projects.get({ id: params.id }),
      context.caller.milestones.list({ projectId: params.id }),
      context.caller.tasks.list({ projectId: params.id, sort: "number" }),
    ]);
    return { project, milestones, tasks: tasks.map((t) => ({ id: t.id, key: t.key, title: t.title })) };
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
  return runAction(
    locale,
    async () => {
      if (intent === "remove") return caller.milestones.remove({ id: formString(form, "id") ?? "" });
      const fields = {
        title: formString(form, "title"),
        dueDate: formString(form, "dueDate"),
        taskIds: form.getAll("taskIds").filter((v) => typeof v === "string"),
      };
      if (intent === "update") {
        return caller.milestones.update(ZUpdateMilestoneInput.parse({ id: formString(form, "id"), ...fields }));
      }
      return caller.milestones.create(ZCreateMilestoneInput.parse({ projectId, ...fields }));
    },
    translate(locale, "meetings.saved"),
  );
}

const DAY = 86_400_000;

/** A simple timeline: one marker per milestone between the earliest and latest date (and today). */
function Timeline({
  milestones,
  today,
}: {
  milestones: { id: string; title: string; dueDate: string; status: string }[];
  today: string;
}) {
  const t = useT();
  const dates = [...milestones.map((m) => m.dueDate), today].sort();
  const from = dates[0]!;
  const to = dates.at(-1)!;
  const span = Math.max(1, (Date.parse(to) - Date.parse(from)) / DAY);
  const x = (date: string) => 20 + ((Date.parse(date) - Date.parse(from)) / DAY / span) * 560;
  const color: Record<string, string> = { DONE: "#1b6b3a", LATE: "#8a1c1c", IN_PROGRESS: "#1d4ed8", OPEN: "#4b5563" };
  return (
    <svg
      className="timeline"
      viewBox="0 0 600 80"
      role="img"
      aria-label={t("milestones.timelineLabel", {
        from: formatDate(`${from}T12:00:00Z`),
        to: formatDate(`${to}T12:00:00Z`),
      })}
    >
      <line x1="20" y1="40" x2="580" y2="40" stroke="#4b5563" strokeWidth="2" />
      <line x1={x(today)} y1="15" x2={x(today)} y2="65" stroke="#111827" strokeDasharray="4 3" />
      <text x={x(today)} y="12" fontSize="10" textAnchor="middle">
        {t("milestones.today")}
      </text>
      {milestones.map((m) => (
        <g key={m.id}>
          <title>{`${m.title}: ${formatDate(`${m.dueDate}T12:00:00Z`)}`}</title>
          <rect
            x={x(m.dueDate) - 6}
            y="34"
            width="12"
            height="12"
            transform={`rotate(45 ${x(m.dueDate)} 40)`}
            fill={color[m.status]}
          />
        </g>
      ))}
    </svg>
  );
}

export default function Milestones() {
  const { project, milestones, tasks } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const errors = errorsOf(raw);
  const t = useT();
  const busy = useNavigation().state === "submitting";
  // Which form sent the last submission, so that its field errors appear next to its fields.
  const [lastForm, setLastForm] = useState("create");
  const errorsFor = (form: string) => (form === lastForm ? errors : undefined);
  const canEdit = !project.archivedAt && (project.myRole === "MEMBER" || project.myRole === "LEAD");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  return (
    <div className="page projects">
      <p>
        <Link to={`/projects/${project.id}`}>
          {project.key} {project.title}
        </Link>
      </p>
      <h1>{t("milestones.title")}</h1>
      <FormMessage error={errors.message} success={raw && "ok" in raw && raw.ok ? raw.message : undefined} />
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("milestones.timeline")}</h2>
        {milestones.length === 0 ? (
          <p>{t("milestones.none")}</p>
        ) : (
          <>
            <Timeline milestones={milestones} today={today} />
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="timeline-heading">
              <table>
                <caption className="visually-hidden">{t("milestones.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("milestones.dueDate")}</th>
                    <th scope="col">{t("milestones.title")}</th>
                    <th scope="col">{t("projectsUi.colStatus")}</th>
                    <th scope="col">{t("milestones.tasks")}</th>
                    {canEdit && <th scope="col">{t("milestones.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {milestones.map((m) => (
                    <tr key={m.id} className={m.status === "LATE" ? "overdue" : undefined}>
                      <td>{formatDate(`${m.dueDate}T12:00:00Z`)}</td>
                      <th scope="row">{m.title}</th>
                      <td>
                        {m.status === "LATE" ? (
                          <strong>{t("milestones.status.LATE")}</strong>
                        ) : (
                          t(`milestones.status.${m.status}`)
                        )}
                      </td>
                      <td>
                        {t("milestones.progress", {
                          done: formatNumber(m.doneCount),
                          total: formatNumber(m.taskCount),
                        })}
                        {m.tasks.length > 0 && (
                          <ul className="plain-list">
                            {m.tasks.map((task) => (
                              <li key={task.id}>
                                <span className="task-key">{task.key}</span> {task.title} (
                                {t(`tasks.group.${task.group}`)})
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {canEdit && (
                        <td>
                          <details className="milestone-edit">
                            <summary aria-label={t("milestones.editOf", { title: m.title })}>
                              {t("milestones.edit")}
                            </summary>
                            <MilestoneForm
                              intent="update"
                              milestone={m}
                              tasks={tasks}
                              errors={errorsFor(m.id)}
                              onSubmit={() => setLastForm(m.id)}
                              busy={busy}
                            />
                          </details>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="id" value={m.id} />
                            <button
                              type="submit"
                              className="button danger"
                              disabled={busy}
                              aria-label={`${t("milestones.remove")}: ${m.title}`}
                            >
                              {t("milestones.remove")}
                            </button>
                          </Form>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {canEdit && (
        <section className="card" aria-labelledby="new-milestone-heading">
          <h2 id="new-milestone-heading">{t("milestones.new")}</h2>
          <MilestoneForm
            intent="create"
            tasks={tasks}
            errors={errorsFor("create")}
            onSubmit={() => setLastForm("create")}
            busy={busy}
          />
        </section>
      )}
    </div>
  );
}

type TErrors = ReturnType<typeof errorsOf>;

/** The fields of a milestone: empty to create one, filled in (with its tasks ticked) to edit it. */
function MilestoneForm({
  intent,
  milestone,
  tasks,
  errors,
  onSubmit,
  busy,
}: {
  intent: "create" | "update";
  onSubmit: () => void;
  milestone?: { id: string; title: string; dueDate: string; tasks: { id: string }[] };
  tasks: { id: string; key: string; title: string }[];
  errors?: TErrors;
  busy: boolean;
}) {
  const t = useT();
  const linked = new Set(milestone?.tasks.map((task) => task.id));
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      {milestone && <input type="hidden" name="id" value={milestone.id} />}
      <Field
        label={t("meetings.meetingTitle")}
        name="title"
        required
        defaultValue={milestone?.title}
        error={errors?.fields.title}
      />
      <Field
        label={t("milestones.dueDate")}
        name="dueDate"
        type="date"
        required
        defaultValue={milestone?.dueDate}
        error={errors?.fields.dueDate}
      />
      <CheckGroup
        className="check-group check-scroll"
        legend={t("milestones.tasks")}
        name="taskIds"
        options={tasks.map((task) => ({ value: task.id, label: `${task.key} ${task.title}` }))}
        checked={(id) => linked.has(id)}
        error={errors?.fields.taskIds}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {t(intent === "create" ? "milestones.create" : "milestones.save")}
      </button>
    </Form>
  );
}
