import { createHeadlessEditor } from "@lexical/headless";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";

import { InvalidImageError, RICH_TEXT_NAMESPACE, richTextNodes } from "./nodes.ts";
import {
  emptyRichText,
  isRichTextEmpty,
  renderRichText,
  RichTextError,
  richTextToPlainText,
  sanitizeRichTextHtml,
  validateRichText,
} from "./render.server.ts";
import { richTextTheme, themeClassNames } from "./theme.ts";

// ---- builders for editor-state JSON -------------------------------------------------

type Node = Record<string, unknown>;
const text = (value: string, format = 0, extra: Node = {}): Node => ({
  type: "text",
  version: 1,
  text: value,
  format,
  detail: 0,
  mode: "normal",
  style: "",
  ...extra,
});
const element = (type: string, children: Node[], extra: Node = {}): Node => ({
  type,
  version: 1,
  direction: "ltr",
  format: "",
  indent: 0,
  children,
  ...extra,
});
const doc = (...children: Node[]) => ({ root: element("root", children) });
const p = (...children: Node[]) => element("paragraph", children);
const h = (tag: string, ...children: Node[]) => element("heading", children, { tag });
const quote = (...children: Node[]) => element("quote", children);
const li = (...children: Node[]) => element("listitem", children, { value: 1 });
const ul = (...items: Node[]) => element("list", items, { listType: "bullet", start: 1, tag: "ul" });
const ol = (...items: Node[]) => element("list", items, { listType: "number", start: 1, tag: "ol" });
const link = (url: string, children: Node[] = [text("Link")], extra: Node = {}) =>
  element("link", children, { url, target: null, rel: null, title: null, ...extra });
const image = (src: unknown, altText?: unknown, extra: Node = {}): Node => ({
  type: "image",
  version: 1,
  src,
  ...(altText === undefined ? {} : { altText }),
  ...extra,
});
const cell = (header: boolean, ...children: Node[]) =>
  element("tablecell", children, { headerState: header ? 1 : 0, colSpan: 1, rowSpan: 1, backgroundColor: null });
const row = (...cells: Node[]) => element("tablerow", cells);
const table = (...rows: Node[]) => element("table", rows);

// ---- safety assertions --------------------------------------------------------------

const ALLOWED_TAGS = new Set([
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
]);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  a: ["href", "rel", "target", "class"],
  img: ["src", "alt", "width", "height", "class"],
  ol: ["start", "class"],
  th: ["colspan", "rowspan", "class"],
  td: ["colspan", "rowspan", "class"],
};
const THEME_CLASSES = new Set(themeClassNames(richTextTheme));
const parser = new JSDOM("").window;

function assertSafeHtml(html: string): void {
  // String-level checks, as a reviewer would grep for them.
  expect(html).not.toMatch(/<\s*script/i);
  expect(html).not.toMatch(/<\s*(svg|iframe|object|embed|style|math|link|meta|base|form|frame)/i);
  // No event-handler attribute: look inside tags with quoted values blanked out.
  const tagsOnly = html.replace(/"[^"]*"/g, '""').replace(/'[^']*'/g, "''");
  expect(tagsOnly).not.toMatch(/<[^>]*\son\w+\s*=/i);
  expect(tagsOnly).not.toMatch(/<[^>]*\sstyle\s*=/i);

  // DOM-level checks: what a browser would actually build from the string.
  const container = parser.document.createElement("div");
  container.innerHTML = html;
  for (const el of Array.from(container.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    expect(ALLOWED_TAGS.has(tag), `tag <${tag}>`).toBe(true);
    for (const attr of Array.from(el.attributes)) {
      const allowed = ALLOWED_ATTRIBUTES[tag] ?? ["class"];
      expect(allowed.includes(attr.name), `attribute ${attr.name} on <${tag}>`).toBe(true);
      if (attr.name === "class") {
        for (const name of attr.value.split(/\s+/).filter(Boolean)) expect(THEME_CLASSES.has(name)).toBe(true);
      }
      if (attr.name === "href" || attr.name === "src") {
        // eslint-disable-next-line no-control-regex -- browsers ignore these characters in a scheme
        const value = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        expect(value).not.toMatch(/^(javascript|vbscript|data|file|blob|about):/);
        expect(value).toMatch(attr.name === "href" ? /^(https?:\/\/|mailto:|\/(?!\/))/ : /^(https:\/\/|\/uploads\/)/);
      }
    }
    if (tag === "a" && el.getAttribute("target") === "_blank") {
      expect(el.getAttribute("rel")).toBe("noopener noreferrer");
    }
    if (tag === "img") expect(el.getAttribute("alt")?.trim()).toBeTruthy();
  }
}

type Outcome = "valid" | "invalid";
type Payload = { name: string; input: unknown; validate: Outcome; render?: Outcome; visible?: string };

/** Run one payload through create (validate) and render and check the result is safe. */
function runPayload(payload: Payload): void {
  const validation = validateRichText(payload.input);
  expect(validation.ok, `validate: ${validation.ok ? "ok" : validation.error.message}`).toBe(
    payload.validate === "valid",
  );
  if (validation.ok) {
    const again = renderRichText(validation.state);
    assertSafeHtml(again.html);
  } else {
    expect(validation.error).toBeInstanceOf(RichTextError);
  }

  const renderOutcome = payload.render ?? payload.validate;
  if (renderOutcome === "valid") {
    const { html, text: plain } = renderRichText(payload.input);
    assertSafeHtml(html);
    if (payload.visible !== undefined) expect(plain).toContain(payload.visible);
  } else {
    expect(() => renderRichText(payload.input)).toThrow(RichTextError);
  }
}

// ---- the XSS corpus -----------------------------------------------------------------

const textPayloads = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)><circle r=10 /></svg>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '"><script>alert(document.cookie)</script>',
  "</p><script>alert(1)</script><p>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<a href="javascript:alert(1)">klick</a>',
  '<object data="javascript:alert(1)"></object><embed src="data:text/html,<script>alert(1)</script>">',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<div style="width: expression(alert(1))">x</div>',
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "javascript:alert(1)",
];

const corpus: Payload[] = [
  // Markup typed as text must come out as text, in every kind of block.
  ...textPayloads.map((payload, i): Payload => ({
    name: `text payload ${i + 1} in ${["paragraph", "heading", "quote", "list item", "table cell"][i % 5]}`,
    input: doc(
      [
        p(text(payload)),
        h("h2", text(payload)),
        quote(text(payload, 1)),
        ul(li(text(payload))),
        table(row(cell(false, p(text(payload))))),
      ][i % 5]!,
    ),
    validate: "valid",
    visible: payload.slice(0, 12),
  })),
  // Link URLs.
  ...[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    " javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;script:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/phish",
    "/\\evil.example",
    'https://example.org" onmouseover="alert(1)',
    "file:///etc/passwd",
    "ftp://example.org/",
  ].map((url): Payload => ({
    name: `link to ${JSON.stringify(url)}`,
    input: doc(p(text("Vorher "), link(url, [text("Klick")]))),
    validate: "invalid",
    render: "valid",
    visible: "Klick",
  })),
  {
    name: "link URL with quotes but no whitespace is escaped, not broken out of",
    input: doc(p(link('https://example.org/"onmouseover="alert(1)"x=', [text("Klick")]))),
    validate: "valid",
    visible: "Klick",
  },
  {
    name: "link target and rel injection",
    input: doc(
      p(
        link("https://example.org", [text("x")], {
          target: '_blank" onclick="alert(1)',
          rel: "opener",
          title: '"><script>alert(1)</script>',
        }),
      ),
    ),
    validate: "valid",
  },
  {
    name: "link with target _blank gets noopener",
    input: doc(p(link("https://example.org", [text("x")], { target: "_blank", rel: "opener" }))),
    validate: "valid",
  },
  // Images.
  {
    name: "image with javascript: src",
    input: doc(p(image("javascript:alert(1)", "Bild"))),
    validate: "invalid",
    render: "valid",
  },
  {
    name: "image with data:image/svg+xml src",
    input: doc(p(image("data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "Bild"))),
    validate: "invalid",
    render: "valid",
  },
  {
    name: "image with http: src",
    input: doc(p(image("http://example.org/a.png", "Bild"))),
    validate: "invalid",
    render: "valid",
  },
  {
    name: "image src breaking out of the attribute",
    input: doc(p(image('https://example.org/a.png" onerror="alert(1)', "Bild"))),
    validate: "invalid",
    render: "valid",
  },
  {
    name: "image src with path traversal",
    input: doc(p(image("/uploads/../admin/secret.png", "Bild"))),
    validate: "invalid",
    render: "valid",
  },
  {
    name: "image src protocol-relative",
    input: doc(p(image("//evil.example/a.png", "Bild"))),
    validate: "invalid",
    render: "valid",
  },
  {
    name: "image with onerror in alt",
    input: doc(p(image("/uploads/a.png", '" onerror="alert(1)'))),
    validate: "valid",
  },
  {
    name: "image with script in alt",
    input: doc(p(image("/uploads/a.png", "<script>alert(1)</script>"))),
    validate: "valid",
  },
  { name: "image without alt text", input: doc(p(image("/uploads/a.png"))), validate: "invalid" },
  { name: "image with blank alt text", input: doc(p(image("/uploads/a.png", "   "))), validate: "invalid" },
  {
    name: "image with non-numeric width",
    input: doc(p(image("/uploads/a.png", "Bild", { width: '100" onload="alert(1)' }))),
    validate: "invalid",
  },
  { name: "image as a root child", input: doc(image("/uploads/a.png", "Bild")), validate: "invalid" },
  // Style and CSS tricks carried in node fields.
  {
    name: "text style with expression()",
    input: doc(p(text("x", 0, { style: "width: expression(alert(1))" }))),
    validate: "valid",
  },
  {
    name: "text style with url(javascript:)",
    input: doc(p(text("x", 0, { style: "background:url(javascript:alert(1))" }))),
    validate: "valid",
  },
  {
    name: "paragraph textStyle with url(javascript:)",
    input: doc(element("paragraph", [text("x")], { textStyle: "background:url(javascript:alert(1))" })),
    validate: "valid",
  },
  {
    name: "element format smuggling CSS",
    input: doc(element("paragraph", [text("x")], { format: "center; background:url(javascript:alert(1))" })),
    validate: "valid",
  },
  {
    name: "table cell background colour smuggling CSS",
    input: doc(
      table(
        row(
          element("tablecell", [p(text("x"))], {
            headerState: 0,
            backgroundColor: "red;background:url(javascript:alert(1))",
          }),
        ),
      ),
    ),
    validate: "valid",
  },
  {
    name: "table cell colSpan as attribute injection",
    input: doc(table(row(element("tablecell", [p(text("x"))], { colSpan: '2" onclick="alert(1)' })))),
    validate: "invalid",
  },
  { name: "all text format bits (sub, sup, highlight)", input: doc(p(text("x", 0xffff))), validate: "valid" },
  // Lexical features outside the node list.
  {
    name: "$slots subtree smuggling an unknown node",
    input: doc(
      element("paragraph", [text("x")], {
        $slots: { s: { type: "html", version: 1, html: "<script>alert(1)</script>" } },
      }),
    ),
    validate: "valid",
  },
  {
    name: "NodeState payload",
    input: doc(element("paragraph", [text("x", 0, { $: { html: "<svg onload=alert(1)>" } })])),
    validate: "valid",
  },
  // Unknown and misplaced nodes.
  {
    name: "unknown node type",
    input: doc(p(text("x")), { type: "html", version: 1, html: "<script>alert(1)</script>" }),
    validate: "invalid",
  },
  { name: "unknown node type 'script'", input: doc({ type: "script", version: 1, children: [] }), validate: "invalid" },
  { name: "code block node (not in the list)", input: doc(element("code", [text("alert(1)")])), validate: "invalid" },
  { name: "heading tag 'script'", input: doc(h("script", text("x"))), validate: "invalid" },
  { name: "heading h1 is normalised to h2", input: doc(h("h1", text("Titel"))), validate: "valid", visible: "Titel" },
  {
    name: "list type injection",
    input: doc(element("list", [li(text("x"))], { listType: "<script>", tag: "script" })),
    validate: "invalid",
  },
  { name: "block inside a link", input: doc(p(link("https://example.org", [p(text("x"))]))), validate: "invalid" },
  { name: "text directly under root", input: doc(text("<script>alert(1)</script>")), validate: "invalid" },
  { name: "nested root", input: doc(p(element("root", [p(text("x"))]))), validate: "invalid" },
  // Malformed states.
  { name: "not an object: null", input: null, validate: "invalid" },
  { name: "not an object: number", input: 42, validate: "invalid" },
  { name: "not an object: array", input: [doc(p(text("x")))], validate: "invalid" },
  { name: "not JSON: HTML string", input: "<script>alert(1)</script>", validate: "invalid" },
  { name: "missing root", input: { editorState: doc(p(text("x"))) }, validate: "invalid" },
  { name: "root of the wrong type", input: { root: p(text("x")) }, validate: "invalid" },
  { name: "version as a string", input: doc({ ...p(text("x")), version: "1" }), validate: "invalid" },
  { name: "negative version", input: doc(p({ ...text("x"), version: -1 })), validate: "invalid" },
  { name: "children not an array", input: doc({ ...p(), children: "<script>alert(1)</script>" }), validate: "invalid" },
  {
    name: "text that is not a string",
    input: doc(p({ ...text("x"), text: { toString: "alert(1)" } })),
    validate: "invalid",
  },
  {
    name: "JSON string with __proto__",
    input: `{"root":${JSON.stringify(doc(p(text("x"))).root)},"__proto__":{"polluted":"yes"}}`,
    validate: "valid",
  },
  { name: "valid JSON as a string", input: JSON.stringify(doc(p(text("Hallo")))), validate: "valid", visible: "Hallo" },
];

function nestedLists(depth: number): Node {
  let node = ul(li(text("tief")));
  for (let i = 0; i < depth; i++) node = ul(li(node));
  return doc(node);
}

describe("rich text XSS corpus", () => {
  it("the safety check itself catches unsafe HTML", () => {
    for (const bad of [
      "<script>alert(1)</script>",
      '<img src="/uploads/a.png" alt="a" onerror="alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      '<a href=" data:text/html,x">x</a>',
      '<img src="data:image/png;base64,AAAA" alt="a">',
      "<svg></svg>",
      '<p style="color:red">x</p>',
      '<p class="evil">x</p>',
      '<a href="https://example.org" target="_blank">x</a>',
      '<img src="/uploads/a.png">',
    ]) {
      expect(() => assertSafeHtml(bad), bad).toThrow();
    }
  });

  it("has at least 40 payloads", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  it.each(corpus.map((payload) => [payload.name, payload] as const))("%s", (_name, payload) => {
    runPayload(payload);
  });

  it("keeps quoted link URLs inside the href attribute", () => {
    const { html } = renderRichText(doc(p(link('https://example.org/"onmouseover="alert(1)"x=', [text("Klick")]))));
    const a = new JSDOM(html).window.document.querySelector("a");
    expect(a?.getAttributeNames().sort()).toEqual(["class", "href"]);
  });

  it("forces rel=noopener noreferrer on target=_blank and drops other targets", () => {
    const { html } = renderRichText(
      doc(
        p(
          link("https://example.org", [text("a")], { target: "_blank", rel: "opener" }),
          link("https://example.org", [text("b")], { target: "_top" }),
        ),
      ),
    );
    expect(html).toContain(
      '<a href="https://example.org" class="kn-rt-link" target="_blank" rel="noopener noreferrer">a</a>',
    );
    expect(html).toContain('<a href="https://example.org" class="kn-rt-link">b</a>');
  });

  it("drops an unsafe link but keeps its text when rendering stored content", () => {
    const { html, text: plain } = renderRichText(doc(p(text("Vorher "), link("javascript:alert(1)", [text("Klick")]))));
    expect(html).toBe('<p class="kn-rt-p">Vorher Klick</p>');
    expect(plain).toBe("Vorher Klick");
  });

  it("escapes markup typed as text", () => {
    const { html } = renderRichText(doc(p(text('<img src=x onerror="alert(1)">'))));
    expect(html).toBe('<p class="kn-rt-p">&lt;img src=x onerror="alert(1)"&gt;</p>');
  });

  it("rejects an image without alt text in Lexical's importJSON itself", () => {
    const editor = createHeadlessEditor({
      namespace: RICH_TEXT_NAMESPACE,
      nodes: [...richTextNodes],
      onError: (e) => {
        throw e;
      },
    });
    expect(() => editor.parseEditorState(doc(p(image("/uploads/a.png"))) as never)).toThrow(InvalidImageError);
    expect(() => editor.parseEditorState(doc(p(image("/uploads/a.png", ""))) as never)).toThrow(InvalidImageError);
    expect(() => editor.parseEditorState(doc(p(image("/uploads/a.png", "Ein Foto"))) as never)).not.toThrow();
  });

  it("reports missing alt text with its own error code", () => {
    const result = validateRichText(doc(p(image("/uploads/a.png"))));
    expect(result.ok ? null : result.error.code).toBe("MISSING_ALT_TEXT");
  });

  it("rejects deeply nested lists", () => {
    const result = validateRichText(nestedLists(200));
    expect(result.ok ? null : result.error.code).toBe("TOO_DEEP");
    expect(() => renderRichText(nestedLists(200))).toThrow(RichTextError);
  });

  it("accepts moderately nested lists", () => {
    const result = validateRichText(nestedLists(5));
    expect(result.ok).toBe(true);
    assertSafeHtml(renderRichText(nestedLists(5)).html);
  });

  it("rejects 100,000 nested arrays without overflowing the stack", () => {
    const deep = `{"root":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const result = validateRichText(deep);
    expect(result.ok ? null : result.error.code).toBe("TOO_DEEP");
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const objectResult = validateRichText({ root: nested });
    expect(objectResult.ok ? null : objectResult.error.code).toBe("TOO_DEEP");
  });

  it("rejects a cyclic object", () => {
    const root = element("root", []);
    (root.children as Node[]).push(root);
    const result = validateRichText({ root });
    expect(result.ok).toBe(false);
  });

  it("rejects states over 1 MB, as object and as string", () => {
    const huge = doc(p(text("x".repeat(1_100_000))));
    const result = validateRichText(huge);
    expect(result.ok ? null : result.error.code).toBe("TOO_LARGE");
    const asString = validateRichText(JSON.stringify(huge));
    expect(asString.ok ? null : asString.error.code).toBe("TOO_LARGE");
    // Multi-byte characters count as bytes, not as UTF-16 units.
    const umlauts = validateRichText(doc(p(text("ä".repeat(600_000)))));
    expect(umlauts.ok ? null : umlauts.error.code).toBe("TOO_LARGE");
    expect(() => renderRichText(huge)).toThrow(RichTextError);
  });

  it("rejects too many nodes", () => {
    const many = doc(p(...Array.from({ length: 25_000 }, () => ({ type: "linebreak", version: 1 }))));
    const result = validateRichText(many);
    expect(result.ok ? null : result.error.code).toBe("TOO_MANY_NODES");
  });

  it("does not pollute Object.prototype", () => {
    validateRichText(`{"root":${JSON.stringify(doc(p(text("x"))).root)},"__proto__":{"polluted":"yes"}}`);
    renderRichText(`{"__proto__":{"polluted":"yes"},"root":${JSON.stringify(doc(p(text("x"))).root)}}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("strips inline styles, slots and node state from the normalised state", () => {
    const result = validateRichText(
      doc(element("paragraph", [text("x", 0, { style: "color:red", $: { a: 1 } })], { format: "center", $slots: {} })),
    );
    expect(result.ok).toBe(true);
    const json = JSON.stringify(result.ok ? result.state : null);
    expect(json).not.toContain("color:red");
    expect(json).not.toContain("center");
    expect(json).not.toContain("$slots");
  });
});

describe("sanitiser (defence in depth against raw HTML)", () => {
  const rawPayloads = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="/uploads/a.png" alt="a" onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="https://example.org" target="_blank">x</a>',
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    '<iframe src="https://example.org"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width:expression(alert(1))">x</div>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="a">',
    '<img src="https://example.org/a.png" alt="">',
    '<p class="evil kn-rt-p">x</p>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<table><tr><td colspan="2 onclick=alert(1)">x</td></tr></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  ];

  it.each(rawPayloads)("%s", (payload) => {
    assertSafeHtml(sanitizeRichTextHtml(payload));
  });

  it("keeps theme classes and drops others", () => {
    expect(sanitizeRichTextHtml('<p class="evil kn-rt-p">x</p>')).toBe('<p class="kn-rt-p">x</p>');
  });
});

describe("rendering legitimate content", () => {
  const article = doc(
    h("h2", text("Neue Öffnungszeiten")),
    p(
      text("Ab "),
      text("1. März", 1),
      text(" gilt: "),
      text("bitte beachten", 2),
      text(". Details im "),
      link("https://www.lkspn.de/buergerservice", [text("Bürgerservice")], { target: "_blank" }),
      text(" oder per "),
      link("mailto:poststelle@lkspn.de", [text("E-Mail")]),
      text(". Intern: "),
      link("/wissen/oeffnungszeiten", [text("Wissensartikel")]),
      text("."),
    ),
    h("h3", text("Standorte")),
    ul(li(text("Forst (Lausitz)")), li(text("Cottbus"))),
    h("h4", text("Ablauf")),
    ol(li(text("Termin buchen")), li(text("Unterlagen mitbringen"))),
    quote(text("Digital zuerst.")),
    table(
      row(cell(true, p(text("Tag"))), cell(true, p(text("Zeit")))),
      row(cell(false, p(text("Montag"))), cell(false, p(text("8–16 Uhr")))),
    ),
    p(image("/uploads/2025/standort-forst.jpg", "Eingang des Kreishauses in Forst", { width: 640, height: 480 })),
    p(text("Code: "), text("npm test", 16), text(" "), text("unterstrichen", 8), text(" "), text("gestrichen", 4)),
  );

  it("renders headings, lists, a table, links and an image as expected HTML", () => {
    const { html } = renderRichText(article);
    assertSafeHtml(html);
    expect(html).toContain('<h2 class="kn-rt-h2">Neue Öffnungszeiten</h2>');
    expect(html).toContain('<h3 class="kn-rt-h3">Standorte</h3>');
    expect(html).toContain('<h4 class="kn-rt-h4">Ablauf</h4>');
    expect(html).toContain('<strong class="kn-rt-bold">1. März</strong>');
    expect(html).toContain('<em class="kn-rt-italic">bitte beachten</em>');
    expect(html).toContain(
      '<a href="https://www.lkspn.de/buergerservice" class="kn-rt-link" target="_blank" rel="noopener noreferrer">Bürgerservice</a>',
    );
    expect(html).toContain('<a href="mailto:poststelle@lkspn.de" class="kn-rt-link">E-Mail</a>');
    expect(html).toContain('<a href="/wissen/oeffnungszeiten" class="kn-rt-link">Wissensartikel</a>');
    expect(html).toContain(
      '<ul class="kn-rt-ul"><li class="kn-rt-li">Forst (Lausitz)</li><li class="kn-rt-li">Cottbus</li></ul>',
    );
    expect(html).toContain('<ol class="kn-rt-ol"><li class="kn-rt-li">Termin buchen</li>');
    expect(html).toContain('<blockquote class="kn-rt-quote">Digital zuerst.</blockquote>');
    expect(html).toContain(
      '<table class="kn-rt-table"><tbody><tr class="kn-rt-tr"><th class="kn-rt-td kn-rt-th"><p class="kn-rt-p">Tag</p></th>',
    );
    expect(html).toContain('<td class="kn-rt-td"><p class="kn-rt-p">8–16 Uhr</p></td>');
    expect(html).toContain(
      '<img src="/uploads/2025/standort-forst.jpg" alt="Eingang des Kreishauses in Forst" width="640" height="480" />',
    );
    expect(html).toContain("<code>npm test</code>");
    expect(html).toContain("<u>unterstrichen</u>");
    expect(html).toContain("<s>gestrichen</s>");
  });

  it("extracts the visible words as plain text, one line per block", () => {
    const { text: plain } = renderRichText(article);
    expect(plain).toBe(
      [
        "Neue Öffnungszeiten",
        "Ab 1. März gilt: bitte beachten. Details im Bürgerservice oder per E-Mail. Intern: Wissensartikel.",
        "Standorte",
        "Forst (Lausitz)",
        "Cottbus",
        "Ablauf",
        "Termin buchen",
        "Unterlagen mitbringen",
        "Digital zuerst.",
        "Tag",
        "Zeit",
        "Montag",
        "8–16 Uhr",
        "Code: npm test unterstrichen gestrichen",
      ].join("\n"),
    );
    expect(richTextToPlainText(article)).toBe(plain);
  });

  it("keeps the start number of an ordered list", () => {
    const { html } = renderRichText(
      doc(element("list", [li(text("drei"))], { listType: "number", start: 3, tag: "ol" })),
    );
    expect(html).toBe('<ol start="3" class="kn-rt-ol"><li class="kn-rt-li">drei</li></ol>');
  });

  it("turns line breaks into newlines", () => {
    expect(renderRichText(doc(p(text("Zeile 1"), { type: "linebreak", version: 1 }, text("Zeile 2")))).text).toBe(
      "Zeile 1\nZeile 2",
    );
  });

  it("round-trips through validate: the normalised state renders the same", () => {
    const result = validateRichText(article);
    expect(result.ok).toBe(true);
    if (result.ok) expect(renderRichText(result.state)).toEqual(renderRichText(article));
  });

  it("handles the empty state", () => {
    const empty = emptyRichText();
    expect(validateRichText(empty).ok).toBe(true);
    expect(renderRichText(empty)).toEqual({ html: '<p class="kn-rt-p"><br /></p>', text: "" });
    expect(isRichTextEmpty(empty)).toBe(true);
    expect(isRichTextEmpty(doc(p(text("x"))))).toBe(false);
    expect(isRichTextEmpty(doc(p(image("/uploads/a.png", "Bild"))))).toBe(false);
  });

  it("restricts image hosts when configured", () => {
    const state = doc(p(image("https://cdn.example.org/a.png", "Bild")));
    expect(validateRichText(state).ok).toBe(true);
    expect(validateRichText(state, { urlPolicy: { imageHttpsHosts: ["bilder.lkspn.de"] } }).ok).toBe(false);
    expect(renderRichText(state, { urlPolicy: { imageHttpsHosts: ["bilder.lkspn.de"] } }).html).toBe(
      '<p class="kn-rt-p"><br /></p>',
    );
  });

  it("can forbid relative links", () => {
    const state = doc(p(link("/wissen/1", [text("intern")])));
    expect(validateRichText(state, { urlPolicy: { allowRelativeLinks: false } }).ok).toBe(false);
  });
});
