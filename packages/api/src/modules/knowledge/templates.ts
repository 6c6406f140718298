import type { TKnowledgeTemplate } from "@kreisnetz/shared/schemas/knowledge";

/** A simple outline of blocks, turned into Lexical JSON (templates, demo data, tests). */
export type TBlock = { h2: string } | { p: string } | { link: { text: string; url: string; before?: string } };

const text = (value: string) => ({
  type: "text",
  version: 1,
  text: value,
  format: 0,
  style: "",
  mode: "normal",
  detail: 0,
});

const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({
  type,
  version: 1,
  direction: null,
  format: "",
  indent: 0,
  children,
  ...extra,
});

export function richTextFromBlocks(blocks: readonly TBlock[]): Record<string, unknown> {
  const children = blocks.map((block) => {
    if ("h2" in block) return element("heading", [text(block.h2)], { tag: "h2" });
    if ("p" in block) return element("paragraph", block.p ? [text(block.p)] : [], { textFormat: 0, textStyle: "" });
    return element(
      "paragraph",
      [
        ...(block.link.before ? [text(block.link.before)] : []),
        element("link", [text(block.link.text)], { url: block.link.url, rel: null, target: null, title: null }),
      ],
      { textFormat: 0, textStyle: "" },
    );
  });
  return { root: element("root", children) };
}

/** The starting structure of each template (German; the author fills it in). */
export const TEMPLATE_BLOCKS: Record<TKnowledgeTemplate, readonly TBlock[]> = {
  ANLEITUNG: [
    { h2: "Worum geht es?" },
    { p: "" },
    { h2: "Voraussetzungen" },
    { p: "" },
    { h2: "Schritt für Schritt" },
    { p: "" },
    { h2: "Ansprechperson" },
    { p: "" },
  ],
  PROZESS: [
    { h2: "Zweck und Geltungsbereich" },
    { p: "" },
    { h2: "Beteiligte und Zuständigkeiten" },
    { p: "" },
    { h2: "Ablauf" },
    { p: "" },
    { h2: "Rechtsgrundlagen" },
    { p: "" },
  ],
  LESSONS_LEARNED: [
    { h2: "Ausgangslage" },
    { p: "" },
    { h2: "Was lief gut?" },
    { p: "" },
    { h2: "Was würden wir anders machen?" },
    { p: "" },
    { h2: "Empfehlungen" },
    { p: "" },
  ],
  FAQ: [{ h2: "Frage 1" }, { p: "Antwort" }, { h2: "Frage 2" }, { p: "Antwort" }],
  FREI: [{ p: "" }],
};

export function templateContent(template: TKnowledgeTemplate): Record<string, unknown> {
  return richTextFromBlocks(TEMPLATE_BLOCKS[template]);
}
