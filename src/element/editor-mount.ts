import type { CodeEditor, EditableElement } from '../editor/code-editor.js';
import { describeError } from '../shared/describe-error.js';
import { editKey, readEdit, writeEdit } from './kept-edit.js';

/** The notice above the editor when a kept edit started from other code than the page's now. */
export const STALE_EDIT_NOTICE = "Your edit of an earlier version of this code was restored. Reset shows the page's current code.";

/**
 * The editor of an `editable` element (a chunk of its own, loaded when first shown), and the
 * reader's edits, which outlive it: kept in the browser across reloads (kept-edit.ts).
 */
export class EditorMount {
  #edited: string | undefined;
  #restored = false;
  /** The kept edit restored started from other code than the author's now (which the reader is told). */
  #stale = false;
  #editor: CodeEditor | undefined;
  /** The element the editor was mounted in (a new render of the editor area needs a new editor). */
  #host: Element | null | undefined;
  /** The traceback of the last error, marked in the editor. */
  #traceback: string | undefined;

  constructor(
    private readonly element: EditableElement & HTMLElement & { readonly editable: boolean },
    private readonly filename: string,
  ) {}

  /** The reader's edits: undefined while the code is as the author wrote it. The first read restores a kept edit. */
  get edited(): string | undefined {
    const { element } = this;
    // Not before the author's code is there (a src still loading) to compare the kept edit with.
    if (!this.#restored && element.editable && (element.code || !element.hasAttribute('src'))) {
      this.#restored = true;
      const key = editKey(element);
      const kept = key && this.#edited === undefined ? readEdit(key) : undefined;
      if (kept && kept.code !== element.code) {
        this.#edited = kept.code;
        this.#stale = kept.base !== element.code;
      }
    }
    return this.#edited;
  }

  set edited(code: string | undefined) {
    this.#edited = code;
    if (code === undefined) this.#stale = false;
    const key = editKey(this.element);
    if (key) writeEdit(key, code, this.element.code);
  }

  /** After a render: mounts the editor in `host` (null: none), or takes the author's new code. */
  update(host: HTMLElement | null, codeChanged: boolean): void {
    if (host !== this.#host) void this.#mount(host);
    else if (codeChanged && this.edited === undefined) this.#editor?.reset();
  }

  /** Marks the line of the error this traceback points at (undefined: none). */
  showError(traceback: string | undefined): void {
    this.#traceback = traceback;
    this.#editor?.showError(traceback);
  }

  /** The code stays runnable if the editor cannot load. */
  async #mount(host: HTMLElement | null): Promise<void> {
    this.#host = host;
    this.#editor?.destroy();
    this.#editor = undefined;
    if (!host) return;
    try {
      const { attachEditor } = await import('../editor/code-editor.js');
      if (this.#host !== host) return;
      const edited = this.edited;
      this.#editor = attachEditor(host, this.element, this.filename, edited, (code) => (this.edited = code), this.#stale ? STALE_EDIT_NOTICE : undefined);
      this.#editor.showError(this.#traceback); // a run may have failed before the editor loaded
    } catch (error) {
      host.textContent = `The editor could not be loaded (${describeError(error)}); Run runs the code as it is.`;
    }
  }
}
