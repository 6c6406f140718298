import type { LoaderFunctionArgs } from "@remix-run/node";
import { ComingSoon } from "../components/coming-soon.tsx";
import { requireActor } from "../lib/session.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireActor(request, context);
  return null;
}

export default function Page() {
  return <ComingSoon title="nav.knowledge" />;
}
