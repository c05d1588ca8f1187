import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { codeFromChildren, NO_CODE } from './element/code-source.js';
import { SourceLoader } from './element/code-fetch.js';
import { parseContextAttribute, sameContext } from './element/context-source.js';
import { inputForm, resultPart, richItem } from './element/output-parts.js';
import { RunLifecycle, type PyWorkerRunStatus } from './element/run-lifecycle.js';
import { EditorMount } from './element/editor-mount.js';
import { CoalescedRun } from './element/coalesced-run.js';
import { BoundInputs } from './element/bound-inputs.js';
import { StreamView } from './element/stream-view.js';
import { LoadTiming } from './element/load-timing.js';
import { inputFailure, RunInputError, type RunJob, type RunOutcome } from './runner/job/outcome.js';
import { parsePackages } from './runner/job/packages.js';
import { parseFiles } from './runner/job/files.js';
import { checkContextObject, dedent, DEFAULT_FILENAME, timeoutMs, type RunContext } from './runner/job/run-input.js';
import { pageBaseURL } from './runner/start/index-url.js';
import { RunnerErrorType, type RunError } from './shared/protocol.js';
import { styles } from './py-worker-run.styles.js';

export type { PyWorkerRunStatus };

/** Properties whose change re-runs the code (unless `manual`). */
const RUN_INPUTS = ['code', 'context', 'packages', 'session', 'stdin', 'files', 'inputs'] as const;

/**
 * Runs the Python code it contains in the page's shared Pyodide worker and shows what it printed,
 * the value of its last expression, or the error.
 *
 * @summary Python in a tag, run in a Web Worker shared by the whole page.
 * @tagname py-worker-run
 *
 * @slot - The Python code, as text, or inside a `<script type="text/x-python">` or `<template>` child. It is displayed only with `editable`.
 *
 * @attr code - The Python code, as text (what a server renderer writes for a `code` binding); it takes the place of the element's children and `src`.
 * @attr context - A JSON object; each key becomes a Python global and is readable with `from js import KEY`.
 * @attr manual - Do not run automatically; show a Run button.
 * @attr editable - Show the code in an editor (Python highlighting; Ctrl/Cmd+Enter runs, Escape leaves it) with Run and Reset.
 * @attr timeout - Seconds a run may take before it is stopped (default: `configure({ timeout })`, else no limit).
 * @attr packages - Packages loaded before the run: names from Pyodide's lock file or URLs of .whl files, space or comma separated.
 * @attr session - Elements with the same session share one Python namespace (notebook cells).
 * @attr stdin - Text served to input() and sys.stdin, line by line; without it, input() asks the reader.
 * @attr src - URL of a Python file to run instead of the element's text (relative to the page).
 * @attr files - URLs of files written into Python's working directory before the run (relative to the page), space separated: `url:path` chooses the path, `archive.zip/*` unpacks; or a JSON object `{"url": "path"}`.
 * @attr inputs - Form controls whose values become Python globals, by selector (`"#n #name"`, or `name=selector`); the cell re-runs when one changes.
 * @attr inputs-interrupt - A change of an input stops the run in progress instead of waiting for it.
 * @attr persist - The name under which a reader's edits of this editable cell are kept in the browser across reloads (default: its id); `off`: not kept.
 * @attr loading - `lazy`: the first automatic run waits until the element is within a viewport of being seen (and Python is not loaded for it before). Default `eager`.
 * @attr allow-html - Show `_repr_html_` and Markdown as written, unsanitised (only for code you trust).
 * @attr defer-hydration - No automatic run while present. Server-rendered markup carries it until the framework has set the element's properties and removes it (the React wrapper does this).
 *
 * @fires {PyRunDetail} py-run - A run starts. Detail: `{ code }`.
 * @fires {PyOutputDetail} py-output - Output arrived while running. Detail: `{ stream: "stdout" | "stderr", text }`.
 * @fires {PyResultDetail} py-result - A run finished. Detail: `{ value, repr, stdout, stderr, durationMs }`.
 * @fires {PyErrorDetail} py-error - A run failed, or could not start. Detail: `{ type, message, traceback, stdout, stderr, durationMs }`.
 *
 * @csspart status - "Loading Python…" / "Running…" with the elapsed time; hidden when done.
 * @csspart output - The region holding stdout, stderr and result (`aria-live="polite"`, `aria-busy` while running).
 * @csspart stdout - Printed text.
 * @csspart stderr - Text written to standard error.
 * @csspart result - `repr()` of the last expression's value, unless it is None.
 * @csspart error - The error (`role="alert"`): its type and message, then the traceback.
 * @csspart error-message - The error's type and message.
 * @csspart traceback - The traceback of a Python error, showing only the user's frames.
 * @csspart traceback-details - The collapsible section holding the traceback.
 * @csspart editor - The code editor (with `editable`); the line an error happened on is marked in it.
 * @csspart run-button - The Run button (with `manual` or `editable`).
 * @csspart reset-button - The Reset button (with `editable`): back to the page's code.
 * @csspart stop-button - The Stop button, shown while the element is loading or running.
 * @csspart status-text - The text of the status line.
 * @csspart image - An image shown for a rich value (`_repr_png_`, `_repr_svg_`, a matplotlib figure…).
 * @csspart html - HTML and Markdown from `_repr_html_`, `_repr_markdown_` or `display()`, sanitised unless `allow-html`.
 * @csspart displays - The values passed to display(), in order.
 * @csspart input - The form shown when input() waits for a line.
 * @csspart input-field - Its text field.
 * @csspart input-button - Its Enter button.
 *
 * @cssprop --py-worker-run-font-family - Font of code and output.
 * @cssprop --py-worker-run-font-size - Font size of code and output.
 * @cssprop --py-worker-run-color - Text colour.
 * @cssprop --py-worker-run-background - Background of the output.
 * @cssprop --py-worker-run-border-color - Border colour of the output.
 * @cssprop --py-worker-run-radius - Corner radius.
 * @cssprop --py-worker-run-stderr-color - Colour of stderr text.
 * @cssprop --py-worker-run-error-color - Colour of errors.
 * @cssprop --py-worker-run-error-background - Background of errors.
 * @cssprop --py-worker-run-muted-color - Colour of the status line.
 * @cssprop --py-worker-run-max-height - Height beyond which the output (and the editor) scrolls.
 * @cssprop --py-worker-run-focus-color - Outline of the focused control or editor.
 * @cssprop --py-worker-run-keyword-color - Python keywords in the editor.
 * @cssprop --py-worker-run-string-color - Strings in the editor.
 * @cssprop --py-worker-run-number-color - Numbers, True, False and None in the editor.
 * @cssprop --py-worker-run-comment-color - Comments in the editor.
 * @cssprop --py-worker-run-definition-color - Names of defined functions and classes in the editor.
 * @cssprop --py-worker-run-selection-background - Selected text in the editor.
 */
export class PyWorkerRun extends LitElement {
  static override styles = styles;

  static override properties = {
    manual: { type: Boolean, reflect: true },
    editable: { type: Boolean, reflect: true },
    timeout: { type: Number },
    packages: {},
    session: {},
    stdin: {},
    src: {},
    files: {},
    inputs: {},
    inputsInterrupt: { type: Boolean, attribute: 'inputs-interrupt' },
    allowHtml: { type: Boolean, attribute: 'allow-html' },
    loading: {},
    code: { noAccessor: true },
    context: { attribute: 'context', noAccessor: true },
    _deferHydration: { type: Boolean, attribute: 'defer-hydration' },
  };

  /** Do not run automatically (on connect or when code or context change); show a Run button. */
  declare manual: boolean;
  /** Show the code in an editor (Python highlighting; Ctrl/Cmd+Enter runs, Escape leaves it) with Run and Reset. */
  declare editable: boolean;
  /** Seconds a run may take before it is stopped; unset: the page default (`configure({ timeout })`). */
  declare timeout: number | undefined;
  /** Packages loaded before the run: names from Pyodide's lock file or URLs of .whl files, space or comma separated. */
  declare packages: string | undefined;
  /** Elements with the same session share one Python namespace, and run in document order. */
  declare session: string | undefined;
  /** Text served to input() and sys.stdin, line by line (then EOFError); unset: input() asks the reader. */
  declare stdin: string | undefined;
  /** URL of a Python file to run instead of the element's text (relative to the page). */
  declare src: string | undefined;
  /** Files written into Python's working directory before the run: `"data.csv in.txt:input/in.txt data.zip/*"` or `{"url": "path"}` as JSON. */
  declare files: string | undefined;
  /** Form controls whose values become Python globals: selectors (`"#n #name"`) or `name=selector` pairs; a change re-runs the cell. */
  declare inputs: string | undefined;
  /** A change of an input stops the run in progress (else the new run waits for it). */
  declare inputsInterrupt: boolean;
  /** Show `_repr_html_` and Markdown as written, unsanitised. Only for code you trust: it runs in your page. */
  declare allowHtml: boolean;
  /** `'lazy'`: the first automatic run waits until the element is within a viewport of being seen. */
  declare loading: 'eager' | 'lazy';

  /** The code fetched for `src`. */
  readonly #source = new SourceLoader(() => this.requestUpdate('code'));
  declare private _deferHydration: boolean;

  #code: string | undefined;
  /** An object, or JSON text (parsed when a run starts). */
  #context: RunContext | string | undefined;
  /** Where the context was set last, for errors: the attribute or the property. */
  #contextWhere = 'context attribute';
  readonly #autoRuns = new CoalescedRun();
  readonly #inputs = new BoundInputs(this, () => this.inputs, () => this.#inputChanged());
  /** Aborted by stop() and on removal: ends every run this element has queued or running, and cancels their leftovers. */
  #runs = new AbortController();
  #hasAutoRun = false;
  readonly #loadTiming = new LoadTiming(this);
  readonly #lifecycle = new RunLifecycle(this, {
    codeToRun: () => this.#codeToRun,
    onStart: () => this.#editor.showError(undefined),
    onFinish: (outcome) => this.#editor.showError(outcome.error?.traceback),
  });
  /** Renders again when sanitised HTML is ready (one function per element: output-parts.ts keeps a set of them). */
  readonly #rerender = () => this.requestUpdate();
  readonly #stdoutView = new StreamView();
  readonly #stderrView = new StreamView();
  readonly #editor = new EditorMount(this, DEFAULT_FILENAME);
  readonly #childObserver = new MutationObserver(() => {
    if (this.#code === undefined) this.requestUpdate('code');
  });

  constructor() {
    super();
    this.manual = false;
    this.editable = false;
    this.timeout = undefined;
    this.packages = undefined;
    this.session = undefined;
    this.stdin = undefined;
    this.src = undefined;
    this.files = undefined;
    this.inputs = undefined;
    this.inputsInterrupt = false;
    this.allowHtml = false;
    this.loading = 'eager';
    this._deferHydration = false;
  }

  /** The Python code: set explicitly, else fetched from `src`, else read from the element's children (dedented). */
  get code(): string {
    return this.#code ?? this.#source.code ?? codeFromChildren(this);
  }
  set code(value: string | null | undefined) {
    const old = this.code;
    this.#code = value == null ? undefined : dedent(String(value));
    this.requestUpdate('code', old);
  }

  /**
   * The run's context: an object whose keys become Python globals (also `from js import KEY`).
   * Any structured-cloneable values; typed arrays arrive as memoryview-compatible objects.
   * A string is read as JSON, as the attribute is. Reading it gives the object (undefined for invalid JSON).
   */
  get context(): RunContext | undefined {
    try {
      return typeof this.#context === 'string' ? parseContextAttribute(this.#context) : this.#context;
    } catch {
      return undefined;
    }
  }
  set context(value: RunContext | string | null | undefined) {
    if (sameContext(this.#context, value ?? undefined)) return;
    const old = this.context;
    this.#context = value ?? undefined;
    this.#contextWhere = 'context property'; // the attribute sets it through here, then says so
    this.requestUpdate('context', old);
  }

  /** `"idle" | "loading" | "running" | "done" | "error"`. */
  get status(): PyWorkerRunStatus {
    return this.#lifecycle.status;
  }
  /** The last successful run's value as plain JS data. */
  get result(): unknown {
    const outcome = this.#lifecycle.outcome;
    return outcome?.ok ? outcome.value : undefined;
  }
  /** The last run's error, if it failed. */
  get error(): RunError | undefined {
    return this.#lifecycle.outcome?.error;
  }
  get stdout(): string {
    return this.#lifecycle.stdout;
  }
  get stderr(): string {
    return this.#lifecycle.stderr;
  }

  /**
   * Runs the code and context as they are now. Every call resolves with its own outcome; this
   * element's runs go one at a time, in the order asked.
   */
  run(): Promise<RunOutcome> {
    // A src fetch given up at a timeout or stop is tried again by a new run.
    if (this.#source.givenUp) this.#loadSource();
    // Only a src still being fetched is waited for: otherwise the code is taken as it is now.
    const fetching = this.#source.ready;
    if (fetching) return fetching.then(() => this.#runNow());
    const inputsPending = this.#inputs.pending();
    if (inputsPending) return inputsPending.then(() => this.run());
    return this.#runNow();
  }

  #runNow(): Promise<RunOutcome> {
    let job: RunJob;
    try {
      job = this.#job();
      if (!job.code.trim()) {
        throw new RunInputError(RunnerErrorType.input, NO_CODE);
      }
    } catch (error) {
      return Promise.resolve(this.#lifecycle.finish(inputFailure(error)));
    }
    return this.#lifecycle.submit(job, this.#runs.signal);
  }

  /**
   * Stops what this element runs: its queued runs are dropped and its running code is interrupted
   * (KeyboardInterrupt, on cross-origin isolated pages) or its worker replaced. Each stopped run
   * resolves with a `RunStoppedError` outcome.
   */
  stop(): void {
    this.#runs.abort();
    this.#runs = new AbortController();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#childObserver.observe(this, { childList: true, characterData: true, subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#childObserver.disconnect();
    // Moving the element disconnects and reconnects it in one task: only a real removal stops its runs.
    queueMicrotask(() => {
      if (!this.isConnected) this.stop();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'context') this.#contextWhere = 'context attribute';
  }

  // Scheduled before rendering, so the busy status it sets shows in this same update.
  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('src')) this.#loadSource();
    if (changed.has('inputs')) this.#inputs.update();
    if (this.manual || this._deferHydration || !this.#loadTiming.mayRun) return;
    const inputsChanged = RUN_INPUTS.some((name) => changed.has(name));
    if (!this.#hasAutoRun || inputsChanged) {
      this.#hasAutoRun = true;
      this.#autoRun();
    }
  }

  /** A bound control changed: run again (after the run in progress, or instead of it with inputs-interrupt). */
  #inputChanged(): void {
    if (this.manual || this._deferHydration) return;
    if (this.inputsInterrupt && this.#lifecycle.busy) this.stop();
    this.#autoRun();
  }

  /** Queues one automatic run; changes made before it starts are picked up by it (coalescing). */
  #autoRun(): void {
    if (this.#autoRuns.queued || this.#source.pending) return;
    const inputsPending = this.#inputs.pending();
    if (inputsPending) {
      void inputsPending.then(() => this.#autoRun());
      return;
    }
    // An empty element says why it shows nothing (a framework's compiler may have dropped its code), unless a reader is to write the code.
    if (!this.#codeToRun.trim() && !this.#source.failed) {
      if (!this.editable) void this.run();
      return;
    }
    this.#autoRuns.request(
      (job) => this.#lifecycle.submit(job, this.#runs.signal),
      () => this.#job(),
    );
  }

  /** What runs: the reader's edits (editable), else the code. */
  get #codeToRun(): string {
    return this.#editor.edited ?? this.code;
  }

  #loadSource(): void {
    let timeoutMs: number | undefined;
    try {
      timeoutMs = this.#timeoutMs();
    } catch {
      // a bad timeout is reported when the run starts
    }
    this.#source.load(this.src, this.#runs.signal, timeoutMs);
  }

  #job(): RunJob {
    this.#source.check();
    const given = this.#context;
    const where = this.#contextWhere;
    const context =
      given === undefined ? undefined : typeof given === 'string' ? parseContextAttribute(given, where) : checkContextObject(given, where);
    const inputs = this.#inputs.values();
    return {
      code: this.#codeToRun,
      context: inputs ? { ...context, ...inputs } : context,
      timeoutMs: this.#timeoutMs(),
      packages: this.packages ? parsePackages(this.packages, pageBaseURL()) : undefined,
      session: this.session || undefined,
      stdin: this.stdin ?? undefined,
      files: this.files ? parseFiles(this.files, pageBaseURL()) : undefined,
    };
  }

  #timeoutMs(): number | undefined {
    return timeoutMs(this.timeout, `"${this.getAttribute('timeout') ?? String(this.timeout)}"`);
  }

  protected override render() {
    const run = this.#lifecycle;
    const busy = run.busy;
    const error = run.outcome?.error;
    return html`
      ${this.editable ? html`<div part="editor"></div>` : nothing}
      ${this.manual || this.editable
        ? html`<button part="run-button" type="button" @click=${() => void this.run()}>Run</button>`
        : nothing}
      <div part="status" ?hidden=${!busy}>
        <span part="status-text">${busy ? run.statusText() : ''}</span>
        <button part="stop-button" type="button" ?hidden=${!busy} @click=${() => this.stop()}>Stop</button>
      </div>
      <div part="output" aria-live="polite" aria-busy=${busy}>${run.stdout
          ? html`<pre part="stdout"></pre>`
          : nothing}${run.stderr ? html`<pre part="stderr"></pre>` : nothing}${run.displays.length
          ? html`<div part="displays">${run.displays.map((item) => richItem(item, this.allowHtml, this.#rerender))}</div>`
          : nothing}${resultPart(run.outcome, this.allowHtml, this.#rerender)}</div>
      ${run.inputPrompt === undefined ? nothing : inputForm(run.inputPrompt, (line) => run.answerInput(line))}
      <div part="error" role="alert" ?hidden=${!error}>
        ${error
          ? html`<span part="error-message">${error.type}: ${error.message}</span>
              ${error.traceback
                ? html`<details part="traceback-details" open><summary>Traceback</summary><pre part="traceback">${error.traceback}</pre></details>`
                : nothing}`
          : nothing}
      </div>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    for (const [stream, view] of [['stdout', this.#stdoutView], ['stderr', this.#stderrView]] as const) {
      const pre = this.#part(stream);
      if (pre) view.show(pre, this.#lifecycle[stream]);
    }
    if (this.#lifecycle.focusInput) {
      this.#lifecycle.focusInput = false;
      this.#part('input-field')?.focus();
    }
    const host = this.#part('editor');
    this.#editor.update(host, changed.has('code'));
  }

  #part(name: string): HTMLElement | null {
    return this.renderRoot.querySelector(`[part~="${name}"]`);
  }
}
