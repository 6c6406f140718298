import {
  assertImagePayload,
  HEADING_TAGS,
  InvalidImageError,
  type THeadingTag,
  type TRichTextNodeType,
} from "./nodes.ts";
import type { TRichTextJson } from "./state.ts";
import { DEFAULT_URL_POLICY, isAllowedImageSrc, isAllowedLinkUrl, type UrlPolicy } from "./urls.ts";

/**
 * Why a rich-text state was refused. Stable codes: callers map them to a
 * translated message (e.g. `richText.error.<code>`), never show `message`.
 */
export type TRichTextErrorCode =
  | "INVALID_JSON"
  | "NOT_AN_OBJECT"
  | "TOO_LARGE"
  | "TOO_DEEP"
  | "TOO_MANY_NODES"
  | "MISSING_ROOT"
  | "UNKNOWN_NODE_TYPE"
  | "INVALID_NODE"
  | "INVALID_STRUCTURE"
  | "MISSING_ALT_TEXT"
  | "UNSAFE_URL"
  | "RENDER_FAILED";

export class RichTextError extends Error {
  constructor(
    readonly code: TRichTextErrorCode,
    /** Where in the JSON, e.g. `root.children[2].children[0]`; for logs and tests. */
    readonly path: string = "",
    detail?: string,
  ) {
    super(`Rich text rejected: ${code}${path ? ` at ${path}` : ""}${detail ? ` (${detail})` : ""}`);
    this.name = "RichTextError";
  }
}

export type RichTextLimits = {
  /** Maximum UTF-8 size of the serialized state. */
  maxBytes: number;
  /** Maximum nesting of Lexical nodes below the root. */
  maxDepth: number;
  /** Maximum number of Lexical nodes. */
  maxNodes: number;
};

export const DEFAULT_LIMITS: RichTextLimits = {
  maxBytes: 1_000_000,
  maxDepth: 24,
  maxNodes: 20_000,
};

export type SchemaOptions = {
  limits: RichTextLimits;
  urlPolicy: UrlPolicy;
  /**
   * `reject`: an unsafe link or image URL is an error (creating content).
   * `drop`: the link is unwrapped and the image removed (rendering stored content).
   */
  unsafeUrls: "reject" | "drop";
};

export const DEFAULT_SCHEMA_OPTIONS: SchemaOptions = {
  limits: DEFAULT_LIMITS,
  urlPolicy: DEFAULT_URL_POLICY,
  unsafeUrls: "reject",
};

type Json = Record<string, unknown>;
type CleanNode = Json & { type: TRichTextNodeType; version: 1; children?: CleanNode[] };

const BLOCKS = ["paragraph", "heading", "quote", "list", "table"] as const;
const INLINES = ["text", "linebreak", "tab", "link", "image"] as const;
const ALLOWED_CHILDREN: Record<TRichTextNodeType, readonly TRichTextNodeType[]> = {
  root: BLOCKS,
  paragraph: INLINES,
  heading: INLINES,
  quote: INLINES,
  list: ["listitem"],
  listitem: [...INLINES, "list"],
  link: ["text", "linebreak", "tab"],
  table: ["tablerow"],
  tablerow: ["tablecell"],
  tablecell: ["paragraph", "heading", "quote", "list"],
  text: [],
  linebreak: [],
  tab: [],
  image: [],
};
const ELEMENT_TYPES = new Set<TRichTextNodeType>([
  "root",
  "paragraph",
  "heading",
  "quote",
  "list",
  "listitem",
  "link",
  "table",
  "tablerow",
  "tablecell",
]);
const KNOWN_TYPES = new Set<string>(Object.keys(ALLOWED_CHILDREN));
/** bold | italic | strikethrough | underline | code: the formats the toolbar offers and the sanitiser keeps. */
const ALLOWED_TEXT_FORMAT_MASK = 1 | 2 | 4 | 8 | 16;
const HEADING_NORMALISATION: Record<string, THeadingTag> = {
  h1: "h2",
  h2: "h2",
  h3: "h3",
  h4: "h4",
  h5: "h4",
  h6: "h4",
};
const MAX_SPAN = 100;
const MAX_TITLE_LENGTH = 500;

function isPlainObject(value: unknown): value is Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Iterative pass over raw JSON before anything recursive touches it: bounds
 * nesting (which also catches cycles) and the number of values, so a hostile
 * state cannot blow the stack of `JSON.stringify` or of the schema walk.
 */
function preScan(value: unknown, limits: RichTextLimits): void {
  const maxJsonDepth = limits.maxDepth * 2 + 8;
  const maxValues = limits.maxNodes * 20;
  const stack: [unknown, number][] = [[value, 0]];
  let count = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++count > maxValues) throw new RichTextError("TOO_MANY_NODES");
    if (current === null || typeof current !== "object") {
      if (typeof current === "bigint" || typeof current === "function" || typeof current === "symbol") {
        throw new RichTextError("INVALID_JSON");
      }
      continue;
    }
    if (depth >= maxJsonDepth) throw new RichTextError("TOO_DEEP");
    const values = Array.isArray(current) ? current : isPlainObject(current) ? Object.values(current) : null;
    if (values === null) throw new RichTextError("INVALID_JSON");
    for (const child of values) stack.push([child, depth + 1]);
  }
}

/** Parses a string (what a form field sends) or takes an object, and bounds its size. */
export function readRichTextInput(input: unknown, limits: RichTextLimits): Json {
  let value = input;
  if (typeof input === "string") {
    // A UTF-8 byte is at most one UTF-16 unit, so this cheap check is a lower bound.
    if (input.length > limits.maxBytes || utf8Length(input) > limits.maxBytes) {
      throw new RichTextError("TOO_LARGE");
    }
    try {
      value = JSON.parse(input);
    } catch {
      throw new RichTextError("INVALID_JSON");
    }
  }
  if (!isPlainObject(value)) throw new RichTextError("NOT_AN_OBJECT");
  preScan(value, limits);
  if (typeof input !== "string") {
    let serialized: string;
    try {
      serialized = JSON.stringify(value);
    } catch {
      throw new RichTextError("INVALID_JSON");
    }
    if (serialized.length > limits.maxBytes || utf8Length(serialized) > limits.maxBytes) {
      throw new RichTextError("TOO_LARGE");
    }
  }
  return value;
}

type WalkState = { nodes: number; options: SchemaOptions };

function invalid(path: string, detail: string): RichTextError {
  return new RichTextError("INVALID_NODE", path, detail);
}

function optionalInt(node: Json, key: string, path: string, min: number, max: number, fallback: number): number {
  const value = node[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(path, `${key} out of range`);
  }
  return value;
}

function optionalString(node: Json, key: string, path: string, maxLength: number): string | null {
  const value = node[key];
  if (value === undefined || value === null || value === "") return null;
  if (typeof value !== "string" || value.length > maxLength) throw invalid(path, `${key} is not a string`);
  return value;
}

function direction(node: Json, path: string): "ltr" | "rtl" | null {
  const value = node.direction;
  if (value === undefined || value === null) return null;
  if (value !== "ltr" && value !== "rtl") throw invalid(path, "direction");
  return value;
}

/** Element fields Lexical writes; alignment and indent render as inline styles, so they are reset. */
function elementBase(type: TRichTextNodeType, node: Json, path: string): CleanNode {
  // `format`/`indent` are validated for shape only.
  if (node.format !== undefined && typeof node.format !== "string" && typeof node.format !== "number") {
    throw invalid(path, "format");
  }
  optionalInt(node, "indent", path, 0, 20, 0);
  return { type, version: 1, direction: direction(node, path), format: "", indent: 0 };
}

function textLike(type: "text" | "tab", node: Json, path: string): CleanNode {
  const text = type === "tab" ? "\t" : node.text;
  if (typeof text !== "string") throw invalid(path, "text is not a string");
  const format = optionalInt(node, "format", path, 0, 0xffff, 0) & ALLOWED_TEXT_FORMAT_MASK;
  optionalInt(node, "detail", path, 0, 0xff, 0);
  if (node.mode !== undefined && !["normal", "token", "segmented"].includes(node.mode as string)) {
    throw invalid(path, "mode");
  }
  if (node.style !== undefined && typeof node.style !== "string") throw invalid(path, "style");
  return {
    type,
    version: 1,
    text,
    format,
    detail: type === "tab" ? 2 : 0,
    mode: "normal",
    style: "",
  };
}

/**
 * Checks one node and returns a clean copy holding only the fields this
 * project uses (no inline styles, no NodeState, no `$slots` subtrees).
 * Returns null for a node that is dropped (an unsafe image in `drop` mode);
 * returns an array for a link that is unwrapped into its children.
 */
function walk(raw: unknown, path: string, depth: number, state: WalkState): CleanNode | CleanNode[] | null {
  if (!isPlainObject(raw)) throw invalid(path, "not an object");
  if (++state.nodes > state.options.limits.maxNodes) throw new RichTextError("TOO_MANY_NODES", path);
  if (depth > state.options.limits.maxDepth) throw new RichTextError("TOO_DEEP", path);
  const { type } = raw;
  if (typeof type !== "string") throw invalid(path, "type is not a string");
  if (!KNOWN_TYPES.has(type)) throw new RichTextError("UNKNOWN_NODE_TYPE", path, type.slice(0, 40));
  const nodeType = type as TRichTextNodeType;
  const { version } = raw;
  // Lexical ignores `version` and compact exports omit it, but a present one must be sane.
  if (
    version !== undefined &&
    (typeof version !== "number" || !Number.isInteger(version) || version < 1 || version > 1000)
  ) {
    throw invalid(path, "version");
  }

  let clean: CleanNode;
  switch (nodeType) {
    case "root":
      if (depth !== 0) throw new RichTextError("INVALID_STRUCTURE", path, "nested root");
      clean = elementBase(nodeType, raw, path);
      break;
    case "paragraph":
      clean = { ...elementBase(nodeType, raw, path), textFormat: 0, textStyle: "" };
      break;
    case "quote":
    case "tablerow":
      clean = elementBase(nodeType, raw, path);
      break;
    case "heading": {
      const tag = typeof raw.tag === "string" ? HEADING_NORMALISATION[raw.tag] : undefined;
      if (!tag || !(HEADING_TAGS as readonly string[]).includes(tag)) throw invalid(path, "heading tag");
      clean = { ...elementBase(nodeType, raw, path), tag };
      break;
    }
    case "list": {
      const listType =
        raw.listType === "number" ? "number" : raw.listType === "bullet" || raw.listType === "check" ? "bullet" : null;
      if (!listType) throw invalid(path, "listType");
      clean = {
        ...elementBase(nodeType, raw, path),
        listType,
        start: optionalInt(raw, "start", path, 0, 1_000_000, 1),
        tag: listType === "number" ? "ol" : "ul",
      };
      break;
    }
    case "listitem":
      clean = { ...elementBase(nodeType, raw, path), value: optionalInt(raw, "value", path, 0, 1_000_000, 1) };
      break;
    case "link": {
      const { url } = raw;
      if (typeof url !== "string") throw invalid(path, "url is not a string");
      const target = raw.target === "_blank" ? "_blank" : null;
      if (raw.target !== undefined && raw.target !== null && typeof raw.target !== "string")
        throw invalid(path, "target");
      if (raw.rel !== undefined && raw.rel !== null && typeof raw.rel !== "string") throw invalid(path, "rel");
      clean = {
        ...elementBase(nodeType, raw, path),
        url,
        target,
        rel: target ? "noopener noreferrer" : null,
        title: optionalString(raw, "title", path, MAX_TITLE_LENGTH),
      };
      if (!isAllowedLinkUrl(url, state.options.urlPolicy)) {
        if (state.options.unsafeUrls === "reject") throw new RichTextError("UNSAFE_URL", path);
        const children = walkChildren(raw, nodeType, path, depth, state);
        return children;
      }
      break;
    }
    case "table":
      clean = elementBase(nodeType, raw, path);
      break;
    case "tablecell":
      clean = {
        ...elementBase(nodeType, raw, path),
        headerState: optionalInt(raw, "headerState", path, 0, 3, 0),
        colSpan: optionalInt(raw, "colSpan", path, 1, MAX_SPAN, 1),
        rowSpan: optionalInt(raw, "rowSpan", path, 1, MAX_SPAN, 1),
        backgroundColor: null,
      };
      break;
    case "text":
    case "tab":
      return textLike(nodeType, raw, path);
    case "linebreak":
      return { type: "linebreak", version: 1 };
    case "image": {
      let image;
      try {
        image = assertImagePayload(raw);
      } catch (error) {
        if (error instanceof InvalidImageError && error.reason === "altText") {
          throw new RichTextError("MISSING_ALT_TEXT", path);
        }
        throw invalid(path, error instanceof InvalidImageError ? error.reason : "image");
      }
      if (!isAllowedImageSrc(image.src, state.options.urlPolicy)) {
        if (state.options.unsafeUrls === "reject") throw new RichTextError("UNSAFE_URL", path);
        return null;
      }
      return { type: "image", version: 1, ...image };
    }
  }

  clean.children = walkChildren(raw, nodeType, path, depth, state);
  if (["list", "table", "tablerow", "link"].includes(nodeType) && clean.children.length === 0) {
    throw new RichTextError("INVALID_STRUCTURE", path, `empty ${nodeType}`);
  }
  return clean;
}

function walkChildren(raw: Json, type: TRichTextNodeType, path: string, depth: number, state: WalkState): CleanNode[] {
  if (!ELEMENT_TYPES.has(type)) return [];
  const { children } = raw;
  if (!Array.isArray(children)) throw invalid(path, "children is not an array");
  const allowed = ALLOWED_CHILDREN[type];
  const result: CleanNode[] = [];
  children.forEach((child, index) => {
    const childPath = `${path}.children[${index}]`;
    const childType = isPlainObject(child) ? child.type : undefined;
    if (
      typeof childType === "string" &&
      KNOWN_TYPES.has(childType) &&
      !allowed.includes(childType as TRichTextNodeType)
    ) {
      throw new RichTextError("INVALID_STRUCTURE", childPath, `${childType} inside ${type}`);
    }
    const cleaned = walk(child, childPath, depth + 1, state);
    if (cleaned === null) return;
    if (Array.isArray(cleaned)) result.push(...cleaned);
    else result.push(cleaned);
  });
  return result;
}

/**
 * Structural validation without Lexical: returns a clean copy of the state or
 * throws `RichTextError`. Lexical then parses the clean copy.
 */
export function checkRichTextSchema(input: unknown, options: SchemaOptions = DEFAULT_SCHEMA_OPTIONS): TRichTextJson {
  const value = readRichTextInput(input, options.limits);
  if (!("root" in value)) throw new RichTextError("MISSING_ROOT");
  const { root } = value;
  if (!isPlainObject(root) || root.type !== "root") throw new RichTextError("MISSING_ROOT", "root");
  const clean = walk(root, "root", 0, { nodes: 0, options });
  return { root: clean } as unknown as TRichTextJson;
}
