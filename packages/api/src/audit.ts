import type { DbOrTx } from "@kreisnetz/db/client";

export type TAuditEntry = {
  actorId: string | null;
  /** Dotted verb, e.g. "org-unit.create", "user.deactivate". */
  action: string;
  objectType: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
};

/** Appends to the audit log; call inside the mutation's transaction. */
export async function writeAudit(tx: DbOrTx, entry: TAuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      details: (entry.details ?? {}) as object,
    },
  });
}
