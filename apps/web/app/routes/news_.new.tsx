import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { hasPermission } from "@kreisnetz/shared/permissions";
import { errorsOf } from "../components/form.tsx";
import { NewsForm } from "../components/news-form.tsx";
import { adminUsersTitle } from "../lib/admin-users.ts";
import { runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { createInputFromForm } from "../lib/news.server.ts";
import { unitName } from "../lib/org-units.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const kind = new URL(request.url).searchParams.get("kind") === "STORY" ? ("STORY" as const) : ("NEWS" as const);
  const [units, projects] = await Promise.all([context.caller.orgUnits.tree(), context.caller.projects.list()]);
  return { kind, units, projects, isEditor: hasPermission(actor.roles, "publish:news") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireActor(request, context);
  const form = await request.formData();
  const result = await runAction(context.locale, async () => context.caller.news.create(createInputFromForm(form)));
  if ("ok" in result && result.ok) throw redirect(`/news/${result.result.id}`);
  return result;
}

export default function NewPost() {
  const { kind, units, projects, isEditor } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(useActionData<typeof action>());
  return (
    <div className="page news">
      <h1>{kind === "STORY" ? t("news.newStory") : t("news.new")}</h1>
      <NewsForm
        intent="create"
        errors={errors}
        canAwardTeamOfMonth={isEditor}
        units={units.map((u) => ({ id: u.id, label: unitName(u, locale) }))}
        projects={projects
          .filter((p) => p.visibility === "ALL_STAFF")
          .map((p) => ({ id: p.id, label: `${p.key} – ${p.title}` }))}
        values={{
          kind,
          title: "",
          teaser: "",
          body: undefined,
          titleDsb: null,
          teaserDsb: null,
          bodyDsb: undefined,
          category: null,
          coverImageId: null,
          audience: "ALL",
          unitIds: [],
          storySituation: null,
          storySolution: null,
          storyResult: null,
          storyUnitIds: [],
          projectId: null,
          contactUnitId: null,
          teamOfMonth: false,
        }}
      />
    </div>
  );
}
