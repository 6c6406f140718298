/**
 * What a reader may see, as a Meilisearch filter (ADR 0011). The caller loads
 * the reader's facts from PostgreSQL with the modules' own policies; this file
 * only turns them into a filter expression.
 */
export type TReader = {
  userId: string;
  /** The reader's unit and all its ancestors. */
  unitIds: readonly string[];
  /** Projects the reader is a member of (any role, guests included). */
  projectIds: readonly string[];
};

/** Quotes a value for a Meilisearch filter string. */
export function quote(value: string | number): string {
  if (typeof value === "number") return String(value);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function inList(field: string, values: readonly string[]): string | null {
  if (values.length === 0) return null;
  return `${field} IN [${values.map(quote).join(", ")}]`;
}

/** `visibility = "all" OR projectId IN [...] OR audienceUnitIds IN [...] OR readerIds = "..."`. */
export function readerFilter(reader: TReader): string {
  const parts = [
    `visibility = "all"`,
    inList("projectId", reader.projectIds),
    inList("audienceUnitIds", reader.unitIds),
    `readerIds = ${quote(reader.userId)}`,
  ].filter((p): p is string => p !== null);
  return `(${parts.join(" OR ")})`;
}

export type TSearchFilters = {
  types?: readonly string[];
  unitIds?: readonly string[];
  tags?: readonly string[];
  years?: readonly number[];
};

/** The reader's filter AND the user's chosen facets (values within a facet are OR-ed). */
export function buildFilter(reader: TReader, filters: TSearchFilters = {}): string {
  const parts = [readerFilter(reader)];
  if (filters.types?.length) parts.push(`type IN [${filters.types.map(quote).join(", ")}]`);
  if (filters.unitIds?.length) parts.push(`unitIds IN [${filters.unitIds.map(quote).join(", ")}]`);
  if (filters.tags?.length) parts.push(`tags IN [${filters.tags.map(quote).join(", ")}]`);
  if (filters.years?.length) parts.push(`year IN [${filters.years.map(quote).join(", ")}]`);
  return parts.join(" AND ");
}
