import type { CoopEvent, Quarter, UnitMeta } from "./types.ts";

/** Fixture helpers for the tests (not exported from the package). */
export const Q2_2025: Quarter = { year: 2025, quarter: 2 };

export function ev(
  personId: string,
  unitId: string | null,
  objectKey: string,
  options: Partial<Pick<CoopEvent, "verb" | "at" | "projectId" | "isSystem">> = {},
): CoopEvent {
  return {
    personId,
    unitId,
    objectKey,
    projectId: options.projectId ?? null,
    verb: options.verb ?? "task.commented",
    at: options.at ?? "2025-04-15T10:00:00+02:00",
    isSystem: options.isSystem ?? false,
  };
}

export function unit(id: string, headcount: number, parentId: string | null = null): UnitMeta {
  return { id, parentId, headcount, name: `Einheit ${id}` };
}

/** `count` events by `personId`, one per minute from 10:00, so that nothing is collapsed. */
export function repeat(count: number, personId: string, unitId: string, objectKey: string, projectId: string | null) {
  return Array.from({ length: count }, (_, i) =>
    ev(personId, unitId, objectKey, {
      projectId,
      at: `2025-04-15T10:${String(i).padStart(2, "0")}:00+02:00`,
    }),
  );
}
