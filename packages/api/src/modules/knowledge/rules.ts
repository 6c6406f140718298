/**
 * Pure rules of the knowledge base: links between articles, text diffs,
 * verification status. No I/O; unit-tested in rules.test.ts.
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ARTICLE_URL = new RegExp(`^/knowledge/a/(${UUID})(?:[?#].*)?$`, "i");

/** The path of an article page; links to it in other articles become backlinks. */
export function articlePath(id: string): string {
  return `/knowledge/a/${id}`;
}

/** Ids of articles linked from a Lexical state (link nodes whose url is an article path). */
export function linkedArticleIds(state: unknown): string[] {
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; url?: unknown; children?: unknown; root?: unknown };
    if ((n.type === "link" || n.type === "autolink") && typeof n.url === "string") {
      const match = ARTICLE_URL.exec(n.url);
      if (match?.[1]) ids.add(match[1].toLowerCase());
    }
    if (n.root) visit(n.root);
    if (Array.isArray(n.children)) for (const child of n.children) visit(child);
  };
  visit(state);
  return [...ids];
}

export type TDiffLine = { op: "same" | "added" | "removed"; text: string };

/** Line diff (longest common subsequence) of two plain texts, for the version history. */
export function diffLines(before: string, after: string): TDiffLine[] {
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: TDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ op: "removed", text: a[i++]! });
    } else {
      out.push({ op: "added", text: b[j++]! });
    }
  }
  while (i < n) out.push({ op: "removed", text: a[i++]! });
  while (j < m) out.push({ op: "added", text: b[j++]! });
  return out;
}

export type TVerification = "verified" | "due" | "unverified";

/**
 * "verified": checked and the review date is not reached; "due": the review date
 * has passed (or was never set after a check a year ago); "unverified": never checked.
 */
export function verificationStatus(
  article: { verifiedAt: Date | null; reviewDueAt: Date | null },
  now: Date = new Date(),
): TVerification {
  if (!article.verifiedAt) return article.reviewDueAt && article.reviewDueAt <= now ? "due" : "unverified";
  if (article.reviewDueAt) return article.reviewDueAt <= now ? "due" : "verified";
  const yearLater = new Date(article.verifiedAt);
  yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);
  return yearLater <= now ? "due" : "verified";
}

/** Default next review: one year after a check. */
export function nextReviewDate(from: Date): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear() + 1, from.getUTCMonth(), from.getUTCDate()));
  return d;
}

export type THandoverCandidate = { id: string; roles: readonly string[]; name: string };

/**
 * Who takes over an article whose owner was deactivated: a LEADERSHIP person of the
 * owner unit, else its first EDITOR (by name), else null (the caller tries the parent unit).
 */
export function pickHandoverOwner(candidates: readonly THandoverCandidate[]): string | null {
  const byName = [...candidates].sort((x, y) => x.name.localeCompare(y.name, "de"));
  return (
    byName.find((c) => c.roles.includes("LEADERSHIP"))?.id ?? byName.find((c) => c.roles.includes("EDITOR"))?.id ?? null
  );
}

/** How many days before its review date the owner is first reminded. */
export const REVIEW_REMINDER_DAYS = 7;

export type TReviewStage = "soon" | "due";

/**
 * Which reminder a review date calls for on `today` (both "YYYY-MM-DD", Berlin
 * days): "due" from the review day on, "soon" in the REVIEW_REMINDER_DAYS before
 * it, none earlier. Each stage goes out once per article and review date.
 */
export function reviewStage(reviewDue: string, today: string): TReviewStage | null {
  if (reviewDue <= today) return "due";
  const first = new Date(`${reviewDue}T00:00:00Z`);
  first.setUTCDate(first.getUTCDate() - REVIEW_REMINDER_DAYS);
  return first.toISOString().slice(0, 10) <= today ? "soon" : null;
}
