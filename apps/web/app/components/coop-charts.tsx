import { useId } from "react";
import { fmtPoints, fmtRaw } from "../lib/coop.ts";
import { useT } from "../lib/i18n.ts";

type TPoint = { label: string; index: number | null; structureBreak?: boolean };

/** The organisation index per quarter as an inline SVG line chart, described for screen readers. */
export function TrendChart({ points }: { points: TPoint[] }) {
  const t = useT();
  const titleId = useId();
  const descId = useId();
  const W = 600;
  const H = 220;
  const pad = { left: 36, right: 12, top: 12, bottom: 32 };
  const x = (i: number) => pad.left + (points.length <= 1 ? 0 : (i * (W - pad.left - pad.right)) / (points.length - 1));
  const y = (v: number) => pad.top + ((100 - v) * (H - pad.top - pad.bottom)) / 100;
  // the line is broken where the structure changed: no segment joins values that are not comparable
  const segments: string[][] = [[]];
  points.forEach((p, i) => {
    if (p.structureBreak && i > 0 && segments.at(-1)!.length > 0) segments.push([]);
    if (p.index !== null) segments.at(-1)!.push(`${x(i).toFixed(1)},${y(p.index).toFixed(1)}`);
  });
  const breaks = points.map((p, i) => (p.structureBreak && i > 0 ? i : -1)).filter((i) => i > 0);
  const described = points
    .map((p) => `${p.label}: ${fmtPoints(p.index)}${p.structureBreak ? ` (${t("coop.break")})` : ""}`)
    .join("; ");
  return (
    <svg
      className="coop-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>{t("coop.trendHeading")}</title>
      <desc id={descId}>{`${t("coop.trendAlt")} ${described}`}</desc>
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v} aria-hidden="true">
          <line x1={pad.left} x2={W - pad.right} y1={y(v)} y2={y(v)} className="coop-grid" />
          <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" className="coop-axis">
            {v}
          </text>
        </g>
      ))}
      {breaks.map((i) => (
        <line
          key={`break-${i}`}
          x1={(x(i - 1) + x(i)) / 2}
          x2={(x(i - 1) + x(i)) / 2}
          y1={pad.top}
          y2={H - pad.bottom}
          className="coop-break"
          aria-hidden="true"
        />
      ))}
      {segments.map((segment, k) =>
        segment.length === 0 ? null : (
          <polyline key={k} points={segment.join(" ")} className="coop-line" fill="none" aria-hidden="true" />
        ),
      )}
      {points.map((p, i) =>
        p.index === null ? null : (
          <circle key={p.label} cx={x(i)} cy={y(p.index)} r={4} className="coop-dot" aria-hidden="true" />
        ),
      )}
      {points.map((p, i) => (
        <text key={p.label} x={x(i)} y={H - 10} textAnchor="middle" className="coop-axis" aria-hidden="true">
          {p.label.replace(" ", "\u00a0")}
        </text>
      ))}
    </svg>
  );
}

type TUnit = { unitId: string; name: string };
type TPair = { unitIdA: string; unitIdB: string; weight: number; sharedObjects: number; tie: boolean };

/** Unit x unit matrix of W_ab as a table; pairs below the pair gate are simply absent (empty cells). */
export function Heatmap({ units, pairs }: { units: TUnit[]; pairs: TPair[] }) {
  const t = useT();
  const captionId = useId();
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const byKey = new Map(pairs.map((p) => [key(p.unitIdA, p.unitIdB), p]));
  const max = Math.max(1, ...pairs.map((p) => p.weight));
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="coop-heatmap">
        <caption id={captionId}>{t("coop.heatmapCaption")}</caption>
        <thead>
          <tr>
            <td />
            {units.map((u) => (
              <th key={u.unitId} scope="col">
                {u.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map((row) => (
            <tr key={row.unitId}>
              <th scope="row">{row.name}</th>
              {units.map((col) => {
                const p = row.unitId === col.unitId ? undefined : byKey.get(key(row.unitId, col.unitId));
                const level = p ? Math.min(4, Math.ceil((p.weight / max) * 4)) : 0;
                return (
                  <td key={col.unitId} className={`heat-${level}`}>
                    {p ? fmtRaw(p.weight) : ""}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Units on a circle, lines for collaboration (thicker = more); the pair table below is the text alternative. */
export function NetworkGraph({ units, pairs }: { units: TUnit[]; pairs: TPair[] }) {
  const t = useT();
  const titleId = useId();
  const descId = useId();
  const S = 420;
  const r = 150;
  const pos = new Map(
    units.map((u, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, units.length) - Math.PI / 2;
      return [u.unitId, { x: S / 2 + r * Math.cos(a), y: S / 2 + r * Math.sin(a) }];
    }),
  );
  const max = Math.max(1, ...pairs.map((p) => p.weight));
  return (
    <svg className="coop-network" viewBox={`0 0 ${S} ${S}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{t("coop.networkHeading")}</title>
      <desc id={descId}>{t("coop.networkAlt")}</desc>
      {pairs.map((p) => {
        const a = pos.get(p.unitIdA);
        const b = pos.get(p.unitIdB);
        if (!a || !b) return null;
        return (
          <line
            key={`${p.unitIdA}-${p.unitIdB}`}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            className={p.tie ? "coop-edge tie" : "coop-edge"}
            strokeWidth={1 + (5 * p.weight) / max}
            aria-hidden="true"
          />
        );
      })}
      {units.map((u) => {
        const p = pos.get(u.unitId)!;
        const label = u.name.length > 18 ? `${u.name.slice(0, 17)}…` : u.name;
        return (
          <g key={u.unitId} aria-hidden="true">
            <circle cx={p.x} cy={p.y} r={9} className="coop-node" />
            <text x={p.x} y={p.y + (p.y > S / 2 ? 24 : -14)} textAnchor="middle" className="coop-axis">
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
