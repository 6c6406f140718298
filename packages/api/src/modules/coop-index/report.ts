import { createRequire } from "node:module";
import { translate, type MessageKey, type TLocale, type TParams } from "@kreisnetz/shared/i18n";
import PDFDocument from "pdfkit";
import type { TDashboard } from "./service.ts";

/**
 * "Bericht an die Leitung": one quarter as a document model (headings, paragraphs, lists,
 * tables: strings only, built from the dashboard data, so units and unit pairs only), rendered as
 * an accessible tagged PDF or as CSV. The privacy tests read the model and the CSV.
 */
export type TReportBlock =
  | { kind: "h1" | "h2" | "p"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; caption: string; head: string[]; rows: string[][] };

export type TReport = { title: string; lang: string; blocks: TReportBlock[] };

const points = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("de-DE", { style: "percent", maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat("de-DE");
const pts = (v: number | null | undefined) => (v === null || v === undefined ? "–" : points.format(v));
const share = (v: number | null | undefined) => (v === null || v === undefined ? "–" : percent.format(v));

const LANG: Record<TLocale, string> = { de: "de-DE", dsb: "dsb-DE", en: "en-GB" };

export function buildReport(data: TDashboard, locale: TLocale): TReport {
  const t = (key: MessageKey, params?: TParams) => translate(locale, key, params);
  const trendText = (trend: TDashboard["units"][number]["trend"]) =>
    !trend
      ? t("coop.trend.none")
      : trend.direction === "stabil"
        ? t("coop.trend.stabil")
        : t(`coop.trend.${trend.direction}`, { delta: pts(Math.abs(trend.delta)) });
  const org = data.organisation;
  const quarter = data.quarterLabel ?? "–";
  const title = `${t("coop.reportHeading")} – ${t("coop.title")} ${quarter}`;
  const blocks: TReportBlock[] = [{ kind: "h1", text: title }];
  blocks.push({
    kind: "p",
    text: `${t(`coop.level.${data.level}`)} · ${t("coop.methodVersion", { version: data.methodVersion })} · ${
      data.frozen ? t("coop.frozen") : t("coop.provisional", { date: data.freezeDate ?? "–" })
    }`,
  });
  if (!org) {
    blocks.push({ kind: "p", text: t("coop.empty") });
    return { title, lang: LANG[locale], blocks };
  }
  const names = new Map(data.units.map((u) => [u.unitId, u.name]));
  const pairName = (p: { unitIdA: string; unitIdB: string }) => `${names.get(p.unitIdA)} – ${names.get(p.unitIdB)}`;

  blocks.push({ kind: "h2", text: t("coop.headline", { quarter }) });
  blocks.push({
    kind: "p",
    text: `${org.index === null ? t("coop.noIndex") : t("coop.points", { value: pts(org.index) })}. ${t(
      "coop.vsPrevious",
    )}: ${trendText(org.trend)}. ${t("coop.vsYearAgo")}: ${trendText(org.yearTrend)}.`,
  });

  const available = org.components.filter((c) => c.score !== null);
  const strongest = [...available].sort((a, b) => b.score! - a.score!)[0];
  const weakest = [...available].sort((a, b) => a.score! - b.score!)[0];
  const sortedPairs = [...data.pairs].sort((a, b) => b.weight - a.weight);
  const messages = [
    org.index === null
      ? t("coop.noIndex")
      : t("coop.msg.index", { value: pts(org.index), trend: trendText(org.trend) }),
    t("coop.msg.projects", {
      cross: integer.format(org.crossUnitProjects),
      active: integer.format(org.activeProjects),
    }),
    sortedPairs[0]
      ? t("coop.msg.strongest", { a: names.get(sortedPairs[0].unitIdA)!, b: names.get(sortedPairs[0].unitIdB)! })
      : strongest
        ? t("coop.msg.strongestComponent", {
            component: t(`coop.component.${strongest.id}`),
            score: pts(strongest.score),
          })
        : t("coop.msg.coverage", { share: share(org.coverage) }),
  ];
  if (weakest && weakest !== strongest) {
    messages[2] = `${messages[2]} ${t("coop.msg.weakestComponent", { component: t(`coop.component.${weakest.id}`), score: pts(weakest.score) })}`;
  }
  blocks.push({ kind: "h2", text: t("coop.keyMessages") }, { kind: "list", items: messages });

  blocks.push({ kind: "h2", text: t("coop.componentsHeading") });
  blocks.push({
    kind: "table",
    caption: t("coop.componentsHeading"),
    head: [t("coop.col.component"), t("coop.col.raw"), t("coop.col.score"), t("coop.col.weight"), t("coop.col.points")],
    rows: org.components.map((c) => [
      `${c.id} ${t(`coop.component.${c.id}`)}`,
      c.status === "disabled" ? t("coop.disabled") : c.status === "n/a" ? t("coop.na") : share(c.raw),
      pts(c.score),
      c.status === "disabled" ? "–" : integer.format(c.weight),
      pts(c.points),
    ]),
  });

  blocks.push({ kind: "h2", text: t("coop.trendHeading") });
  blocks.push({
    kind: "table",
    caption: t("coop.trendHeading"),
    head: [t("coop.col.quarter"), t("coop.col.index"), t("coop.col.note")],
    rows: data.trend.map((p) => [p.label, pts(p.index), p.structureBreak ? t("coop.break") : ""]),
  });

  blocks.push({ kind: "h2", text: t("coop.unitsHeading") });
  blocks.push({
    kind: "table",
    caption: t("coop.unitsHeading"),
    head: [
      t("coop.col.unit"),
      t("coop.col.index"),
      t("coop.col.previous"),
      t("coop.col.trend"),
      t("coop.col.yearAgo"),
      t("coop.col.note"),
    ],
    rows: data.units.map((u) => [
      u.name,
      pts(u.index),
      pts(u.previous),
      trendText(u.trend),
      pts(u.yearAgo),
      u.structureBreak ? t("coop.break") : "",
    ]),
  });

  const pairHead = [t("coop.col.pair"), t("coop.col.weightW"), t("coop.col.shared")];
  const pairRow = (p: (typeof sortedPairs)[number]) => [
    pairName(p),
    two.format(p.weight),
    integer.format(p.sharedObjects),
  ];
  const strong = sortedPairs.filter((p) => p.tie).slice(0, 5);
  const weak = [...sortedPairs]
    .reverse()
    .filter((p) => !strong.includes(p))
    .slice(0, 5);
  blocks.push({ kind: "h2", text: t("coop.strongPairs") });
  blocks.push(
    strong.length > 0
      ? { kind: "table", caption: t("coop.strongPairs"), head: pairHead, rows: strong.map(pairRow) }
      : { kind: "p", text: t("coop.noPairs") },
  );
  blocks.push({ kind: "h2", text: t("coop.weakPairs") });
  blocks.push(
    weak.length > 0
      ? { kind: "table", caption: t("coop.weakPairs"), head: pairHead, rows: weak.map(pairRow) }
      : { kind: "p", text: t("coop.noPairs") },
  );

  blocks.push({ kind: "h2", text: t("coop.coverageHeading") });
  blocks.push({
    kind: "p",
    text: t("coop.coverage", {
      share: share(org.coverage),
      active: integer.format(org.activePersons),
      headcount: integer.format(org.headcount),
    }),
  });
  if (data.dataQuality) {
    blocks.push({ kind: "h2", text: t("coop.qualityHeading") });
    blocks.push({
      kind: "table",
      caption: t("coop.qualityHeading"),
      head: [t("coop.qualityHeading"), "#"],
      rows: Object.entries(data.dataQuality).map(([k, v]) => [
        t(`coop.quality.${k as keyof NonNullable<TDashboard["dataQuality"]>}`),
        integer.format(v),
      ]),
    });
  }
  blocks.push({ kind: "h2", text: t("coop.method.title") });
  blocks.push({
    kind: "p",
    text: `${t("coop.methodVersion", { version: data.methodVersion })}. ${t("coop.method.p1")}`,
  });
  blocks.push({ kind: "p", text: t("coop.method.p5") });
  return { title, lang: LANG[locale], blocks };
}

/** CSV (semicolon, as German spreadsheets expect; UTF-8 with BOM): one row per figure. */
export function reportCsv(data: TDashboard, locale: TLocale): string {
  const t = (key: MessageKey, params?: TParams) => translate(locale, key, params);
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : typeof v === "number" ? String(Math.round(v * 1000) / 1000).replace(".", ",") : v;
    return /[";\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : s;
  };
  const rows: (string | number | null)[][] = [
    ["section", "quarter", "unit", "partner", "component", "raw", "score", "points", "index", "method_version"],
  ];
  const q = data.quarter ?? "";
  const v = data.methodVersion;
  for (const p of data.trend) {
    rows.push(["trend", p.quarter, t("coop.title"), null, null, null, null, null, p.index, v]);
    if (p.structureBreak)
      rows.push(["structure-break", p.quarter, t("coop.break"), null, null, null, null, null, null, v]);
  }
  if (data.organisation) {
    for (const c of data.organisation.components) {
      rows.push(["organisation", q, t("coop.title"), null, c.id, c.raw, c.score, c.points, data.organisation.index, v]);
    }
    rows.push(["coverage", q, t("coop.title"), null, null, data.organisation.coverage, null, null, null, v]);
  }
  for (const u of data.units) {
    for (const c of u.components) rows.push(["unit", q, u.name, null, c.id, c.raw, c.score, c.points, u.index, v]);
  }
  const names = new Map(data.units.map((u) => [u.unitId, u.name]));
  for (const p of data.pairs) {
    rows.push(["pair", q, names.get(p.unitIdA) ?? "", names.get(p.unitIdB) ?? "", "W", p.weight, null, null, null, v]);
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(";")).join("\r\n")}\r\n`;
}

const require = createRequire(import.meta.url);
/** DejaVu Sans: embedded, with German umlauts and ß and the Lower Sorbian letters (ě, ł, ŕ, ś, ź ...). */
const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");

/** The report as a tagged PDF (structure tree: H1/H2/P/L/Table with TH/TD, document language, title shown). */
export function reportPdf(report: TReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    pdfVersion: "1.7",
    tagged: true,
    lang: report.lang,
    displayTitle: true,
    info: { Title: report.title, Author: "Kreisnetz", Subject: report.title },
  });
  doc.registerFont("body", FONT);
  doc.registerFont("bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const root = doc.struct("Document");
  doc.addStructure(root);
  const width = doc.page.width - 2 * 56;
  const bottom = () => doc.page.height - 56;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  for (const block of report.blocks) {
    if (block.kind === "h1" || block.kind === "h2") {
      const size = block.kind === "h1" ? 18 : 13;
      ensure(size * 3);
      doc.moveDown(block.kind === "h1" ? 0 : 0.8);
      root.add(
        doc.struct(block.kind === "h1" ? "H1" : "H2", {}, () =>
          doc.font("bold").fontSize(size).text(block.text, { width }),
        ),
      );
      doc.moveDown(0.3);
    } else if (block.kind === "p") {
      doc.font("body").fontSize(10);
      ensure(doc.heightOfString(block.text, { width }));
      root.add(doc.struct("P", {}, () => doc.font("body").fontSize(10).text(block.text, { width })));
      doc.moveDown(0.4);
    } else if (block.kind === "list") {
      const list = doc.struct("L");
      root.add(list);
      for (const item of block.items) {
        doc.font("body").fontSize(10);
        ensure(doc.heightOfString(item, { width: width - 16 }) + 4);
        const y = doc.y;
        const li = doc.struct("LI");
        list.add(li);
        li.add(doc.struct("Lbl", {}, () => doc.font("body").fontSize(10).text("•", 56, y, { width: 12 })));
        li.add(
          doc.struct("LBody", {}, () =>
            doc
              .font("body")
              .fontSize(10)
              .text(item, 72, y, { width: width - 16 }),
          ),
        );
        li.end();
        doc.moveDown(0.3);
      }
      list.end();
      doc.x = 56;
    } else if (block.kind === "table") {
      const table = doc.struct("Table", { title: block.caption });
      root.add(table);
      const cols = block.head.length;
      const first = cols > 2 ? width * 0.36 : width * 0.6;
      const colW = (i: number) => (i === 0 ? first : (width - first) / (cols - 1));
      const colX = (i: number) => 56 + (i === 0 ? 0 : first + (i - 1) * colW(1));
      const row = (cells: string[], header: boolean) => {
        doc.font(header ? "bold" : "body").fontSize(9);
        const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: colW(i) - 6 }))) + 4;
        ensure(h);
        const y = doc.y;
        const tr = doc.struct("TR");
        table.add(tr);
        cells.forEach((c, i) => {
          const tag = header ? "TH" : i === 0 ? "TH" : "TD";
          const scope = header ? "Column" : i === 0 ? "Row" : undefined;
          tr.add(
            // pdfkit writes /A << /O /Table /Scope ... >> for `scope`; its types do not list it yet
            doc.struct(tag, (scope ? { scope } : {}) as object, () =>
              doc
                .font(header ? "bold" : "body")
                .fontSize(9)
                .text(c, colX(i), y, { width: colW(i) - 6 }),
            ),
          );
        });
        tr.end();
        doc.y = y + h;
        doc.x = 56;
      };
      row(block.head, true);
      for (const r of block.rows) row(r, false);
      table.end();
      doc.moveDown(0.5);
    }
  }
  root.end();
  doc.end();
  return done;
}
