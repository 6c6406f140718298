import { createHeadlessEditor } from "@lexical/headless";
import { $generateHtmlFromNodes } from "@lexical/html";
import type { EditorState, LexicalEditor } from "lexical";
import sanitizeHtml from "sanitize-html";

import { InvalidImageError, RICH_TEXT_NAMESPACE, richTextNodes } from "./nodes.ts";
import {
  checkRichTextSchema,
  DEFAULT_LIMITS,
  RichTextError,
  type RichTextLimits,
  type SchemaOptions,
} from "./schema.ts";
import { withServerDom } from "./server-dom.server.ts";
import type { TRichTextJson } from "./state.ts";
import { richTextTheme, themeClassNames } from "./theme.ts";
import { DEFAULT_URL_POLICY, isAllowedImageSrc, isAllowedLinkUrl, type UrlPolicy } from "./urls.ts";

export { DEFAULT_LIMITS, RichTextError, type RichTextLimits, type TRichTextErrorCode } from "./schema.ts";
export { DEFAULT_URL_POLICY, type UrlPolicy } from "./urls.ts";
export { emptyRichText, type TRichTextJson } from "./state.ts";

export type RichTextOptions = {
  limits?: Partial<RichTextLimits>;
  urlPolicy?: Partial<UrlPolicy>;
};

export type RenderedRichText = {
  /** Sanitised HTML, safe to inject with `dangerouslySetInnerHTML`. */
  html: string;
  /** Visible words for search: one line per paragraph, heading, list item or table cell. */
  text: string;
};

export type RichTextValidation = { ok: true; state: TRichTextJson } | { ok: false; error: RichTextError };

function schemaOptions(options: RichTextOptions, unsafeUrls: SchemaOptions["unsafeUrls"]): SchemaOptions {
  return {
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    urlPolicy: { ...DEFAULT_URL_POLICY, ...options.urlPolicy },
    unsafeUrls,
  };
}

function createServerEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: RICH_TEXT_NAMESPACE,
    nodes: [...richTextNodes],
    theme: richTextTheme,
    onError: (error) => {
      throw error;
    },
  });
}

function parseWithLexical(editor: LexicalEditor, clean: TRichTextJson): EditorState {
  try {
    return editor.parseEditorState(clean);
  } catch (error) {
    if (error instanceof RichTextError) throw error;
    if (error instanceof InvalidImageError) {
      throw new RichTextError(error.reason === "altText" ? "MISSING_ALT_TEXT" : "INVALID_NODE", "", "image");
    }
    throw new RichTextError("INVALID_NODE", "", "rejected by Lexical");
  }
}

/**
 * Checks submitted rich text before it is stored: bad structure, unknown
 * nodes, images without alt text and links or images with a disallowed URL
 * are refused (not repaired), so the author gets a clear message. On success
 * the state is returned normalised: only known fields, no inline styles.
 */
export function validateRichText(json: unknown, options: RichTextOptions = {}): RichTextValidation {
  try {
    const clean = checkRichTextSchema(json, schemaOptions(options, "reject"));
    const editor = createServerEditor();
    const state = parseWithLexical(editor, clean);
    return { ok: true, state: state.toJSON() as TRichTextJson };
  } catch (error) {
    if (error instanceof RichTextError) return { ok: false, error };
    return { ok: false, error: new RichTextError("INVALID_JSON") };
  }
}

type TextNodeJson = { type: string; text?: unknown; children?: TextNodeJson[] };

const LINE_BLOCKS = new Set(["paragraph", "heading", "quote", "listitem", "tablecell"]);

/** Plain text from the cleaned JSON; alt text is not visible and is left out. */
function extractText(root: TextNodeJson): string {
  const lines: string[] = [];
  let line = "";
  const flush = () => {
    if (line.trim() !== "") lines.push(line.replace(/[ \t]+/g, " ").trim());
    line = "";
  };
  const visit = (node: TextNodeJson): void => {
    switch (node.type) {
      case "text":
        line += typeof node.text === "string" ? node.text : "";
        return;
      case "tab":
        line += " ";
        return;
      case "linebreak":
        flush();
        return;
      default:
        break;
    }
    const isBlock = LINE_BLOCKS.has(node.type) || node.type === "list" || node.type === "table";
    if (isBlock) flush();
    for (const child of node.children ?? []) visit(child);
    if (isBlock) flush();
  };
  visit(root);
  flush();
  return lines.join("\n");
}

const DIGITS = /^\d{1,5}$/;
const ALLOWED_TAGS = [
  "p",
  "h2",
  "h3",
  "h4",
  "ul",
  "ol",
  "li",
  "a",
  "blockquote",
  "strong",
  "em",
  "u",
  "s",
  "code",
  "br",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "img",
];
/** A tag name that is not allowed: transforming into it drops the element but keeps its text. */
const DROP = "kn-dropped";

function keepNumber(attribs: Record<string, string>, name: string, min: number, max: number): void {
  const value = attribs[name];
  if (value === undefined) return;
  const n = DIGITS.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) delete attribs[name];
}

function sanitizerOptions(policy: UrlPolicy): sanitizeHtml.IOptions {
  const classes = themeClassNames(richTextTheme);
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ["href", "rel", "target"],
      img: ["src", "alt", "width", "height"],
      ol: ["start"],
      th: ["colspan", "rowspan"],
      td: ["colspan", "rowspan"],
    },
    allowedClasses: Object.fromEntries(ALLOWED_TAGS.map((tag) => [tag, classes])),
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["https"] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    allowedStyles: {},
    allowVulnerableTags: false,
    disallowedTagsMode: "discard",
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "template",
      "svg",
      "math",
      "iframe",
      "object",
      "embed",
      "xmp",
      "noembed",
      "noframes",
      "title",
    ],
    enforceHtmlBoundary: false,
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
    // Lexical writes <b><strong>, <i><em> and <span style>; b, i and span are not
    // allowed, so they are discarded and the inner element or text remains.
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href;
        if (!isAllowedLinkUrl(href, policy)) return { tagName: DROP, attribs: {} };
        const next: Record<string, string> = { href };
        if (attribs.class) next.class = attribs.class;
        if (attribs.target === "_blank") {
          next.target = "_blank";
          next.rel = "noopener noreferrer";
        }
        return { tagName, attribs: next };
      },
      img: (tagName, attribs) => {
        const alt = attribs.alt?.trim();
        if (!alt || !isAllowedImageSrc(attribs.src, policy)) return { tagName: DROP, attribs: {} };
        const next = { ...attribs, alt };
        keepNumber(next, "width", 1, 10_000);
        keepNumber(next, "height", 1, 10_000);
        return { tagName, attribs: next };
      },
      ol: (tagName, attribs) => {
        const next = { ...attribs };
        keepNumber(next, "start", 0, 1_000_000);
        return { tagName, attribs: next };
      },
      th: (tagName, attribs) => {
        const next = { ...attribs };
        keepNumber(next, "colspan", 1, 100);
        keepNumber(next, "rowspan", 1, 100);
        return { tagName, attribs: next };
      },
      td: (tagName, attribs) => {
        const next = { ...attribs };
        keepNumber(next, "colspan", 1, 100);
        keepNumber(next, "rowspan", 1, 100);
        return { tagName, attribs: next };
      },
    },
  };
}

/** Allowlist sanitiser for HTML produced by the headless editor; exported for tests. */
export function sanitizeRichTextHtml(html: string, urlPolicy: Partial<UrlPolicy> = {}): string {
  return sanitizeHtml(html, sanitizerOptions({ ...DEFAULT_URL_POLICY, ...urlPolicy }));
}

/**
 * Renders stored editor-state JSON to sanitised HTML plus plain text for
 * search, with the same node list as the browser editor. Structural problems
 * throw `RichTextError`; a link or image whose URL is no longer allowed is
 * dropped rather than failing the whole page.
 */
export function renderRichText(json: unknown, options: RichTextOptions = {}): RenderedRichText {
  const opts = schemaOptions(options, "drop");
  const clean = checkRichTextSchema(json, opts);
  const editor = createServerEditor();
  const state = parseWithLexical(editor, clean);
  editor.setEditorState(state);
  let raw: string;
  try {
    raw = withServerDom(() => editor.read(() => $generateHtmlFromNodes(editor, null)));
  } catch {
    throw new RichTextError("RENDER_FAILED");
  }
  return {
    html: sanitizeHtml(raw, sanitizerOptions(opts.urlPolicy)),
    text: extractText(clean.root as unknown as TextNodeJson),
  };
}

/** Plain text only (for the search indexer), without building HTML. */
export function richTextToPlainText(json: unknown, options: RichTextOptions = {}): string {
  const clean = checkRichTextSchema(json, schemaOptions(options, "drop"));
  return extractText(clean.root as unknown as TextNodeJson);
}

/** True when the state holds no visible text and no image (e.g. a required field left blank). */
export function isRichTextEmpty(json: unknown): boolean {
  const clean = checkRichTextSchema(json, schemaOptions({}, "drop"));
  const hasImage = JSON.stringify(clean).includes('"type":"image"');
  return !hasImage && extractText(clean.root as unknown as TextNodeJson) === "";
}
