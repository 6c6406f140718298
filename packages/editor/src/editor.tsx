import { $isLinkNode, LinkNode, TOGGLE_LINK_COMMAND } from "@lexical/link";
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from "@lexical/list";
import { LexicalComposer } from "@lexical/react/LexicalComposer";
import { useLexicalComposerContext } from "@lexical/react/LexicalComposerContext";
import { ContentEditable } from "@lexical/react/LexicalContentEditable";
import { LexicalErrorBoundary } from "@lexical/react/LexicalErrorBoundary";
import { HistoryPlugin } from "@lexical/react/LexicalHistoryPlugin";
import { LinkPlugin } from "@lexical/react/LexicalLinkPlugin";
import { ListPlugin } from "@lexical/react/LexicalListPlugin";
import { OnChangePlugin } from "@lexical/react/LexicalOnChangePlugin";
import { RichTextPlugin } from "@lexical/react/LexicalRichTextPlugin";
import { TablePlugin } from "@lexical/react/LexicalTablePlugin";
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode, HeadingNode } from "@lexical/rich-text";
import { $setBlocksType } from "@lexical/selection";
import { INSERT_TABLE_COMMAND } from "@lexical/table";
import { $getNearestNodeOfType, mergeRegister } from "@lexical/utils";
import {
  $createParagraphNode,
  $findMatchingParent,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isParagraphNode,
  $isRangeSelection,
  $parseSerializedNode,
  $setSelection,
  type BaseSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  type EditorState,
  FORMAT_TEXT_COMMAND,
  type LexicalEditor,
  type LexicalNode,
  REDO_COMMAND,
  type SerializedLexicalNode,
  type TextFormatType,
  UNDO_COMMAND,
} from "lexical";
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from "react";

import {
  $createImageNode,
  HEADING_TAGS,
  ImageNode,
  RICH_TEXT_NAMESPACE,
  richTextNodes,
  type THeadingTag,
} from "./nodes.ts";
import { emptyRichText } from "./state.ts";
import { richTextTheme } from "./theme.ts";
import { DEFAULT_URL_POLICY, isAllowedImageSrc, isAllowedLinkUrl, type UrlPolicy } from "./urls.ts";

/** Every text the editor shows or announces. German by default; pass translations for dsb/en. */
export type RichTextEditorLabels = {
  toolbar: string;
  loading: string;
  undo: string;
  redo: string;
  paragraph: string;
  h2: string;
  h3: string;
  h4: string;
  quote: string;
  bold: string;
  italic: string;
  underline: string;
  strikethrough: string;
  code: string;
  bulletList: string;
  numberedList: string;
  link: string;
  removeLink: string;
  table: string;
  image: string;
  linkUrl: string;
  linkNewTab: string;
  imageSrc: string;
  imageAlt: string;
  insert: string;
  cancel: string;
  invalidLinkUrl: string;
  invalidImageSrc: string;
  altRequired: string;
};

export const RICH_TEXT_EDITOR_LABELS_DE: RichTextEditorLabels = {
  toolbar: "Textformatierung",
  loading: "Editor wird geladen …",
  undo: "Rückgängig",
  redo: "Wiederholen",
  paragraph: "Normaler Absatz",
  h2: "Überschrift Ebene 2",
  h3: "Überschrift Ebene 3",
  h4: "Überschrift Ebene 4",
  quote: "Zitat",
  bold: "Fett",
  italic: "Kursiv",
  underline: "Unterstrichen",
  strikethrough: "Durchgestrichen",
  code: "Code",
  bulletList: "Aufzählung",
  numberedList: "Nummerierte Liste",
  link: "Link einfügen oder bearbeiten",
  removeLink: "Link entfernen",
  table: "Tabelle einfügen (3 × 3)",
  image: "Bild einfügen",
  linkUrl: "Link-Adresse",
  linkNewTab: "In neuem Tab öffnen",
  imageSrc: "Bildadresse",
  imageAlt: "Alternativtext (Pflichtfeld)",
  insert: "Übernehmen",
  cancel: "Abbrechen",
  invalidLinkUrl: "Bitte eine Adresse angeben, die mit https://, http://, mailto: oder / beginnt.",
  invalidImageSrc: "Bitte eine Bildadresse unter /uploads/ oder mit https:// angeben.",
  altRequired: "Bitte beschreiben Sie das Bild in einem Alternativtext.",
};

export type RichTextEditorProps = {
  /** Name of the hidden input that carries the editor-state JSON on submit. */
  name: string;
  /** Visible label; also the accessible name of the editing area. */
  label: string;
  /** Stored editor-state JSON (object or string); an unreadable value starts empty. */
  initialJson?: unknown;
  /** Translations; missing entries fall back to German. */
  labels?: Partial<RichTextEditorLabels>;
  id?: string;
  /** Ids of help or error texts, for `aria-describedby`. */
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  urlPolicy?: Partial<UrlPolicy>;
  /** Called with the serialized JSON after every content change. */
  onChange?: (json: string) => void;
};

type BlockType = "paragraph" | THeadingTag | "quote" | "bullet" | "number" | "other";

type ToolbarState = {
  blockType: BlockType;
  formats: Record<TextFormatType, boolean>;
  inLink: boolean;
  linkUrl: string;
  linkNewTab: boolean;
  canUndo: boolean;
  canRedo: boolean;
};

const TEXT_FORMATS = [
  "bold",
  "italic",
  "underline",
  "strikethrough",
  "code",
] as const satisfies readonly TextFormatType[];

const INITIAL_TOOLBAR_STATE: ToolbarState = {
  blockType: "paragraph",
  formats: {} as Record<TextFormatType, boolean>,
  inLink: false,
  linkUrl: "",
  linkNewTab: false,
  canUndo: false,
  canRedo: false,
};

function serialize(editorState: EditorState): string {
  return JSON.stringify(editorState.toJSON());
}

function initialString(initialJson: unknown): string {
  if (typeof initialJson === "string" && initialJson.trim() !== "") return initialJson;
  if (initialJson && typeof initialJson === "object") return JSON.stringify(initialJson);
  return JSON.stringify(emptyRichText());
}

/** Loads stored JSON into the editor; anything unreadable leaves one empty paragraph. */
function loadInitialState(json: string): () => void {
  return () => {
    const root = $getRoot();
    try {
      const parsed = JSON.parse(json) as { root?: { children?: SerializedLexicalNode[] } };
      const children = (parsed.root?.children ?? []).map((child) => $parseSerializedNode(child));
      root.clear().append(...(children.length > 0 ? children : [$createParagraphNode()]));
    } catch {
      root.clear().append($createParagraphNode());
    }
  };
}

function $currentBlockType(node: LexicalNode): BlockType {
  const list = $getNearestNodeOfType(node, ListNode);
  if (list) return list.getListType() === "number" ? "number" : "bullet";
  const block = $findMatchingParent(node, (n) => $isHeadingNode(n) || $isQuoteNode(n) || $isParagraphNode(n));
  if ($isHeadingNode(block)) {
    const tag = block.getTag();
    return (HEADING_TAGS as readonly string[]).includes(tag) ? (tag as THeadingTag) : "other";
  }
  if ($isQuoteNode(block)) return "quote";
  return block ? "paragraph" : "other";
}

/**
 * Keeps what authors paste within what the server accepts: headings outside
 * h2–h4 are mapped, links with a disallowed URL are unwrapped and images with
 * a disallowed source are removed, so saving does not fail afterwards.
 */
function ContentRulesPlugin({ policy }: { policy: UrlPolicy }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerNodeTransform(HeadingNode, (node) => {
          const tag = node.getTag();
          if ((HEADING_TAGS as readonly string[]).includes(tag)) return;
          const replacement = $createHeadingNode(tag === "h1" ? "h2" : "h4");
          node.replace(replacement, true);
        }),
        editor.registerNodeTransform(LinkNode, (node) => {
          if (isAllowedLinkUrl(node.getURL(), policy)) return;
          for (const child of node.getChildren()) node.insertBefore(child);
          node.remove();
        }),
        editor.registerNodeTransform(ImageNode, (node) => {
          if (!isAllowedImageSrc(node.getSrc(), policy)) node.remove();
        }),
      ),
    [editor, policy],
  );
  return null;
}

function $restorePanelSelection(selection: BaseSelection | null): void {
  if (selection === null) return;
  const saved = selection.clone();
  if (saved.getNodes().every((node) => node.isAttached())) $setSelection(saved);
}

type ToolbarItem = {
  key: string;
  /** Short visible text; the full name is `label`. */
  text: ReactNode;
  label: string;
  pressed?: boolean;
  disabled?: boolean;
  expanded?: boolean;
  controls?: string;
  onClick: () => void;
};

type Panel = { kind: "link" | "image"; selection: BaseSelection | null } | null;

function Toolbar({ labels, policy, editorId }: { labels: RichTextEditorLabels; policy: UrlPolicy; editorId: string }) {
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>(INITIAL_TOOLBAR_STATE);
  const [active, setActive] = useState(0);
  const [panel, setPanel] = useState<Panel>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const panelId = useId();

  const lastSelection = useRef<BaseSelection | null>(null);

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    lastSelection.current = selection.clone();
    const anchor = selection.anchor.getNode();
    const link = $findMatchingParent(anchor, $isLinkNode);
    const formats = {} as Record<TextFormatType, boolean>;
    for (const format of TEXT_FORMATS) formats[format] = selection.hasFormat(format);
    // Read everything now: the state updater runs later, outside the editor read.
    const next = {
      blockType: $currentBlockType(anchor),
      formats,
      inLink: $isLinkNode(link),
      linkUrl: $isLinkNode(link) ? link.getURL() : "",
      linkNewTab: $isLinkNode(link) ? link.getTarget() === "_blank" : false,
    };
    setState((prev) => ({ ...prev, ...next }));
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh, { editor })),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (canUndo) => {
            setState((prev) => ({ ...prev, canUndo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (canRedo) => {
            setState((prev) => ({ ...prev, canRedo }));
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  /**
   * Keyboard users reach the toolbar with Tab, which blurs the editor and
   * clears its selection; put the last known selection back before acting.
   */
  const restoreSelection = () => {
    editor.update(
      () => {
        if ($getSelection() !== null || lastSelection.current === null) return;
        const saved = lastSelection.current.clone();
        if (saved.getNodes().every((node) => node.isAttached())) $setSelection(saved);
      },
      { discrete: true },
    );
  };

  const run = (action: () => void) => {
    restoreSelection();
    action();
  };

  const setBlock = (type: BlockType) => {
    if (type === "bullet") {
      editor.dispatchCommand(
        state.blockType === "bullet" ? REMOVE_LIST_COMMAND : INSERT_UNORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    if (type === "number") {
      editor.dispatchCommand(
        state.blockType === "number" ? REMOVE_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (type === "quote") $setBlocksType(selection, () => $createQuoteNode());
      else if (type === "h2" || type === "h3" || type === "h4")
        $setBlocksType(selection, () => $createHeadingNode(type));
      else $setBlocksType(selection, () => $createParagraphNode());
    });
  };

  const openPanel = (kind: "link" | "image") => {
    restoreSelection();
    const selection = editor.getEditorState().read(() => $getSelection()?.clone() ?? null, { editor });
    setPanel((current) => (current?.kind === kind ? null : { kind, selection }));
  };

  const closePanel = (restoreFocusTo?: string) => {
    setPanel(null);
    const index = items.findIndex((item) => item.key === restoreFocusTo);
    if (index >= 0) buttons.current[index]?.focus();
    else editor.focus();
  };

  const items: ToolbarItem[] = [
    {
      key: "undo",
      text: "↶",
      label: labels.undo,
      disabled: !state.canUndo,
      onClick: () => editor.dispatchCommand(UNDO_COMMAND, undefined),
    },
    {
      key: "redo",
      text: "↷",
      label: labels.redo,
      disabled: !state.canRedo,
      onClick: () => editor.dispatchCommand(REDO_COMMAND, undefined),
    },
    {
      key: "paragraph",
      text: "¶",
      label: labels.paragraph,
      pressed: state.blockType === "paragraph",
      onClick: () => setBlock("paragraph"),
    },
    { key: "h2", text: "H2", label: labels.h2, pressed: state.blockType === "h2", onClick: () => setBlock("h2") },
    { key: "h3", text: "H3", label: labels.h3, pressed: state.blockType === "h3", onClick: () => setBlock("h3") },
    { key: "h4", text: "H4", label: labels.h4, pressed: state.blockType === "h4", onClick: () => setBlock("h4") },
    {
      key: "quote",
      text: "„“",
      label: labels.quote,
      pressed: state.blockType === "quote",
      onClick: () => setBlock("quote"),
    },
    ...TEXT_FORMATS.map((format): ToolbarItem => ({
      key: format,
      text: {
        bold: <strong>F</strong>,
        italic: <em>K</em>,
        underline: <u>U</u>,
        strikethrough: <s>D</s>,
        code: <code>{"</>"}</code>,
      }[format],
      label: labels[format],
      pressed: Boolean(state.formats[format]),
      onClick: () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, format),
    })),
    {
      key: "bullet",
      text: "•",
      label: labels.bulletList,
      pressed: state.blockType === "bullet",
      onClick: () => setBlock("bullet"),
    },
    {
      key: "number",
      text: "1.",
      label: labels.numberedList,
      pressed: state.blockType === "number",
      onClick: () => setBlock("number"),
    },
    {
      key: "link",
      text: "Link",
      label: labels.link,
      pressed: state.inLink,
      expanded: panel?.kind === "link",
      controls: panelId,
      onClick: () => openPanel("link"),
    },
    {
      key: "unlink",
      text: "Link ×",
      label: labels.removeLink,
      disabled: !state.inLink,
      onClick: () => editor.dispatchCommand(TOGGLE_LINK_COMMAND, null),
    },
    {
      key: "table",
      text: "Tabelle",
      label: labels.table,
      onClick: () =>
        editor.dispatchCommand(INSERT_TABLE_COMMAND, {
          rows: "3",
          columns: "3",
          includeHeaders: { rows: true, columns: false },
        }),
    },
    {
      key: "image",
      text: "Bild",
      label: labels.image,
      expanded: panel?.kind === "image",
      controls: panelId,
      onClick: () => openPanel("image"),
    },
  ];

  /** WCAG 2.5.3 (label in name): a short visible text such as "H2" or "1." must be part of the name. */
  const accessibleName = (item: ToolbarItem) =>
    typeof item.text === "string" && /^[A-Za-z0-9]+\.?$/.test(item.text) && !item.label.includes(item.text)
      ? `${item.text} ${item.label}`
      : item.label;

  const onToolbarKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % items.length,
      ArrowLeft: (i) => (i - 1 + items.length) % items.length,
      Home: () => 0,
      End: () => items.length - 1,
    };
    const move = keys[event.key];
    const current = buttons.current.findIndex((button) => button === event.target);
    if (!move || current < 0) return;
    event.preventDefault();
    const next = move(current);
    setActive(next);
    buttons.current[next]?.focus();
  };

  return (
    <>
      <div
        role="toolbar"
        aria-label={labels.toolbar}
        aria-controls={editorId}
        className="kn-rt-toolbar"
        onKeyDown={onToolbarKeyDown}
      >
        {items.map((item, index) => (
          <button
            key={item.key}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            className="kn-rt-toolbar-button"
            tabIndex={index === active ? 0 : -1}
            aria-label={accessibleName(item)}
            title={item.label}
            aria-pressed={item.pressed}
            aria-disabled={item.disabled || undefined}
            aria-expanded={item.expanded}
            aria-controls={item.expanded ? item.controls : undefined}
            onFocus={() => setActive(index)}
            // Keep the editor selection when a button is clicked with the mouse.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (!item.disabled) run(item.onClick);
            }}
          >
            <span aria-hidden="true">{item.text}</span>
          </button>
        ))}
      </div>
      {panel?.kind === "link" && (
        <LinkPanel
          id={panelId}
          labels={labels}
          policy={policy}
          initialUrl={state.linkUrl}
          initialNewTab={state.linkNewTab}
          onCancel={() => closePanel("link")}
          onSubmit={(url, newTab) => {
            let insertedText = false;
            editor.update(
              () => {
                $restorePanelSelection(panel.selection);
                const selection = $getSelection();
                if ($isRangeSelection(selection) && selection.isCollapsed() && !state.inLink) {
                  // Nothing selected: insert the address itself as the link text.
                  selection.insertText(url);
                  const anchor = selection.anchor;
                  selection.anchor.set(anchor.key, anchor.offset - url.length, "text");
                  insertedText = true;
                }
              },
              { discrete: true },
            );
            editor.dispatchCommand(TOGGLE_LINK_COMMAND, {
              url,
              target: newTab ? "_blank" : null,
              rel: newTab ? "noopener noreferrer" : null,
            });
            if (insertedText) {
              // Continue typing after the new link, not over it.
              editor.update(() => {
                const selection = $getSelection();
                if ($isRangeSelection(selection)) {
                  const end = selection.isBackward() ? selection.anchor : selection.focus;
                  selection.anchor.set(end.key, end.offset, end.type);
                  selection.focus.set(end.key, end.offset, end.type);
                }
              });
            }
            closePanel();
          }}
        />
      )}
      {panel?.kind === "image" && (
        <ImagePanel
          id={panelId}
          labels={labels}
          policy={policy}
          onCancel={() => closePanel("image")}
          onSubmit={(src, altText) => {
            editor.update(() => {
              $restorePanelSelection(panel.selection);
              $insertNodes([$createImageNode({ src, altText })]);
            });
            closePanel();
          }}
        />
      )}
    </>
  );
}

function PanelField({
  label,
  value,
  onChange,
  error,
  autoFocus,
  onEnter,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  autoFocus?: boolean;
  onEnter: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  return (
    <div className="kn-rt-panel-field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Enter must not submit the surrounding form.
          if (event.key === "Enter") {
            event.preventDefault();
            onEnter();
          }
        }}
      />
      {error && (
        <p id={`${id}-error`} className="kn-rt-panel-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function PanelShell({
  id,
  label,
  onCancel,
  onSubmit,
  labels,
  children,
}: {
  id: string;
  label: string;
  onCancel: () => void;
  onSubmit: () => void;
  labels: RichTextEditorLabels;
  children: ReactNode;
}) {
  return (
    <div
      id={id}
      role="group"
      aria-label={label}
      className="kn-rt-panel"
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      {children}
      <div className="kn-rt-panel-actions">
        <button type="button" onClick={onSubmit}>
          {labels.insert}
        </button>
        <button type="button" onClick={onCancel}>
          {labels.cancel}
        </button>
      </div>
    </div>
  );
}

function LinkPanel(props: {
  id: string;
  labels: RichTextEditorLabels;
  policy: UrlPolicy;
  initialUrl: string;
  initialNewTab: boolean;
  onCancel: () => void;
  onSubmit: (url: string, newTab: boolean) => void;
}) {
  const { labels } = props;
  const [url, setUrl] = useState(props.initialUrl);
  const [newTab, setNewTab] = useState(props.initialNewTab);
  const [error, setError] = useState<string | null>(null);
  const checkboxId = useId();
  const submit = () => {
    const trimmed = url.trim();
    if (!isAllowedLinkUrl(trimmed, props.policy)) {
      setError(labels.invalidLinkUrl);
      return;
    }
    props.onSubmit(trimmed, newTab);
  };
  return (
    <PanelShell id={props.id} label={labels.link} labels={labels} onCancel={props.onCancel} onSubmit={submit}>
      <PanelField label={labels.linkUrl} value={url} onChange={setUrl} error={error} autoFocus onEnter={submit} />
      <div className="kn-rt-panel-field">
        <input id={checkboxId} type="checkbox" checked={newTab} onChange={(event) => setNewTab(event.target.checked)} />
        <label htmlFor={checkboxId}>{labels.linkNewTab}</label>
      </div>
    </PanelShell>
  );
}

function ImagePanel(props: {
  id: string;
  labels: RichTextEditorLabels;
  policy: UrlPolicy;
  onCancel: () => void;
  onSubmit: (src: string, altText: string) => void;
}) {
  const { labels } = props;
  const [src, setSrc] = useState("");
  const [alt, setAlt] = useState("");
  const [errors, setErrors] = useState<{ src: string | null; alt: string | null }>({ src: null, alt: null });
  const submit = () => {
    const next = {
      src: isAllowedImageSrc(src.trim(), props.policy) ? null : labels.invalidImageSrc,
      alt: alt.trim() ? null : labels.altRequired,
    };
    setErrors(next);
    if (!next.src && !next.alt) props.onSubmit(src.trim(), alt.trim());
  };
  return (
    <PanelShell id={props.id} label={labels.image} labels={labels} onCancel={props.onCancel} onSubmit={submit}>
      <PanelField label={labels.imageSrc} value={src} onChange={setSrc} error={errors.src} autoFocus onEnter={submit} />
      <PanelField label={labels.imageAlt} value={alt} onChange={setAlt} error={errors.alt} onEnter={submit} />
    </PanelShell>
  );
}

/**
 * Rich-text field for plain Remix forms: a labelled Lexical editor with an
 * accessible toolbar that writes the editor-state JSON into a hidden input.
 * Server side, validate the submitted value with `validateRichText` from
 * `@kreisnetz/editor/render`. During SSR (and before hydration) only a
 * placeholder and the hidden input with the initial value are rendered.
 */
export function RichTextEditor({
  name,
  label,
  initialJson,
  labels: labelOverrides,
  id,
  describedBy,
  invalid,
  required,
  urlPolicy,
  onChange,
}: RichTextEditorProps) {
  const generatedId = useId();
  const baseId = id ?? generatedId;
  const labelId = `${baseId}-label`;
  const editorId = `${baseId}-editor`;
  const labels = useMemo(() => ({ ...RICH_TEXT_EDITOR_LABELS_DE, ...labelOverrides }), [labelOverrides]);
  const policy = useMemo(() => ({ ...DEFAULT_URL_POLICY, ...urlPolicy }), [urlPolicy]);
  const [initial] = useState(() => initialString(initialJson));
  const [value, setValue] = useState(initial);
  const [mounted, setMounted] = useState(false);
  const editorRef = useRef<LexicalEditor | null>(null);

  useEffect(() => {
    setMounted(true);
  }, []);

  const initialConfig = useMemo(
    () => ({
      namespace: RICH_TEXT_NAMESPACE,
      nodes: richTextNodes,
      theme: richTextTheme,
      editorState: loadInitialState(initial),
      onError: (error: Error) => {
        console.error(error);
      },
    }),
    [initial],
  );

  const handleChange = useCallback(
    (editorState: EditorState) => {
      const json = serialize(editorState);
      setValue(json);
      onChange?.(json);
    },
    [onChange],
  );

  return (
    <div className="kn-rt-field">
      <div id={labelId} className="kn-rt-label" onClick={() => editorRef.current?.focus()}>
        {label}
      </div>
      <input type="hidden" name={name} value={value} />
      {mounted ? (
        <LexicalComposer initialConfig={initialConfig}>
          <div className="kn-rt-editor">
            <Toolbar labels={labels} policy={policy} editorId={editorId} />
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  id={editorId}
                  className="kn-rt-content"
                  role="textbox"
                  aria-multiline={true}
                  aria-labelledby={labelId}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  aria-required={required || undefined}
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
            <HistoryPlugin />
            <ListPlugin />
            <LinkPlugin validateUrl={(url) => isAllowedLinkUrl(url, policy)} />
            <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} hasTabHandler={false} />
            <ContentRulesPlugin policy={policy} />
            <OnChangePlugin ignoreSelectionChange onChange={handleChange} />
            <EditorRefPlugin editorRef={editorRef} />
          </div>
        </LexicalComposer>
      ) : (
        <div className="kn-rt-editor kn-rt-editor-loading" aria-labelledby={labelId} aria-busy="true">
          {labels.loading}
        </div>
      )}
    </div>
  );
}

function EditorRefPlugin({ editorRef }: { editorRef: { current: LexicalEditor | null } }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editorRef.current = editor;
    return () => {
      editorRef.current = null;
    };
  }, [editor, editorRef]);
  return null;
}
