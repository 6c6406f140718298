import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { TASK_SORTS, TASK_STATE_GROUPS, ZTaskListInput } from "@kreisnetz/shared/schemas/projects";
import { SelectField } from "../components/form.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "tasks.list", data ? `${data.project.key} ${data.project.title}` : undefined);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const q = (name: string) => url.searchParams.get(name) || undefined;
  // Unknown filter values are dropped rather than answered with an error page.
  const parsed = ZTaskListInput.safeParse({
    projectId: params.id,
    group: q("group"),
    assigneeId: q("assigneeId"),
    label: q("label"),
    overdue: url.searchParams.get("overdue") === "1",
    sort: q("sort"),
  });
  const input = parsed.success ? parsed.data : ZTaskListInput.parse({ projectId: params.id });
  try {
    const [project, tasks] = await Promise.all([
      context.caller.projects.get({ id: params.id }),
      context.caller.tasks.list(input),
    ]);
    return { project, tasks, filter: input };
  } catch (error) {
    if (describeError(error).code === "NOT_FOUND") throw new Response("Not Found", { status: 404 });
    throw error;
  }
}

export default function TaskList() {
  const { project, tasks, filter } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page projects">
      <p>
        <Link to={`/projects/${project.id}`}>
          {project.key} {project.title}
        </Link>
      </p>
      <h1>{t("tasks.list")}</h1>
      <Form method="get" className="projects-filter card" aria-label={t("tasks.filter")}>
        <SelectField label={t("tasks.filter.group")} name="group" defaultValue={filter.group ?? ""}>
          <option value="">{t("tasks.filter.all")}</option>
          {TASK_STATE_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`tasks.group.${g}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("tasks.filter.assignee")} name="assigneeId" defaultValue={filter.assigneeId ?? ""}>
          <option value="">{t("tasks.filter.all")}</option>
          {project.members
            .filter((m) => m.role !== "GUEST")
            .map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
        </SelectField>
        <div className="field">
          <label htmlFor="filter-label">{t("tasks.filter.label")}</label>
          <input id="filter-label" name="label" defaultValue={filter.label ?? ""} />
        </div>
        <div className="check">
          <input type="checkbox" id="filter-overdue" name="overdue" value="1" defaultChecked={filter.overdue} />
          <label htmlFor="filter-overdue">{t("tasks.filter.overdue")}</label>
        </div>
        <SelectField label={t("tasks.sort")} name="sort" defaultValue={filter.sort}>
          {TASK_SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`tasks.sort.${s}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t("tasks.filter")}
        </button>
      </Form>
      <p role="status">{t("tasks.listCount", { count: formatNumber(tasks.length) })}</p>
      <div className="table-wrap card" tabIndex={0} role="region" aria-label={t("tasks.list")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("projectsUi.colKey")}</th>
              <th scope="col">{t("projectsUi.taskTitle")}</th>
              <th scope="col">{t("projectsUi.colStatus")}</th>
              <th scope="col">{t("projectsUi.priority")}</th>
              <th scope="col">{t("tasks.assignees")}</th>
              <th scope="col">{t("tasks.dueDate")}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} className={task.overdue ? "overdue" : undefined}>
                <td>
                  <span className="task-key">{task.key}</span>
                </td>
                <th scope="row">
                  {task.title}
                  {task.fromMeeting && (
                    <>
                      {" "}
                      <Link to={`/projects/${project.id}/meetings/${task.fromMeeting.id}`} className="muted">
                        ({t("projectsUi.fromMinutes", { title: task.fromMeeting.title })})
                      </Link>
                    </>
                  )}
                </th>
                <td>{task.stateName}</td>
                <td>{t(`tasks.priority.${task.priority}`)}</td>
                <td>{task.assignees.map((a) => a.name).join(", ") || t("projectsUi.unassigned")}</td>
                <td>
                  {task.dueDate ? formatDate(`${task.dueDate}T12:00:00Z`) : "–"}
                  {task.overdue && <strong className="overdue-badge"> {t("tasks.overdue")}</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
