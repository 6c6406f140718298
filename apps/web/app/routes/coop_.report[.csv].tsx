import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCsv } from "@kreisnetz/api/coop-index/report";
import { asHttpError, reportInput } from "../lib/coop-report.server.ts";
import { requirePermission } from "../lib/session.server.ts";

/** GET /coop/report.csv?quarter=2026-Q3&level=FACHBEREICH: the report's figures as CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "read:coop-index");
  const input = reportInput(request);
  const data = await context.caller.coopIndex.report(input).catch(asHttpError);
  return new Response(reportCsv(data, context.locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="kooperationsindex-${input.quarter}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
