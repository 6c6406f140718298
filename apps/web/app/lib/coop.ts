import type { Translate } from "@kreisnetz/shared/i18n";

/** Formatting for the cooperation-index pages and reports (numbers always de-DE, DESIGN.md). */
const points = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const raw = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("de-DE", { style: "percent", maximumFractionDigits: 0 });

export function fmtPoints(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : points.format(value);
}

export function fmtRaw(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : raw.format(value);
}

export function fmtShare(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : percent.format(value);
}

export type TTrendValue = { delta: number; direction: "up" | "down" | "stabil" } | null;

const ARROWS = { up: "▲", down: "▼", stabil: "■" } as const;

/** The arrow glyph (decorative) and the words for a trend; arrows only for changes of 5 points or more. */
export function trendParts(t: Translate, trend: TTrendValue): { arrow: string; text: string } {
  if (!trend) return { arrow: "", text: t("coop.trend.none") };
  const delta = fmtPoints(Math.abs(trend.delta));
  if (trend.direction === "stabil") return { arrow: ARROWS.stabil, text: t("coop.trend.stabil") };
  return { arrow: ARROWS[trend.direction], text: t(`coop.trend.${trend.direction}`, { delta }) };
}
