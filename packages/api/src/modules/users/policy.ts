import type { MessageKey } from "@kreisnetz/shared/i18n";
import type { TRole } from "@kreisnetz/shared/permissions";

/** What an admin is about to do to an account, and the facts the rules need. */
export type TAccountChange = {
  actorId: string;
  target: { id: string; roles: readonly TRole[]; deactivated: boolean };
  /** The account after the change. */
  next: { roles: readonly TRole[]; deactivated: boolean };
  /** Active (not deactivated, not system) accounts holding ADMIN right now, the target included. */
  activeAdminCount: number;
};

export type TPolicyViolation = {
  code: "FORBIDDEN" | "CONFLICT";
  key: MessageKey;
  /** The form field the message belongs to, if any. */
  field?: "roles";
};

const isAdmin = (roles: readonly TRole[]) => roles.includes("ADMIN");

/**
 * Keeps the platform administrable: nobody removes their own ADMIN role or
 * deactivates themselves (no accidental lock-out), and the last active admin
 * keeps the role and stays active. Null when the change is allowed.
 */
export function checkAccountChange(change: TAccountChange): TPolicyViolation | null {
  const { actorId, target, next } = change;
  const self = actorId === target.id;
  if (self && !target.deactivated && next.deactivated) {
    return { code: "FORBIDDEN", key: "adminUsers.error.selfDeactivate" };
  }
  if (self && isAdmin(target.roles) && !isAdmin(next.roles)) {
    return { code: "FORBIDDEN", key: "adminUsers.error.ownAdminRole", field: "roles" };
  }
  const wasActiveAdmin = isAdmin(target.roles) && !target.deactivated;
  const staysActiveAdmin = isAdmin(next.roles) && !next.deactivated;
  if (wasActiveAdmin && !staysActiveAdmin && change.activeAdminCount <= 1) {
    return {
      code: "CONFLICT",
      key: "adminUsers.error.lastAdmin",
      ...(isAdmin(next.roles) ? {} : { field: "roles" as const }),
    };
  }
  return null;
}

/** Admins reset other people's passwords; their own they change in the profile (with the current one). */
export function checkPasswordReset(actorId: string, targetId: string): TPolicyViolation | null {
  return actorId === targetId ? { code: "FORBIDDEN", key: "adminUsers.error.selfReset" } : null;
}
