import type { MessageKey } from "@kreisnetz/shared/i18n";
import type { TNewsStatus } from "@kreisnetz/shared/schemas/news";

/** Workflow steps; each names the statuses it may start from and where it leads. */
export const NEWS_ACTIONS = ["submit", "requestChanges", "approve", "schedule", "publish", "archive"] as const;
export type TNewsAction = (typeof NEWS_ACTIONS)[number];

const TRANSITIONS: Record<TNewsAction, { from: readonly TNewsStatus[]; to: TNewsStatus }> = {
  submit: { from: ["DRAFT", "CHANGES_REQUESTED"], to: "IN_REVIEW" },
  requestChanges: { from: ["IN_REVIEW", "APPROVED", "SCHEDULED"], to: "CHANGES_REQUESTED" },
  approve: { from: ["IN_REVIEW"], to: "APPROVED" },
  schedule: { from: ["IN_REVIEW", "APPROVED", "SCHEDULED"], to: "SCHEDULED" },
  /** Editors may also publish their own draft at once. */
  publish: { from: ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "SCHEDULED"], to: "PUBLISHED" },
  archive: { from: ["APPROVED", "SCHEDULED", "PUBLISHED"], to: "ARCHIVED" },
};

/** The status a step leads to from `from`, or null when the step is not allowed there. */
export function nextStatus(action: TNewsAction, from: TNewsStatus): TNewsStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(from) ? transition.to : null;
}

/** The steps possible from a status (the UI offers these buttons). */
export function actionsFrom(status: TNewsStatus): TNewsAction[] {
  return NEWS_ACTIONS.filter((action) => nextStatus(action, status) !== null);
}

/** The editorial workflow's verbs for activity events and the audit log. */
export const ACTION_VERB: Record<TNewsAction, string> = {
  submit: "news.submitted",
  requestChanges: "news.changes-requested",
  approve: "news.approved",
  schedule: "news.scheduled",
  publish: "news.published",
  archive: "news.archived",
};

/**
 * What readers see: a SCHEDULED post counts as PUBLISHED once its time has come
 * (before the timer job flips it), and a post past its unpublish time as ARCHIVED.
 */
export function effectiveStatus(
  post: { status: TNewsStatus; publishAt: Date | null; unpublishAt: Date | null },
  now: Date,
): TNewsStatus {
  let status = post.status;
  if (status === "SCHEDULED" && post.publishAt && post.publishAt <= now) status = "PUBLISHED";
  if (status === "PUBLISHED" && post.unpublishAt && post.unpublishAt <= now) status = "ARCHIVED";
  return status;
}

export function isLive(post: { status: TNewsStatus; publishAt: Date | null; unpublishAt: Date | null }, now: Date) {
  return effectiveStatus(post, now) === "PUBLISHED";
}

/** Content may be changed by its author while it is theirs to work on, by editors until archived. */
export function isEditableByAuthor(status: TNewsStatus): boolean {
  return status === "DRAFT" || status === "CHANGES_REQUESTED";
}

/** Checks a schedule; returns the message key of the first problem, or null. */
export function scheduleProblem(publishAt: Date, unpublishAt: Date | null | undefined, now: Date): MessageKey | null {
  if (publishAt.getTime() <= now.getTime()) return "news.error.publishAtPast";
  if (unpublishAt && unpublishAt.getTime() <= publishAt.getTime()) return "news.error.unpublishBeforePublish";
  return null;
}

export function pinProblem(from: Date | null, until: Date | null): MessageKey | null {
  if (from && until && until.getTime() <= from.getTime()) return "news.error.pinOrder";
  return null;
}

export function isPinned(post: { pinnedFrom: Date | null; pinnedUntil: Date | null }, now: Date): boolean {
  if (!post.pinnedFrom && !post.pinnedUntil) return false;
  return (!post.pinnedFrom || post.pinnedFrom <= now) && (!post.pinnedUntil || post.pinnedUntil > now);
}

/** Smallest group whose figures may be shown (DESIGN.md: analytics only per unit with >= 5 people). */
export const MIN_GROUP_SIZE = 5;

export type TUnitCount = { id: string; parentId: string | null; name: string; people: number; acknowledged: number };
export type TRateRow = {
  /** null for the bucket of small top-level units. */
  unitId: string | null;
  name: string;
  people: number;
  acknowledged: number;
  /** How many smaller units are counted in this row. */
  mergedUnits: number;
};
export type TRates = { rows: TRateRow[]; suppressed: boolean; people: number; acknowledged: number };

/**
 * Acknowledgement counts per unit, with every unit under `min` people folded into
 * its parent (deepest first, so chains of small units climb until a group is big
 * enough). Small top-level units form one bucket; if even that is too small it
 * joins the smallest shown row, so no shown figure (nor a difference of two)
 * describes fewer than `min` people. Below `min` in total nothing is shown.
 */
export function mergeSmallUnits(units: readonly TUnitCount[], min = MIN_GROUP_SIZE): TRates {
  const nodes = new Map(units.map((u) => [u.id, { ...u, mergedUnits: 0 }]));
  const depth = (id: string): number => {
    let d = 0;
    let current = nodes.get(id);
    const seen = new Set<string>();
    while (current?.parentId && nodes.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = nodes.get(current.parentId);
      d += 1;
    }
    return d;
  };
  const order = [...nodes.values()].map((n) => ({ n, d: depth(n.id) })).sort((a, b) => b.d - a.d);
  for (const { n } of order) {
    if (n.people >= min) continue;
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (!parent) continue;
    parent.people += n.people;
    parent.acknowledged += n.acknowledged;
    if (n.people > 0) parent.mergedUnits += 1 + n.mergedUnits;
    nodes.delete(n.id);
  }
  const people = units.reduce((s, u) => s + u.people, 0);
  const acknowledged = units.reduce((s, u) => s + u.acknowledged, 0);
  if (people < min) return { rows: [], suppressed: true, people: 0, acknowledged: 0 };

  const shown: TRateRow[] = [];
  const rest: TRateRow = { unitId: null, name: "", people: 0, acknowledged: 0, mergedUnits: 0 };
  for (const n of nodes.values()) {
    if (n.people === 0) continue;
    const row = {
      unitId: n.id,
      name: n.name,
      people: n.people,
      acknowledged: n.acknowledged,
      mergedUnits: n.mergedUnits,
    };
    if (n.people >= min) shown.push(row);
    else {
      rest.people += n.people;
      rest.acknowledged += n.acknowledged;
      rest.mergedUnits += 1 + n.mergedUnits;
    }
  }
  if (rest.people >= min) shown.push(rest);
  else if (rest.people > 0) {
    const smallest = shown.reduce((a, b) => (b.people < a.people ? b : a));
    smallest.people += rest.people;
    smallest.acknowledged += rest.acknowledged;
    smallest.mergedUnits += rest.mergedUnits;
  }
  shown.sort((a, b) => (a.unitId === null ? 1 : b.unitId === null ? -1 : a.name.localeCompare(b.name, "de")));
  return { rows: shown, suppressed: false, people, acknowledged };
}

/** The post's text in the reader's language: Lower Sorbian where given, German otherwise. */
export function localized<T extends string | null>(locale: string, german: T, sorbian: T | null | undefined): T {
  return locale === "dsb" && sorbian ? sorbian : german;
}

/** JSON with object keys sorted: jsonb reorders keys, so compare bodies through this. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
