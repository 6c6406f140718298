import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { formatDate, formatNumber } from "@kreisnetz/shared/format";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "tasks.myTasks");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const tasks = await context.caller.tasks.myTasks();
  // The API already sorts by due date (undated last); sorting again keeps the page's promise explicit.
  const sorted = [...tasks].sort((a, b) => {
    if (a.dueDate === b.dueDate) return 0;
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  });
  return { tasks: sorted };
}

export default function MyTasks() {
  const { tasks } = useLoaderData<typeof loader>();
  const t = useT();
  const captionId = useId();
  return (
    <div className="page projects">
      <p>
        <Link to="/projects">{t("projectsUi.backToList")}</Link>
      </p>
      <h1>{t("tasks.myTasks")}</h1>
      <p className="lead">{t("projectsUi.myTasksIntro")}</p>
      <div className="card">
        {tasks.length === 0 ? (
          <p>{t("projectsUi.noTasks")}</p>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table>
              <caption id={captionId}>{t("projectsUi.myTasksCaption", { count: formatNumber(tasks.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("projectsUi.colKey")}</th>
                  <th scope="col">{t("projectsUi.colTitle")}</th>
                  <th scope="col">{t("projectsUi.colProject")}</th>
                  <th scope="col">{t("projectsUi.colStatus")}</th>
                  <th scope="col">{t("projectsUi.colDue")}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task.id} className={task.overdue ? "overdue" : undefined}>
                    <td>{task.key}</td>
                    <th scope="row">
                      <Link to={`/projects/${task.projectId}/tasks/${task.id}`}>{task.title}</Link>
                    </th>
                    <td>
                      <Link to={`/projects/${task.projectId}`}>{task.projectTitle}</Link>
                    </td>
                    <td>{task.stateName}</td>
                    <td>
                      {task.dueDate ? formatDate(`${task.dueDate}T12:00:00Z`) : "–"}
                      {task.overdue && <strong className="overdue-badge"> {t("tasks.overdue")}</strong>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
