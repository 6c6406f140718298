import { renderRichText } from "@kreisnetz/editor/render";
import { createUnit, createUser, type TCreatedUser } from "@kreisnetz/seeds/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { setupHarness } from "../../../test/harness.ts";
import { failure } from "../../../test/projects.ts";
import { describeError } from "../../errors.ts";

const h = setupHarness();
let author: TCreatedUser;
let editor: TCreatedUser;

beforeAll(async () => {
  author = await createUser(h.services.db, { unitId: (await createUnit(h.services.db)).id });
  editor = await h.userWith(["STAFF", "EDITOR"]);
});

type Node = Record<string, unknown>;
const text = (value: string, extra: Node = {}): Node => ({
  type: "text",
  version: 1,
  text: value,
  format: 0,
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
const link = (url: string) => element("link", [text("klick")], { url, target: null, rel: null, title: null });
const image = (src: string, extra: Node = {}) => ({ type: "image", version: 1, src, altText: "Bild", ...extra });

/** Payloads of every family: markup in text, handlers, script URLs, SVG, CSS, bad structure. */
const CORPUS: [string, unknown][] = [
  ["script tag in text", doc(p(text("<script>window.__xss=1</script>")))],
  ["img onerror in text", doc(p(text('<img src=x onerror="window.__xss=1">')))],
  ["svg onload in text", doc(p(text('<svg onload="window.__xss=1"><script>window.__xss=1</script></svg>')))],
  ["javascript: link", doc(p(link("javascript:window.__xss=1")))],
  ["mixed-case javascript: link", doc(p(link("JaVaScRiPt:window.__xss=1")))],
  ["entity-encoded javascript: link", doc(p(link("jav&#x09;ascript:window.__xss=1")))],
  ["whitespace javascript: link", doc(p(link("  \tjavascript:window.__xss=1")))],
  ["data: link", doc(p(link("data:text/html,<script>window.__xss=1</script>")))],
  ["vbscript: link", doc(p(link("vbscript:msgbox(1)")))],
  ["javascript: image", doc(image("javascript:window.__xss=1"))],
  ["svg data image", doc(image("data:image/svg+xml,<svg onload=window.__xss=1>"))],
  ["image with onerror field", doc(image("https://bilder.example/a.png", { onerror: "window.__xss=1" }))],
  [
    "image alt breaking out",
    doc(image("https://bilder.example/a.png", { altText: '"><script>window.__xss=1</script>' })),
  ],
  ["style with javascript url", doc(p(text("x", { style: "background:url(javascript:window.__xss=1)" })))],
  ["style expression", doc(p(text("x", { style: "width:expression(window.__xss=1)" })))],
  ["event handler on element", doc(element("paragraph", [text("x")], { onclick: "window.__xss=1" }))],
  ["unknown node type html", doc({ type: "html", version: 1, html: "<script>window.__xss=1</script>" })],
  ["heading with script tag", doc(element("heading", [text("x")], { tag: "script" }))],
  ["list with iframe tag", doc(element("list", [], { listType: "bullet", start: 1, tag: "iframe" }))],
  ["class injection", doc(p(text("x", { format: "onmouseover=window.__xss=1" })))],
  [
    "table cell css trick",
    doc(
      element("table", [
        element("tablerow", [
          element("tablecell", [p(text("x"))], {
            headerState: 0,
            colSpan: 1,
            rowSpan: 1,
            backgroundColor: "red;background:url(javascript:window.__xss=1)",
          }),
        ]),
      ]),
    ),
  ],
  ["root missing", { notRoot: {} }],
  ["root of wrong type", { root: { type: "paragraph", children: [] } }],
  ["children not an array", { root: { type: "root", children: "<script>window.__xss=1</script>" } }],
  ["empty root", { root: { type: "root", version: 1, children: [] } }],
  [
    "prototype pollution",
    JSON.parse(
      '{"root":{"type":"root","version":1,"children":[{"type":"paragraph","version":1,"children":[],"__proto__":{"tag":"script"}}],"__proto__":{"polluted":true}}}',
    ),
  ],
  [
    "deep nesting",
    (() => {
      let node: Node = text("tief");
      for (let i = 0; i < 400; i += 1) node = element("quote", [node]);
      return doc(node);
    })(),
  ],
  ["editor state serialized as string inside", { root: '{"type":"root"}' }],
];

const MALFORMED_STRINGS = ['{"root":', "<script>window.__xss=1</script>", "null", "[]"];

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
  "span",
  "b",
  "i",
  "sub",
  "sup",
  "colgroup",
  "col",
  "figure",
]);

/** Nothing executable: no foreign tags, no handlers, no script URLs, no inline styles. */
function expectInert(html: string): void {
  // Text is escaped by the sanitiser (`&lt;`), so every "<" left opens a real tag.
  for (const [tag] of html.matchAll(/<[^>]*>/g)) {
    const name = /^<\/?\s*([a-zA-Z0-9-]+)/.exec(tag)?.[1]?.toLowerCase() ?? "";
    expect(ALLOWED_TAGS, `tag ${tag}`).toContain(name);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(tag).not.toMatch(/\sstyle\s*=/i);
    for (const [, url] of tag.matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(url).toMatch(/^(https?:\/\/|mailto:|\/)/);
  }
  expect(html).not.toMatch(/<script|<svg|<iframe|<object|<embed|<style/i);
}

describe("rich text safety through create and render", () => {
  it.each(CORPUS)("%s: refused, or stored and rendered without anything executable", async (_name, payload) => {
    const caller = await h.callerFor(author);
    const before = await h.services.db.newsPost.count();
    const result = await caller.news
      .create({
        kind: "NEWS",
        title: "XSS-Prüfung",
        teaser: "",
        body: payload as Record<string, unknown>,
        audience: "ALL",
        unitIds: [],
        storyUnitIds: [],
        teamOfMonth: false,
      })
      .then(
        (post) => ({ ok: true as const, post }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    if (!result.ok) {
      expect(describeError(result.error).code).toBe("BAD_INPUT");
      expect(await h.services.db.newsPost.count()).toBe(before);
      return;
    }
    expectInert(result.post.html);
    const stored = await h.services.db.newsPost.findUniqueOrThrow({ where: { id: result.post.id } });
    expectInert(stored.bodyHtml);
    const asEditor = await (await h.callerFor(editor)).news.get({ id: result.post.id });
    expectInert(asEditor.html);
  });

  it.each(CORPUS)(
    "%s: rendering the raw payload (as if stored earlier) throws or yields inert HTML",
    (_name, payload) => {
      let html: string | null = null;
      try {
        html = renderRichText(payload).html;
      } catch (error) {
        // Refusing to render is safe too (the page then shows no body).
        expect(error).toBeInstanceOf(Error);
      }
      if (html !== null) expectInert(html);
    },
  );

  it("leaves Object.prototype alone", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses malformed JSON states and non-object bodies", async () => {
    const caller = await h.callerFor(author);
    for (const raw of MALFORMED_STRINGS) {
      const error = await failure(
        caller.news.create({
          kind: "NEWS",
          title: "XSS-Prüfung",
          teaser: "",
          body: raw as unknown as Record<string, unknown>,
          audience: "ALL",
          unitIds: [],
          storyUnitIds: [],
          teamOfMonth: false,
        }),
      );
      expect(describeError(error).code).toBe("BAD_INPUT");
    }
  });

  it("keeps markup typed as text visible as text", async () => {
    const post = await (
      await h.callerFor(author)
    ).news.create({
      kind: "NEWS",
      title: "Text",
      teaser: "",
      body: doc(p(text("<script>window.__xss=1</script>"))),
      audience: "ALL",
      unitIds: [],
      storyUnitIds: [],
      teamOfMonth: false,
    });
    expect(post.html).toContain("&lt;script&gt;");
  });
});
