import { hasPermission, type TRole } from "@kreisnetz/shared/permissions";
import type { TKnowledgeSpaceAccess } from "@kreisnetz/shared/schemas/knowledge";

/**
 * Knowledge rights. Every logged-in person reads every space and article (the
 * knowledge base is for the whole administration). OPEN spaces are written by
 * all staff; UNIT spaces by people of the space's unit or a unit below it, and
 * by editors. Editors (`review:knowledge`) verify articles and create spaces.
 */
export type TKnowledgeActor = { roles: readonly TRole[]; unitAncestry: readonly string[] };
export type TSpaceAccess = { access: TKnowledgeSpaceAccess; unitId: string | null };

export function canReadSpace(): boolean {
  return true;
}

export function canWriteInSpace(actor: TKnowledgeActor, space: TSpaceAccess): boolean {
  if (space.access === "OPEN") return true;
  if (hasPermission(actor.roles, "review:knowledge")) return true;
  return space.unitId !== null && actor.unitAncestry.includes(space.unitId);
}

export function canVerify(actor: Pick<TKnowledgeActor, "roles">): boolean {
  return hasPermission(actor.roles, "review:knowledge");
}

export function canCreateSpace(actor: Pick<TKnowledgeActor, "roles">): boolean {
  return hasPermission(actor.roles, "review:knowledge");
}

/**
 * Attachments: whoever may edit the article (or owns it) adds files; the
 * uploader, the article's owner and editors (`review:knowledge`) remove them.
 * Reading follows the article (every logged-in person, see canReadSpace).
 */
export function canAttach(actor: TKnowledgeActor & { id: string }, article: { ownerId: string; space: TSpaceAccess }) {
  return actor.id === article.ownerId || canWriteInSpace(actor, article.space);
}

export function canRemoveAttachment(
  actor: Pick<TKnowledgeActor, "roles"> & { id: string },
  attachment: { uploaderId: string; articleOwnerId: string },
): boolean {
  return (
    actor.id === attachment.uploaderId ||
    actor.id === attachment.articleOwnerId ||
    hasPermission(actor.roles, "review:knowledge")
  );
}
