import type { SerializedEditorState, SerializedParagraphNode, SerializedRootNode } from "lexical";

/** Stored rich text: Lexical editor-state JSON (`editorState.toJSON()`). */
export type TRichTextJson = SerializedEditorState;

/** The state of an empty editor: one empty paragraph, as Lexical itself creates it. */
export function emptyRichText(): TRichTextJson {
  const paragraph: SerializedParagraphNode = {
    type: "paragraph",
    version: 1,
    direction: null,
    format: "",
    indent: 0,
    textFormat: 0,
    textStyle: "",
    children: [],
  };
  const root: SerializedRootNode = {
    type: "root",
    version: 1,
    direction: null,
    format: "",
    indent: 0,
    children: [paragraph],
  };
  return { root };
}
