/**
 * The permission registry: roles grant permission strings of the form
 * `<action>:<resource>`. Procedures ask for a permission, never for a role, so
 * a role can change its grants here without touching procedures.
 */
export const ROLES = ["STAFF", "EDITOR", "LEADERSHIP", "ADMIN"] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = [
  "read:intranet",
  "write:news-draft",
  "publish:news",
  "review:knowledge",
  "read:coop-index",
  "configure:coop-index",
  "manage:org-units",
  "manage:users",
  "import:users",
  "read:audit-log",
  "manage:settings",
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

const STAFF: readonly TPermission[] = ["read:intranet", "write:news-draft"];

export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  STAFF,
  EDITOR: [...STAFF, "publish:news", "review:knowledge"],
  LEADERSHIP: [...STAFF, "read:coop-index"],
  ADMIN: [
    ...STAFF,
    "read:coop-index",
    "configure:coop-index",
    "manage:org-units",
    "manage:users",
    "import:users",
    "read:audit-log",
    "manage:settings",
  ],
};

export function permissionsOf(roles: readonly TRole[]): Set<TPermission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function hasPermission(roles: readonly TRole[], permission: TPermission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/** Roles whose accounts must use a second factor before they can do anything else. */
export const ROLES_REQUIRING_TOTP: readonly TRole[] = ["ADMIN"];

export function requiresTotp(roles: readonly TRole[]): boolean {
  return roles.some((role) => ROLES_REQUIRING_TOTP.includes(role));
}
