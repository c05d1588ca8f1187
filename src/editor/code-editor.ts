/**
 * The editor of `editable` elements: CodeMirror 6 with Python highlighting, loaded only when an
 * element is editable (a separate chunk), so the base bundle stays small.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** What the editor needs of its element. */
export interface EditableElement {
  readonly shadowRoot: ShadowRoot | null;
  /** The author's code. */
  readonly code: string;
  run(): unknown;
}

export interface CodeEditor {
  /** Back to the author's code. */
  reset(): void;
  /** Highlights the line of the code where the error of this traceback happened (undefined: none). */
  showError(traceback: string | undefined): void;
  destroy(): void;
}

const markError = StateEffect.define<number | undefined>();
const errorLineMark = Decoration.line({ attributes: { class: 'cm-error-line' } });

/** The error line's decoration; editing the code removes it. */
const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    if (transaction.docChanged) marks = Decoration.none;
    for (const effect of transaction.effects) {
      if (!effect.is(markError)) continue;
      const line = effect.value;
      marks =
        line === undefined || line < 1 || line > transaction.state.doc.lines
          ? Decoration.none
          : Decoration.set([errorLineMark.range(transaction.state.doc.line(line).from)]);
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The code colours, light and dark; a page overrides them by setting the properties on the element. */
const COLOURS = `
:host {
  --py-worker-run-keyword-color: #cf222e;
  --py-worker-run-string-color: #0a3069;
  --py-worker-run-number-color: #0550ae;
  --py-worker-run-comment-color: #57606a;
  --py-worker-run-definition-color: #8250df;
  --py-worker-run-selection-background: #b6d7ff;
}
@media (prefers-color-scheme: dark) {
  :host {
    --py-worker-run-keyword-color: #ff7b72;
    --py-worker-run-string-color: #a5d6ff;
    --py-worker-run-number-color: #79c0ff;
    --py-worker-run-comment-color: #8b949e;
    --py-worker-run-definition-color: #d2a8ff;
    --py-worker-run-selection-background: #264f78;
  }
}`;

/** The last line of `filename` in a traceback: where the error happened in the user's code. */
export function errorLine(traceback: string, filename: string): number | undefined {
  let line: number | undefined;
  for (const match of traceback.matchAll(/File "(.*)", line (\d+)/g)) {
    if (match[1] === filename) line = Number(match[2]);
  }
  return line;
}

/** Colours from the element's custom properties, so themes (and dark mode) restyle the code. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.operatorKeyword], color: 'var(--py-worker-run-keyword-color)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--py-worker-run-string-color)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--py-worker-run-number-color)' },
  { tag: tags.comment, color: 'var(--py-worker-run-comment-color)', fontStyle: 'italic' },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: 'var(--py-worker-run-definition-color)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--py-worker-run-color)',
    backgroundColor: 'var(--py-worker-run-background)',
    border: '1px solid var(--py-worker-run-border-color)',
    borderRadius: 'var(--py-worker-run-radius)',
    marginBottom: '0.5em',
    maxHeight: 'var(--py-worker-run-max-height)',
  },
  '.cm-content': { fontFamily: 'var(--py-worker-run-font-family)', caretColor: 'var(--py-worker-run-color)' },
  '.cm-scroller': { fontFamily: 'var(--py-worker-run-font-family)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'transparent', color: 'var(--py-worker-run-muted-color)', border: 'none' },
  '&.cm-focused': { outline: '2px solid var(--py-worker-run-focus-color)', outlineOffset: '-2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--py-worker-run-selection-background)',
  },
  '.cm-error-line': { backgroundColor: 'var(--py-worker-run-error-background)', boxShadow: 'inset 3px 0 var(--py-worker-run-error-color)' },
});

let colours: CSSStyleSheet | undefined;

/**
 * Puts an editor holding `edited` (else the element's code), and a Reset button, into `host`, with
 * `notice` above it until the code is reset.
 * `onEdit` gets the reader's code after each change (undefined once it is the author's again).
 * Ctrl/Cmd+Enter runs; Escape moves focus to the Run button, so the editor is no keyboard trap.
 */
export function attachEditor(
  host: HTMLElement,
  element: EditableElement,
  filename: string,
  edited: string | undefined,
  onEdit: (code: string | undefined) => void,
  notice?: string,
): CodeEditor {
  const root = element.shadowRoot!;
  if (!colours) {
    colours = new CSSStyleSheet();
    colours.replaceSync(COLOURS);
  }
  if (!root.adoptedStyleSheets.includes(colours)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, colours];
  const resetButton = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Reset', disabled: edited === undefined });
  resetButton.setAttribute('part', 'reset-button');
  resetButton.title = "Back to the page's code";
  const view = new EditorView({
    root,
    state: EditorState.create({
      doc: edited ?? element.code,
      extensions: [
        keymap.of([
          { key: 'Mod-Enter', run: () => (element.run(), true) },
          {
            key: 'Escape',
            run: () => {
              root.querySelector<HTMLElement>('[part~="run-button"]')?.focus();
              return true;
            },
          },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        history(),
        lineNumbers(),
        indentOnInput(),
        bracketMatching(),
        python(),
        syntaxHighlighting(highlight),
        theme,
        errorLineField,
        EditorView.contentAttributes.of({ 'aria-label': 'Python code' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const code = update.state.doc.toString();
          const edited = code === element.code ? undefined : code;
          resetButton.disabled = edited === undefined;
          onEdit(edited);
        }),
      ],
    }),
  });
  const noticeLine = notice ? Object.assign(document.createElement('p'), { textContent: notice }) : undefined;
  noticeLine?.setAttribute('part', 'notice');
  noticeLine?.setAttribute('role', 'status');
  const reset = () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: element.code } });
    noticeLine?.remove();
  };
  resetButton.addEventListener('click', () => {
    reset();
    view.focus();
  });
  host.replaceChildren(...(noticeLine ? [noticeLine] : []), view.dom);
  // Beside the element's Run button (an editable element always shows one).
  (root.querySelector('[part~="run-button"]') ?? host).after(resetButton);
  return {
    reset,
    showError(traceback) {
      view.dispatch({ effects: markError.of(traceback ? errorLine(traceback, filename) : undefined) });
    },
    destroy() {
      view.destroy();
      resetButton.remove();
    },
  };
}
