import type { LoaderFunctionArgs } from "@remix-run/node";
import { ComingSoon } from "../components/coming-soon.tsx";
import { requirePermission } from "../lib/session.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "read:coop-index");
  return null;
}

export default function Page() {
  return <ComingSoon title="nav.coop" />;
}
