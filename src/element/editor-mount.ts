import type { CodeEditor, EditableElement } from '../editor/code-editor.js';
import { describeError } from '../shared/describe-error.js';

/**
 * The editor of an `editable` element (a chunk of its own, loaded when first shown), and the
 * reader's edits, which outlive it.
 */
export class EditorMount {
  /** The reader's edits: undefined while the code is as the author wrote it. */
  edited: string | undefined;
  #editor: CodeEditor | undefined;
  /** The element the editor was mounted in (a new render of the editor area needs a new editor). */
  #host: Element | null | undefined;
  /** The traceback of the last error, marked in the editor. */
  #traceback: string | undefined;

  constructor(
    private readonly element: EditableElement,
    private readonly filename: string,
  ) {}

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
      this.#editor = attachEditor(host, this.element, this.filename, this.edited, (code) => (this.edited = code));
      this.#editor.showError(this.#traceback); // a run may have failed before the editor loaded
    } catch (error) {
      host.textContent = `The editor could not be loaded (${describeError(error)}); Run runs the code as it is.`;
    }
  }
}
