import type { TLocale } from "@kreisnetz/shared/i18n";

/** What the unit pages need of a unit (a subset of `orgUnits.tree`). */
export type TUnitLike = {
  id: string;
  code: string;
  name: string;
  nameDsb: string | null;
  parentId: string | null;
};

export type TUnitNode<T extends TUnitLike> = T & { children: TUnitNode<T>[] };

/** The unit's name in the reader's language: the Sorbian name where there is one, otherwise German. */
export function unitName(unit: Pick<TUnitLike, "name" | "nameDsb">, locale: TLocale): string {
  return locale === "dsb" && unit.nameDsb ? unit.nameDsb : unit.name;
}

/**
 * Nests a flat unit list, siblings sorted by name (German collation). Units whose
 * parent is not in the list (e.g. hidden as dissolved) become roots, so none is lost.
 */
export function buildTree<T extends TUnitLike>(units: readonly T[]): TUnitNode<T>[] {
  const nodes = new Map<string, TUnitNode<T>>(units.map((u) => [u.id, { ...u, children: [] }]));
  const roots: TUnitNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: TUnitNode<T>[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, "de"));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Depth-first order with depth, for select options that show the hierarchy. */
export function flattenTree<T extends TUnitLike>(
  roots: readonly TUnitNode<T>[],
  depth = 0,
): { unit: TUnitNode<T>; depth: number }[] {
  return roots.flatMap((unit) => [{ unit, depth }, ...flattenTree(unit.children, depth + 1)]);
}

/** The unit itself and every unit below it: the targets a move must not offer. */
export function subtreeIds(units: readonly TUnitLike[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && ids.has(u.parentId) && !ids.has(u.id)) {
        ids.add(u.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** The unit's ancestors from the top down (not including the unit). */
export function ancestorsOf<T extends TUnitLike>(units: readonly T[], unit: T): T[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const path: T[] = [];
  const seen = new Set([unit.id]);
  let current = unit.parentId ? byId.get(unit.parentId) : undefined;
  while (current && !seen.has(current.id)) {
    path.unshift(current);
    seen.add(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return path;
}

/** Option label indented by depth with non-breaking spaces (select options cannot be styled reliably). */
export function indentedLabel(unit: TUnitLike, depth: number, locale: TLocale): string {
  return `${"\u00a0\u00a0".repeat(depth)}${unit.code} – ${unitName(unit, locale)}`;
}
