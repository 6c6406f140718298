import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ZCalendarMonth } from "@kreisnetz/shared/schemas/projects";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "calendar.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const requested = new URL(request.url).searchParams.get("month");
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const month = ZCalendarMonth.safeParse(requested).success ? requested! : today.slice(0, 7);
  const calendar = await context.caller.tasks.calendar({ month });
  return { calendar };
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export default function DeadlineCalendar() {
  const { calendar } = useLoaderData<typeof loader>();
  const t = useT();
  const monthName = new Intl.DateTimeFormat("de-DE", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${calendar.month}-15T12:00:00Z`),
  );
  const byDay = new Map<string, typeof calendar.items>();
  for (const item of calendar.items) byDay.set(item.date, [...(byDay.get(item.date) ?? []), item]);
  const link = (item: (typeof calendar.items)[number]) =>
    item.kind === "MEETING"
      ? `/projects/${item.projectId}/meetings/${item.id}`
      : item.kind === "MILESTONE"
        ? `/projects/${item.projectId}/milestones`
        : `/projects/${item.projectId}`;
  return (
    <div className="page projects">
      <p>
        <Link to="/projects">{t("projectsUi.backToList")}</Link>
      </p>
      <h1>{t("calendar.title")}</h1>
      <nav aria-label={t("calendar.title")} className="project-nav">
        <ul>
          <li>
            <Link to={`?month=${calendar.previous}`}>← {t("calendar.previous")}</Link>
          </li>
          <li>
            <Link to={`?month=${calendar.next}`}>{t("calendar.next")} →</Link>
          </li>
        </ul>
      </nav>
      {calendar.items.length === 0 && <p>{t("calendar.empty")}</p>}
      <table className="calendar">
        <caption>{t("calendar.caption", { month: monthName })}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {t(`calendar.weekday.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {calendar.weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (!day) return <td key={`e${i}`} className="empty-day" />;
                const items = byDay.get(day) ?? [];
                const isToday = day === calendar.today;
                return (
                  <td key={day} className={isToday ? "today" : undefined} aria-current={isToday ? "date" : undefined}>
                    <span className="day-number">
                      <span className="visually-hidden">{t(`calendar.weekday.${WEEKDAYS[i]!}`)}, </span>
                      {Number(day.slice(8))}.
                    </span>
                    {items.length > 0 && (
                      <ul>
                        {items.map((item) => (
                          <li key={`${item.kind}-${item.id}`} className={item.overdue ? "overdue" : undefined}>
                            <Link to={link(item)}>
                              {t(`calendar.kind.${item.kind}`)}: {item.key ?? item.projectKey} {item.title}
                              {item.time ? ` (${item.time})` : ""}
                            </Link>
                            {item.overdue && <strong> – {t("tasks.overdue")}</strong>}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
