import type { MessageKey } from "@kreisnetz/shared/i18n";

/** Parent links of (part of) the unit tree: unit id -> parent id (null at the top). */
export type TParentMap = ReadonlyMap<string, string | null>;

/**
 * True when hanging `unitId` under `newParentId` would close a loop: the new
 * parent is the unit itself or one of its descendants, i.e. `unitId` lies on
 * the new parent's path to the top. `parentOf` must hold at least the new
 * parent's ancestor chain. A loop already present in the data counts as a
 * cycle too, so a broken tree is never made worse.
 */
export function movesUnderItself(parentOf: TParentMap, unitId: string, newParentId: string): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = newParentId;
  while (current) {
    if (current === unitId) return true;
    if (seen.has(current)) return true;
    seen.add(current);
    current = parentOf.get(current);
  }
  return false;
}

export type TDissolveState = {
  dissolvedAt: Date | null;
  activeMemberCount: number;
  activeChildCount: number;
};

export type TRefusal = { key: MessageKey; params: Record<string, number> };

/**
 * Why a unit may not be dissolved yet, or null when it may: people would be
 * left in a unit that no longer exists, and existing units would hang under one.
 */
export function dissolveRefusal(state: TDissolveState): TRefusal | null {
  if (state.dissolvedAt) return { key: "adminUnits.error.dissolved", params: {} };
  if (state.activeMemberCount > 0) {
    return { key: "adminUnits.error.hasMembers", params: { count: state.activeMemberCount } };
  }
  if (state.activeChildCount > 0) {
    return { key: "adminUnits.error.hasChildren", params: { count: state.activeChildCount } };
  }
  return null;
}
