import type { TProjectRole, TProjectVisibility } from "@kreisnetz/shared/schemas/projects";
import type { TRole } from "@kreisnetz/shared/permissions";

/**
 * Project rights come from project membership, not from global roles.
 *
 * Decision (admins): an ADMIN may manage the members of a project they can read
 * (so an ALL_STAFF project whose last lead left can be handed over), but gets no
 * read access to MEMBERS projects they are not in and no right to change
 * content. "Members only" stays members only for everyone: that is what the
 * Personalrat agreed to, and an admin who must intervene is added as a member.
 */
const RANK: Record<TProjectRole, number> = { GUEST: 1, MEMBER: 2, LEAD: 3 };

export function roleRank(role: TProjectRole | null | undefined): number {
  return role ? RANK[role] : 0;
}

/** True when `role` is at least `required` (GUEST < MEMBER < LEAD); null means not a member. */
export function hasProjectRole(role: TProjectRole | null | undefined, required: TProjectRole): boolean {
  return roleRank(role) >= RANK[required];
}

export type TProjectAccess = {
  visibility: TProjectVisibility;
  archivedAt: Date | null;
  /** The actor's role in this project, or null when not a member. */
  role: TProjectRole | null;
};

export type TPolicyActor = { roles: readonly TRole[] };

/** ALL_STAFF projects are readable by every logged-in person; MEMBERS projects by members (guests included). */
export function canReadProject(project: Pick<TProjectAccess, "visibility" | "role">): boolean {
  return project.visibility === "ALL_STAFF" || project.role !== null;
}

/** Title, dates, status, units, visibility, archiving: the project's leads, while not archived. */
export function canEditProject(project: TProjectAccess): boolean {
  return project.archivedAt === null && hasProjectRole(project.role, "LEAD");
}

/** Creating, changing and moving tasks: members and leads; guests only read. */
export function canEditTask(project: TProjectAccess): boolean {
  return project.archivedAt === null && hasProjectRole(project.role, "MEMBER");
}

/** Leads manage members; admins too, but only where they can read (see the decision above). */
export function canManageMembers(actor: TPolicyActor, project: TProjectAccess): boolean {
  if (project.archivedAt !== null) return false;
  if (hasProjectRole(project.role, "LEAD")) return true;
  return actor.roles.includes("ADMIN") && canReadProject(project);
}

/** Who may be an assignee: members and leads, not guests. */
export function canBeAssigned(role: TProjectRole | null | undefined): boolean {
  return hasProjectRole(role, "MEMBER");
}

/** True when the member list still has at least one LEAD. */
export function hasLead(members: readonly { role: TProjectRole }[]): boolean {
  return members.some((m) => m.role === "LEAD");
}
