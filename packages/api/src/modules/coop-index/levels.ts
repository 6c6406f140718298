import type { UnitMeta } from "@kreisnetz/coop-index/types";

/** The unit levels the index can be computed for; Fachbereich is the default. */
export const COOP_UNIT_LEVELS = ["FACHBEREICH", "DEZERNAT", "SACHGEBIET"] as const;
export type TCoopUnitLevel = (typeof COOP_UNIT_LEVELS)[number];

export type TOrgUnitRow = { id: string; parentId: string | null; kind: string; name: string };

export type TLevelMapping = {
  /** Every org unit id -> the unit its people count for at this level. */
  target: Map<string, string>;
  /** The units of the computation: all targets and their ancestors (for merging small units upwards). */
  units: Omit<UnitMeta, "headcount">[];
};

/**
 * Maps every org unit to its unit at the chosen level: the nearest ancestor-or-self of that
 * kind. A unit with none (the Verwaltungsspitze, a Stabsstelle, the Personalrat, or a
 * Fachbereich at Sachgebiet level) counts as itself, so nobody falls out of the index because
 * the tree is uneven. Pure; the hierarchy must be acyclic.
 */
export function mapUnitsToLevel(rows: readonly TOrgUnitRow[], level: TCoopUnitLevel): TLevelMapping {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const target = new Map<string, string>();
  for (const row of rows) {
    let found: string | null = null;
    let steps = 0;
    for (let u: TOrgUnitRow | undefined = row; u; u = u.parentId ? byId.get(u.parentId) : undefined) {
      if (++steps > rows.length) throw new RangeError(`unit hierarchy has a cycle through ${row.id}`);
      if (u.kind === level) {
        found = u.id;
        break;
      }
    }
    target.set(row.id, found ?? row.id);
  }
  const included = new Set<string>();
  for (const t of new Set(target.values())) {
    for (let u = byId.get(t); u && !included.has(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) {
      included.add(u.id);
    }
  }
  const units = [...included]
    .sort()
    .map((id) => byId.get(id)!)
    .map((u) => ({ id: u.id, parentId: u.parentId && included.has(u.parentId) ? u.parentId : null, name: u.name }));
  return { target, units };
}
