import type { ZListAuditInput } from "@kreisnetz/shared/schemas/audit";
import type { z } from "zod";
import type { TActor, TContext } from "../../context.ts";
import * as repo from "./repo.ts";

type Ctx = TContext & { actor: TActor };
/** The parsed input: page and page size filled with their defaults. */
type TAuditQuery = z.output<typeof ZListAuditInput>;

/**
 * A page of the audit log with the actors' names joined in. Entries whose actor
 * account no longer exists keep their actor id, with `actor` null.
 */
export async function listAudit(ctx: Ctx, input: TAuditQuery) {
  const { rows, total } = await repo.listEntries(ctx.db, {
    actionPrefix: input.action || undefined,
    skip: (input.page - 1) * input.pageSize,
    take: input.pageSize,
  });
  const actors = await repo.actorsByIds(ctx.db, [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))]);
  return {
    entries: rows.map((r) => ({
      id: r.id.toString(),
      actorId: r.actorId,
      actor: r.actorId ? (actors.get(r.actorId) ?? null) : null,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      details: isRecord(r.details) ? r.details : {},
      createdAt: r.createdAt,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    pages: Math.max(1, Math.ceil(total / input.pageSize)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
