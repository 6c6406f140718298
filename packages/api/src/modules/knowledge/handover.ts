import type { Db } from "@kreisnetz/db/client";
import type { EventLog } from "../../events/event-log.ts";
import type { TEventHandler } from "../../events/types.ts";
import * as repo from "./repo.ts";
import { pickHandoverOwner } from "./rules.ts";

export const KNOWLEDGE_HANDOVER = "knowledge-handover";

/**
 * When an owner is deactivated, their articles pass to the lead of the article's
 * owner unit: a person with role LEADERSHIP there, else its first EDITOR by name;
 * if the unit has neither, the parent unit is asked, up to the top. The new owner
 * is told through an `article.owner-changed` event (payload `to`), which the
 * notification handler turns into a message. Idempotent: a second delivery finds
 * no articles owned by the deactivated person any more.
 */
export function createKnowledgeHandover(db: Db, events: EventLog): TEventHandler {
  return {
    name: KNOWLEDGE_HANDOVER,
    matches: (event) => event.verb === "user.deactivated",
    async handle(batch) {
      for (const event of batch) {
        const articles = await db.knowledgeArticle.findMany({
          where: { ownerId: event.objectId, archivedAt: null },
          select: { id: true, ownerUnitId: true },
        });
        for (const article of articles) {
          const next = await successorFor(db, article.ownerUnitId, event.objectId);
          if (!next) continue;
          await db.$transaction(async (tx) => {
            const moved = await tx.knowledgeArticle.updateMany({
              where: { id: article.id, ownerId: event.objectId },
              data: { ownerId: next },
            });
            if (moved.count === 0) return;
            await events.record(tx, {
              actorId: null,
              actorUnitId: null,
              verb: "article.owner-changed",
              objectType: "article",
              objectId: article.id,
              payload: { from: event.objectId, to: next, reason: "owner-deactivated" },
              isSystem: true,
            });
          });
        }
      }
    },
  };
}

async function successorFor(db: Db, unitId: string, leaving: string): Promise<string | null> {
  const seen = new Set<string>();
  let current: string | null = unitId;
  while (current && !seen.has(current)) {
    seen.add(current);
    const people = (await repo.activePeopleOfUnit(db, current)).filter((p) => p.id !== leaving);
    const picked = pickHandoverOwner(people);
    if (picked) return picked;
    current = (await repo.parentOf(db, current))?.parentId ?? null;
  }
  return null;
}
