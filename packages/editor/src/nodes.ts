import { LinkNode } from "@lexical/link";
import { ListItemNode, ListNode } from "@lexical/list";
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import { TableCellNode, TableNode, TableRowNode } from "@lexical/table";
import {
  $applyNodeReplacement,
  $getDocument,
  DecoratorNode,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type EditorConfig,
  type Klass,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from "lexical";

/** Namespace shared by the browser editor and the headless server editor. */
export const RICH_TEXT_NAMESPACE = "kreisnetz";

/** Heading levels authors may use; h1 is the page title and never part of the body. */
export const HEADING_TAGS = ["h2", "h3", "h4"] as const;
export type THeadingTag = (typeof HEADING_TAGS)[number];

export const MAX_ALT_TEXT_LENGTH = 500;
export const MAX_IMAGE_DIMENSION = 10_000;

export type ImagePayload = {
  src: string;
  altText: string;
  width?: number;
  height?: number;
};

export type SerializedImageNode = Spread<ImagePayload, SerializedLexicalNode>;

/** Thrown by `ImageNode.importJSON` for an image that breaks the rules below. */
export class InvalidImageError extends Error {
  constructor(readonly reason: "src" | "altText" | "dimension") {
    super(`Invalid image node: ${reason}`);
    this.name = "InvalidImageError";
  }
}

function normaliseDimension(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_IMAGE_DIMENSION) {
    throw new InvalidImageError("dimension");
  }
  return value;
}

/** Checks an image payload; alt text is required because images must be accessible (BITV 2.0). */
export function assertImagePayload(payload: Record<string, unknown>): ImagePayload {
  const { src, altText } = payload;
  if (typeof src !== "string" || src.trim() === "") throw new InvalidImageError("src");
  if (typeof altText !== "string" || altText.trim() === "" || altText.length > MAX_ALT_TEXT_LENGTH) {
    throw new InvalidImageError("altText");
  }
  const image: ImagePayload = { src, altText: altText.trim() };
  const width = normaliseDimension(payload.width);
  const height = normaliseDimension(payload.height);
  if (width !== undefined) image.width = width;
  if (height !== undefined) image.height = height;
  return image;
}

function setImageAttributes(img: HTMLImageElement, node: ImageNode): void {
  img.setAttribute("src", node.__src);
  img.setAttribute("alt", node.__altText);
  for (const attr of ["width", "height"] as const) {
    const value = node[`__${attr}`];
    if (value === undefined) img.removeAttribute(attr);
    else img.setAttribute(attr, String(value));
  }
}

function $convertImageElement(element: HTMLElement): DOMConversionOutput {
  const img = element as HTMLImageElement;
  const width = Number(img.getAttribute("width"));
  const height = Number(img.getAttribute("height"));
  try {
    return {
      node: $createImageNode({
        src: img.getAttribute("src") ?? "",
        altText: img.getAttribute("alt") ?? "",
        width: Number.isInteger(width) && width > 0 ? width : undefined,
        height: Number.isInteger(height) && height > 0 ? height : undefined,
      }),
    };
  } catch {
    // Pasted images without alt text (or with odd sizes) are dropped rather than stored inaccessible.
    return { node: null };
  }
}

/**
 * An inline image. Alt text is required: `importJSON` and `$createImageNode`
 * throw `InvalidImageError` without it. The node renders plain DOM (no React),
 * so the same class works in the browser editor and in the headless renderer.
 */
export class ImageNode extends DecoratorNode<null> {
  __src: string;
  __altText: string;
  __width: number | undefined;
  __height: number | undefined;

  static override getType(): string {
    return "image";
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(
      { src: node.__src, altText: node.__altText, width: node.__width, height: node.__height },
      node.__key,
    );
  }

  static override importJSON(serialized: Record<string, unknown>): ImageNode {
    return $createImageNode(assertImagePayload(serialized));
  }

  static override importDOM(): DOMConversionMap | null {
    return { img: () => ({ conversion: $convertImageElement, priority: 0 }) };
  }

  constructor(payload: ImagePayload, key?: NodeKey) {
    super(key);
    this.__src = payload.src;
    this.__altText = payload.altText;
    this.__width = payload.width;
    this.__height = payload.height;
  }

  override exportJSON(): SerializedImageNode {
    const json: SerializedImageNode = {
      type: "image",
      version: 1,
      src: this.__src,
      altText: this.__altText,
    };
    if (this.__width !== undefined) json.width = this.__width;
    if (this.__height !== undefined) json.height = this.__height;
    return json;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const document = $getDocument();
    const wrapper = document.createElement("span");
    const className = config.theme.image as string | undefined;
    if (className) wrapper.className = className;
    const img = document.createElement("img");
    setImageAttributes(img, this);
    wrapper.appendChild(img);
    return wrapper;
  }

  override updateDOM(prevNode: ImageNode, dom: HTMLElement): boolean {
    const img = dom.querySelector("img");
    if (!img) return true;
    if (
      prevNode.__src !== this.__src ||
      prevNode.__altText !== this.__altText ||
      prevNode.__width !== this.__width ||
      prevNode.__height !== this.__height
    ) {
      setImageAttributes(img, this);
    }
    return false;
  }

  override exportDOM(): DOMExportOutput {
    const img = $getDocument().createElement("img");
    setImageAttributes(img, this);
    return { element: img };
  }

  override decorate(): null {
    return null;
  }

  override isInline(): boolean {
    return true;
  }

  override getTextContent(): string {
    return "";
  }

  getSrc(): string {
    return this.getLatest().__src;
  }

  getAltText(): string {
    return this.getLatest().__altText;
  }

  setAltText(altText: string): this {
    const { altText: checked } = assertImagePayload({ src: this.__src, altText });
    const writable = this.getWritable();
    writable.__altText = checked;
    return writable;
  }
}

/** Creates an image node; throws `InvalidImageError` when alt text or src is missing. */
export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(assertImagePayload(payload)));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}

/**
 * THE node list. The browser editor and the server renderer must register
 * exactly these, otherwise stored JSON cannot be read back.
 */
export const richTextNodes: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  ImageNode,
];

/** Node types that may appear in stored JSON (core nodes plus `richTextNodes`). */
export const RICH_TEXT_NODE_TYPES = [
  "root",
  "paragraph",
  "text",
  "linebreak",
  "tab",
  "heading",
  "quote",
  "list",
  "listitem",
  "link",
  "table",
  "tablerow",
  "tablecell",
  "image",
] as const;
export type TRichTextNodeType = (typeof RICH_TEXT_NODE_TYPES)[number];
