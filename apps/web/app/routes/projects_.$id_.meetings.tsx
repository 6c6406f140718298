import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { formatDateTime } from "@kreisnetz/shared/format";
import { MEETING_TEMPLATE_KEYS, ZCreateMeetingInput } from "@kreisnetz/shared/schemas/meetings";
import { FormMessage, SelectField, errorsOf } from "../components/form.tsx";
import { MeetingFields, meetingFieldsOf } from "../components/meeting-fields.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { formString, runAction } from "../lib/forms.server.ts";
import { useT } from "../lib/i18n.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/projects.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminUsersTitle(matches, "meetings.title", data ? `${data.project.key} ${data.project.title}` : undefined);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const [project, meetings] = await Promise.all([
      context.caller.projects.get({ id: params.id }),
      context.caller.meetings.list({ projectId: params.id }),
    ]);
    return { project, meetings };
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
  const result = await runAction(context.locale, async () =>
    context.caller.meetings.create(
      ZCreateMeetingInput.parse({
        projectId,
        ...meetingFieldsOf(form),
        templateKey: formString(form, "templateKey") || null,
      }),
    ),
  );
  if ("ok" in result && result.ok) return redirect(`/projects/${projectId}/meetings/${result.result.id}`);
  return result;
}

export default function Meetings() {
  const { project, meetings } = useLoaderData<typeof loader>();
  const errors = errorsOf(useActionData<typeof action>());
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const canEdit = !project.archivedAt && (project.myRole === "MEMBER" || project.myRole === "LEAD");
  return (
    <div className="page projects">
      <p>
        <Link to={`/projects/${project.id}`}>
          {project.key} {project.title}
        </Link>
      </p>
      <h1>{t("meetings.title")}</h1>
      <section className="card" aria-labelledby="meeting-list-heading">
        <h2 id="meeting-list-heading">{t("meetings.title")}</h2>
        {meetings.length === 0 ? (
          <p>{t("meetings.none")}</p>
        ) : (
          <ul className="plain-list">
            {meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/projects/${project.id}/meetings/${m.id}`}>{m.title}</Link> – {formatDateTime(m.startsAt)}{" "}
                <span className="status-badge">{t(`meetings.status.${m.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canEdit && (
        <section className="card" aria-labelledby="new-meeting-heading">
          <h2 id="new-meeting-heading">{t("meetings.new")}</h2>
          <FormMessage error={errors.message} />
          <Form method="post" className="stack" noValidate>
            <MeetingFields members={project.members} errors={errors.fields} />
            <SelectField label={t("meetings.template")} name="templateKey" defaultValue="">
              <option value="">{t("meetings.template.none")}</option>
              {MEETING_TEMPLATE_KEYS.map((key) => (
                <option key={key} value={key}>
                  {t(`meetings.template.${key}`)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button primary" disabled={busy}>
              {t("meetings.create")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}
