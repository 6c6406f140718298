import { Prisma } from "@kreisnetz/db/client";
import type { TProjectRole, TProjectVisibility } from "@kreisnetz/shared/schemas/projects";
import { canReadProject } from "../../projects/policy.ts";
import type { TRecheck } from "./types.ts";

/**
 * Re-check for documents that belong to a project (the project itself, its
 * tasks, its minutes): the project's visibility and the reader's role in one
 * join, decided by projects/policy.ts `canReadProject`.
 */
export function projectRecheck(table: "project" | "task" | "meeting"): TRecheck {
  const from =
    table === "project"
      ? Prisma.sql`project x JOIN project p ON p.id = x.id`
      : Prisma.sql`${Prisma.raw(table)} x JOIN project p ON p.id = x.project_id`;
  return {
    select: (reader, ids) => Prisma.sql`
      SELECT x.id, jsonb_build_object('visibility', p.visibility::text, 'role', m.role::text) AS facts
        FROM ${from}
        LEFT JOIN project_member m ON m.project_id = p.id AND m.user_id = ${reader.userId}
       WHERE x.id IN (${Prisma.join([...ids])})`,
    allow: (facts) =>
      canReadProject({
        visibility: facts.visibility as TProjectVisibility,
        role: (facts.role ?? null) as TProjectRole | null,
      }),
  };
}
