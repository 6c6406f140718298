import { z } from "zod";

export const ZListAuditInput = z.object({
  action: z.string().trim().max(80).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(50),
});
export type TListAuditInput = z.input<typeof ZListAuditInput>;
