import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildReport, reportPdf } from "@kreisnetz/api/coop-index/report";
import { asHttpError, reportInput } from "../lib/coop-report.server.ts";
import { requirePermission } from "../lib/session.server.ts";

/** GET /coop/report.pdf?quarter=2026-Q3&level=FACHBEREICH: "Bericht an die Leitung" as a tagged PDF. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "read:coop-index");
  const input = reportInput(request);
  const data = await context.caller.coopIndex.report(input).catch(asHttpError);
  const pdf = await reportPdf(buildReport(data, context.locale));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="kooperationsindex-${input.quarter}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
