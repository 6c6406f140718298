import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "../lib/i18n.ts";
import { requirePermission } from "../lib/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Verwaltung – Kreisnetz" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:users");
  return null;
}

export default function AdminHome() {
  const t = useT();
  return (
    <div className="page">
      <h1>{t("admin.title")}</h1>
      <ul className="tiles">
        <li>
          <Link to="/admin/units">{t("admin.units")}</Link>
        </li>
        <li>
          <Link to="/admin/users">{t("admin.users")}</Link>
        </li>
        <li>
          <Link to="/admin/import">{t("admin.import")}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t("admin.audit")}</Link>
        </li>
      </ul>
    </div>
  );
}
