import type { EditorThemeClasses } from "lexical";

/**
 * Class names Lexical puts on the editor DOM and on rendered HTML. They are the
 * only classes the server-side sanitiser lets through, so the reading view and
 * the editor can share one stylesheet. Prefix `kn-rt-` (Kreisnetz rich text).
 */
export const richTextTheme = {
  root: "kn-rt-root",
  paragraph: "kn-rt-p",
  heading: {
    h2: "kn-rt-h2",
    h3: "kn-rt-h3",
    h4: "kn-rt-h4",
  },
  quote: "kn-rt-quote",
  link: "kn-rt-link",
  list: {
    ul: "kn-rt-ul",
    ol: "kn-rt-ol",
    listitem: "kn-rt-li",
    nested: {
      list: "kn-rt-nested-list",
      listitem: "kn-rt-nested-li",
    },
  },
  text: {
    bold: "kn-rt-bold",
    italic: "kn-rt-italic",
    underline: "kn-rt-underline",
    strikethrough: "kn-rt-strike",
    underlineStrikethrough: "kn-rt-underline-strike",
    code: "kn-rt-code",
  },
  table: "kn-rt-table",
  tableRow: "kn-rt-tr",
  tableCell: "kn-rt-td",
  tableCellHeader: "kn-rt-th",
  tableSelected: "kn-rt-table-selected",
  tableCellSelected: "kn-rt-cell-selected",
  tableScrollableWrapper: "kn-rt-table-wrapper",
  image: "kn-rt-image",
} satisfies EditorThemeClasses;

/** Every class name the theme can produce, for the sanitiser's allowlist. */
export function themeClassNames(theme: EditorThemeClasses = richTextTheme): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      for (const name of value.split(/\s+/)) if (name) names.add(name);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === "object") {
      Object.values(value).forEach(visit);
    }
  };
  visit(theme);
  return [...names].sort();
}
