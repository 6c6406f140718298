import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { formatNumber } from "@kreisnetz/shared/format";
import { SelectField } from "../components/form.tsx";
import { adminUsersTitle, isUuid, unitLabel } from "../lib/admin-users.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { useOnline } from "../lib/realtime.tsx";
import { requireActor } from "../lib/session.server.ts";

export const meta: MetaFunction = ({ matches }) => adminUsersTitle(matches, "realtime.onlineTitle");

/** Colleagues online now, optionally of one unit. The list itself comes over the socket. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  const unit = new URL(request.url).searchParams.get("unit");
  const units = await context.caller.orgUnits.tree();
  return { units, unitId: isUuid(unit) ? unit : "" };
}

export default function Online() {
  const { units, unitId } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const { people } = useOnline(unitId || undefined);
  const unitName = new Map(units.map((u) => [u.id, unitLabel(u, locale)]));
  return (
    <div className="page">
      <h1>{t("realtime.onlineTitle")}</h1>
      <p>{t("realtime.onlineIntro")}</p>
      <Form method="get" className="inline-form">
        <SelectField label={t("realtime.onlineUnit")} name="unit" defaultValue={unitId}>
          <option value="">{t("realtime.onlineAllUnits")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {unitLabel(u, locale)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {t("realtime.onlineFilter")}
        </button>
      </Form>
      <section aria-labelledby="online-heading" aria-live="polite">
        <h2 id="online-heading">
          {people === null
            ? t("realtime.onlineConnecting")
            : t("realtime.onlineCount", { count: formatNumber(people.length) })}
        </h2>
        {people && people.length === 0 && <p className="muted">{t("realtime.onlineNone")}</p>}
        {people && people.length > 0 && (
          <ul className="online-list" data-testid="online-list">
            {people.map((p) => (
              <li key={p.userId}>
                <span className="avatar" aria-hidden="true">
                  {p.name.slice(0, 1).toUpperCase()}
                </span>
                <span>{p.name}</span>
                <span className="muted">{unitName.get(p.unitId) ?? ""}</span>
                {p.status === "away" && <span className="muted">({t("realtime.away")})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
