import { ZListAuditInput } from "@kreisnetz/shared/schemas/audit";
import { z } from "zod";
import { permissionProcedure, router } from "../../trpc.ts";
import * as service from "./service.ts";

const ZAuditEntry = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

const ZAuditPage = z.object({
  entries: z.array(ZAuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
});

/** The audit log of admin and editorial actions: read-only, for admins. */
export const auditRouter = router({
  list: permissionProcedure("read:audit-log")
    .input(ZListAuditInput)
    .output(ZAuditPage)
    .query(({ ctx, input }) => service.listAudit(ctx, input)),
});
