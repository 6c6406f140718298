import { JSDOM } from "jsdom";

type DomGlobals = {
  window?: unknown;
  document?: unknown;
  DOMParser?: unknown;
  MutationObserver?: unknown;
  getComputedStyle?: unknown;
};

let cachedWindow: JSDOM["window"] | null = null;

function serverWindow(): JSDOM["window"] {
  // One window for the process: Lexical only creates detached elements in it,
  // so nothing accumulates in the document between renders.
  cachedWindow ??= new JSDOM("<!doctype html><html><body></body></html>").window;
  return cachedWindow;
}

/**
 * Runs `f` with `window`/`document` pointing at a jsdom window, because
 * `$generateHtmlFromNodes` builds real DOM nodes. Must stay synchronous: the
 * globals are restored in `finally`, before any other request code runs.
 *
 * jsdom rather than happy-dom (what `@lexical/headless/dom` uses): happy-dom 20
 * and 21 drop an element on `el.replaceWith(el)`, which Lexical's table export
 * does, so tables vanished from the HTML.
 */
export function withServerDom<T>(f: () => T): T {
  const g = globalThis as DomGlobals;
  if (g.window !== undefined) return f();
  const win = serverWindow();
  const previous: DomGlobals = {
    document: g.document,
    DOMParser: g.DOMParser,
    MutationObserver: g.MutationObserver,
    getComputedStyle: g.getComputedStyle,
  };
  g.window = win;
  g.document = win.document;
  g.DOMParser = win.DOMParser;
  g.MutationObserver = win.MutationObserver;
  g.getComputedStyle = win.getComputedStyle.bind(win);
  try {
    return f();
  } finally {
    delete g.window;
    for (const [key, value] of Object.entries(previous) as [keyof DomGlobals, unknown][]) {
      if (value === undefined) delete g[key];
      else g[key] = value;
    }
  }
}
