import { hasPermission } from "@kreisnetz/shared/permissions";
import type { TNewsStatus } from "@kreisnetz/shared/schemas/news";
import type { TActor } from "../../context.ts";
import { isEditableByAuthor } from "./rules.ts";

/** What the policy needs to know about a post and the reader. */
export type TPostAccess = {
  authorId: string;
  status: TNewsStatus;
  /** The reader's unit lies in the audience (ALL, or a listed unit or one of its subunits). */
  audienceMatch: boolean;
  /** Published now (a due SCHEDULED post counts, one past unpublish does not). */
  live: boolean;
};

export function isEditor(actor: Pick<TActor, "roles">): boolean {
  return hasPermission(actor.roles, "publish:news");
}

/**
 * Drafts and posts in review belong to their author and the editors; a live post
 * belongs to its audience. Anyone else must not learn that it exists (NOT_FOUND).
 */
export function canReadPost(actor: Pick<TActor, "id" | "roles">, post: TPostAccess): boolean {
  if (isEditor(actor) || post.authorId === actor.id) return true;
  return post.live && post.audienceMatch;
}

export function canEditContent(actor: TActor, post: TPostAccess): boolean {
  if (post.status === "ARCHIVED") return false;
  if (isEditor(actor)) return true;
  return post.authorId === actor.id && isEditableByAuthor(post.status);
}

/** Authors submit their own drafts; editors may submit anyone's. */
export function canSubmit(actor: TActor, post: TPostAccess): boolean {
  return post.authorId === actor.id || isEditor(actor);
}

/** Comments, reactions and acknowledgements belong to live posts the reader can see. */
export function canInteract(actor: TActor, post: TPostAccess): boolean {
  return post.live && (post.audienceMatch || isEditor(actor) || post.authorId === actor.id);
}

export function canChangeComment(actor: TActor, comment: { authorId: string }): boolean {
  return comment.authorId === actor.id;
}

export function canModerate(actor: TActor): boolean {
  return isEditor(actor);
}
