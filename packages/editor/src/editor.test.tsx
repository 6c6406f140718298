// @vitest-environment jsdom
import { act, createElement } from "react";
import { createRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";

import { RichTextEditor } from "./editor.tsx";
import { emptyRichText } from "./state.ts";

const stored = {
  root: {
    type: "root",
    version: 1,
    direction: null,
    format: "",
    indent: 0,
    children: [
      {
        type: "paragraph",
        version: 1,
        direction: null,
        format: "",
        indent: 0,
        textFormat: 0,
        textStyle: "",
        children: [{ type: "text", version: 1, text: "Hallo Kreis", format: 0, detail: 0, mode: "normal", style: "" }],
      },
    ],
  },
};

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement | null = null;
afterEach(() => {
  container?.remove();
  container = null;
});

async function mount(props: Parameters<typeof RichTextEditor>[0]) {
  container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(createElement("form", null, createElement(RichTextEditor, props)));
  });
  return { container, root };
}

describe("RichTextEditor", () => {
  it("renders a placeholder and the hidden input during SSR", () => {
    const html = renderToString(createElement(RichTextEditor, { name: "body", label: "Inhalt", initialJson: stored }));
    expect(html).toContain("Editor wird geladen");
    expect(html).toContain('type="hidden"');
    expect(html).toContain('name="body"');
    expect(html).toContain("Hallo Kreis");
    expect(html).not.toContain("contenteditable");
  });

  it("mounts a labelled editor with an accessible toolbar", async () => {
    const { container, root } = await mount({ name: "body", label: "Inhalt", initialJson: stored });
    const editable = container.querySelector<HTMLElement>('[contenteditable="true"]');
    expect(editable).not.toBeNull();
    const labelId = editable!.getAttribute("aria-labelledby");
    expect(document.getElementById(labelId!)?.textContent).toBe("Inhalt");
    expect(editable!.getAttribute("role")).toBe("textbox");
    expect(editable!.textContent).toContain("Hallo Kreis");

    const toolbar = container.querySelector('[role="toolbar"]');
    expect(toolbar?.getAttribute("aria-label")).toBe("Textformatierung");
    const buttons = Array.from(toolbar!.querySelectorAll("button"));
    expect(buttons.length).toBeGreaterThan(10);
    for (const button of buttons) {
      expect(button.getAttribute("type")).toBe("button");
      expect(button.getAttribute("aria-label")).toBeTruthy();
    }
    // Roving tab index: exactly one button in the tab order.
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    const bold = buttons.find((b) => b.getAttribute("aria-label") === "Fett")!;
    expect(bold.getAttribute("aria-pressed")).toBe("false");

    await act(async () => {
      buttons[0]!.focus();
      buttons[0]!.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    });
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons[1]!.tabIndex).toBe(0);
    expect(buttons[0]!.tabIndex).toBe(-1);

    const hidden = container.querySelector<HTMLInputElement>('input[type="hidden"][name="body"]');
    expect(JSON.parse(hidden!.value).root.children[0].children[0].text).toBe("Hallo Kreis");
    await act(async () => root.unmount());
  });

  it("opens the image panel and requires alt text", async () => {
    const { container, root } = await mount({ name: "body", label: "Inhalt", initialJson: emptyRichText() });
    const imageButton = container.querySelector<HTMLButtonElement>('button[aria-label="Bild einfügen"]')!;
    await act(async () => imageButton.click());
    expect(imageButton.getAttribute("aria-expanded")).toBe("true");
    const panel = container.querySelector('[role="group"][aria-label="Bild einfügen"]')!;
    const inputs = panel.querySelectorAll("input");
    expect(inputs).toHaveLength(2);
    const submit = Array.from(panel.querySelectorAll("button")).find((b) => b.textContent === "Übernehmen")!;
    await act(async () => submit.click());
    expect(panel.querySelectorAll('[role="alert"]')).toHaveLength(2);
    expect(panel.textContent).toContain("Alternativtext");
    await act(async () => root.unmount());
  });

  it("starts empty instead of crashing on unreadable JSON", async () => {
    const { container, root } = await mount({
      name: "body",
      label: "Inhalt",
      initialJson: '{"root":{"type":"root","children":[{"type":"nope"}]}}',
    });
    expect(container.querySelector('[contenteditable="true"]')).not.toBeNull();
    await act(async () => root.unmount());
  });
});
