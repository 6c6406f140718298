import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { describeError } from "@kreisnetz/api/errors";
import { errorsOf } from "../components/form.tsx";
import { NewsForm } from "../components/news-form.tsx";
import { adminUsersTitle, isUuid } from "../lib/admin-users.ts";
import { runAction } from "../lib/forms.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { updateInputFromForm } from "../lib/news.server.ts";
import { unitName } from "../lib/org-units.ts";
import { requireActor } from "../lib/session.server.ts";
import stylesHref from "../styles/news.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "news.edit");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireActor(request, context);
  if (!isUuid(params.id)) throw new Response("Not Found", { status: 404 });
  try {
    const [post, units, projects] = await Promise.all([
      context.caller.news.get({ id: params.id }),
      context.caller.orgUnits.tree(),
      context.caller.projects.list(),
    ]);
    if (!post.source) throw new Response("Forbidden", { status: 403 });
    return { post: { ...post, source: post.source }, units, projects };
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
  const result = await runAction(context.locale, async () => context.caller.news.update(updateInputFromForm(form, id)));
  if ("ok" in result && result.ok) throw redirect(`/news/${id}`);
  return result;
}

export default function EditPost() {
  const { post, units, projects } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const errors = errorsOf(useActionData<typeof action>());
  const s = post.source;
  return (
    <div className="page news">
      <h1>
        {t("news.edit")}: {s.title}
      </h1>
      <NewsForm
        intent="update"
        baseUpdatedAt={String(s.updatedAt)}
        errors={errors}
        canAwardTeamOfMonth={post.can.editorial}
        units={units.map((u) => ({ id: u.id, label: unitName(u, locale) }))}
        projects={projects
          .filter((p) => p.visibility === "ALL_STAFF")
          .map((p) => ({ id: p.id, label: `${p.key} – ${p.title}` }))}
        values={{
          kind: post.kind,
          title: s.title,
          teaser: s.teaser,
          body: s.body,
          titleDsb: s.titleDsb,
          teaserDsb: s.teaserDsb,
          bodyDsb: s.bodyDsb ?? undefined,
          category: post.category,
          coverImageId: s.coverImageId,
          audience: post.audience,
          unitIds: s.unitIds,
          storySituation: s.storySituation,
          storySolution: s.storySolution,
          storyResult: s.storyResult,
          storyUnitIds: s.storyUnitIds,
          projectId: s.projectId,
          contactUnitId: s.contactUnitId,
          teamOfMonth: post.teamOfMonth,
        }}
      />
    </div>
  );
}
