import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { codeFromChildren, dedent } from './element/code-source.js';
import { checkContextObject, parseContextAttribute, type RunContext } from './element/context-source.js';
import { fire } from './element/events.js';
import { failedOutcome, RunInputError, type RunJob, type RunOutcome } from './runner/outcome.js';
import { pageClient } from './runner/page-runner.js';
import { describeError } from './shared/describe-error.js';
import { RunnerErrorType, type RunError } from './shared/protocol.js';
import { styles } from './py-worker-run.styles.js';

export type PyWorkerRunStatus = 'idle' | 'loading' | 'running' | 'done' | 'error';

/** Properties whose change re-runs the code (unless `manual`). */
const RUN_INPUTS = ['code', 'context', '_contextAttribute'] as const;

/**
 * Runs the Python code it contains in the page's shared Pyodide worker and shows what it printed,
 * the value of its last expression, or the error.
 *
 * @summary Python in a tag, run in a Web Worker shared by the whole page.
 * @tagname py-worker-run
 *
 * @slot - The Python code, as text, or inside a `<script type="text/x-python">` or `<template>` child. It is not displayed.
 *
 * @attr context - A JSON object; each key becomes a Python global and is readable with `from js import KEY`.
 * @attr manual - Do not run automatically; show a Run button.
 * @attr timeout - Seconds a run may take before it is stopped (default: `configure({ timeout })`, else no limit).
 *
 * @fires py-run - A run starts. Detail: `{ code }`.
 * @fires py-output - Output arrived while running. Detail: `{ stream: "stdout" | "stderr", text }`.
 * @fires py-result - A run finished. Detail: `{ value, repr, stdout, stderr, durationMs }`.
 * @fires py-error - A run failed, or could not start. Detail: `{ type, message, traceback, stdout, stderr, durationMs }`.
 *
 * @csspart status - "Loading Python…" / "Running…" with the elapsed time; hidden when done.
 * @csspart output - The region holding stdout, stderr and result (`aria-live="polite"`).
 * @csspart stdout - Printed text.
 * @csspart stderr - Text written to standard error.
 * @csspart result - `repr()` of the last expression's value, unless it is None.
 * @csspart error - The error (`role="alert"`): its type and message, then the traceback.
 * @csspart error-message - The error's type and message.
 * @csspart traceback - The traceback of a Python error, showing only the user's frames.
 * @csspart run-button - The Run button (with `manual`).
 * @csspart stop-button - The Stop button, shown while the element is loading or running.
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
 * @cssprop --py-worker-run-max-height - Height beyond which the output scrolls.
 */
export class PyWorkerRun extends LitElement {
  static override styles = styles;

  static override properties = {
    manual: { type: Boolean, reflect: true },
    timeout: { type: Number },
    _contextAttribute: { attribute: 'context' },
    _status: { state: true, attribute: false },
    _stdout: { state: true, attribute: false },
    _stderr: { state: true, attribute: false },
    _outcome: { state: true, attribute: false },
  };

  /** Do not run automatically (on connect or when code or context change); show a Run button. */
  declare manual: boolean;
  /** Seconds a run may take before it is stopped; unset: the page default (`configure({ timeout })`). */
  declare timeout: number | undefined;
  /** The raw `context` attribute (JSON), parsed when a run starts. */
  declare private _contextAttribute: string | null;

  declare private _status: PyWorkerRunStatus;
  declare private _stdout: string;
  declare private _stderr: string;
  declare private _outcome: RunOutcome | undefined;

  private _code: string | undefined;
  private _context: RunContext | undefined;
  /** Which of the attribute and the property was set last. */
  private _contextFrom: 'attribute' | 'property' = 'attribute';
  private _autoRunQueued = false;
  /** Aborted by stop() and on removal: ends every run this element has queued or running. */
  private _runs = new AbortController();
  private _hasAutoRun = false;
  private _busySince = 0;
  private _ticker: ReturnType<typeof setInterval> | undefined;
  private readonly _childObserver = new MutationObserver(() => {
    if (this._code === undefined) this.requestUpdate('code');
  });

  constructor() {
    super();
    this.manual = false;
    this.timeout = undefined;
    this._contextAttribute = null;
    this._status = 'idle';
    this._stdout = '';
    this._stderr = '';
    this._outcome = undefined;
  }

  /** The Python code: set explicitly, or else read from the element's children (dedented). */
  get code(): string {
    return this._code ?? codeFromChildren(this);
  }
  set code(value: string | null | undefined) {
    const old = this.code;
    this._code = value == null ? undefined : dedent(String(value));
    this.requestUpdate('code', old);
  }

  /**
   * The run's context: an object whose keys become Python globals (also `from js import KEY`).
   * Any structured-cloneable values; typed arrays arrive as memoryview-compatible objects.
   * Reading it gives the parsed `context` attribute when that was set last.
   */
  get context(): RunContext | undefined {
    if (this._contextFrom === 'property') return this._context;
    try {
      return this._contextAttribute == null ? undefined : parseContextAttribute(this._contextAttribute);
    } catch {
      return undefined;
    }
  }
  set context(value: RunContext | null | undefined) {
    const old = this.context;
    this._context = value ?? undefined;
    this._contextFrom = 'property';
    this.requestUpdate('context', old);
  }

  /** `"idle" | "loading" | "running" | "done" | "error"`. */
  get status(): PyWorkerRunStatus {
    return this._status;
  }
  /** The last successful run's value as plain JS data. */
  get result(): unknown {
    return this._outcome?.ok ? this._outcome.value : undefined;
  }
  /** The last run's error, if it failed. */
  get error(): RunError | undefined {
    return this._outcome?.error;
  }
  get stdout(): string {
    return this._stdout;
  }
  get stderr(): string {
    return this._stderr;
  }

  /**
   * Runs the code and context as they are now. Every call resolves with its own outcome; runs
   * of the whole page go one at a time, in the order asked.
   */
  run(): Promise<RunOutcome> {
    let job: RunJob;
    try {
      job = this._job();
      if (!job.code.trim()) {
        throw new RunInputError(
          RunnerErrorType.input,
          'There is no code to run: write Python inside the element (or in a <script type="text/x-python"> child), or set its code property.',
        );
      }
    } catch (error) {
      return Promise.resolve(this._finish(inputFailure(error)));
    }
    return this._submit(job);
  }

  /**
   * Stops what this element runs: its queued runs are dropped and its running code is interrupted
   * (KeyboardInterrupt, on cross-origin isolated pages) or its worker replaced. Each stopped run
   * resolves with a `RunStoppedError` outcome.
   */
  stop(): void {
    this._runs.abort();
    this._runs = new AbortController();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._childObserver.observe(this, { childList: true, characterData: true, subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._childObserver.disconnect();
    this._stopTicker();
    // Moving the element disconnects and reconnects it in one task: only a real removal stops its runs.
    queueMicrotask(() => {
      if (!this.isConnected) this.stop();
    });
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'context') this._contextFrom = 'attribute';
    super.attributeChangedCallback(name, old, value);
  }

  // Scheduled before rendering, so the busy status it sets shows in this same update.
  protected override willUpdate(changed: PropertyValues): void {
    if (this.manual) return;
    const inputsChanged = RUN_INPUTS.some((name) => changed.has(name));
    if (!this._hasAutoRun || inputsChanged) {
      this._hasAutoRun = true;
      this._autoRun();
    }
  }

  /** Queues one automatic run; changes made before it starts are picked up by it (coalescing). */
  private _autoRun(): void {
    if (this._autoRunQueued || !this.code.trim()) return;
    this._autoRunQueued = true;
    void this._submit(() => {
      this._autoRunQueued = false;
      return this._job();
    });
  }

  private _job(): RunJob {
    const context =
      this._contextFrom === 'property'
        ? this._context === undefined
          ? undefined
          : checkContextObject(this._context, 'context property')
        : this._contextAttribute == null
          ? undefined
          : parseContextAttribute(this._contextAttribute);
    return { code: this.code, context, timeoutMs: this._timeoutMs() };
  }

  private _timeoutMs(): number | undefined {
    const seconds = this.timeout;
    if (seconds === undefined || seconds === null) return undefined;
    if (!Number.isFinite(seconds) || seconds < 0) {
      const written = this.getAttribute('timeout') ?? String(seconds);
      throw new RunInputError(RunnerErrorType.input, `The timeout must be a number of seconds, like timeout="5", not "${written}".`);
    }
    return seconds === 0 ? undefined : seconds * 1000;
  }

  private async _submit(job: RunJob | (() => RunJob)): Promise<RunOutcome> {
    const client = pageClient();
    this._setBusy(client.isReady ? 'running' : 'loading');
    const outcome = await client.run(
      job,
      {
        onLoading: () => this._setBusy('loading'),
        onStart: () => {
          this._setBusy('running');
          this._stdout = '';
          this._stderr = '';
          this._outcome = undefined;
          fire(this, 'py-run', { code: this.code });
        },
        onOutput: (stream, text, all) => {
          if (stream === 'stdout') this._stdout = all;
          else this._stderr = all;
          fire(this, 'py-output', { stream, text });
        },
      },
      this._runs.signal,
    );
    return this._finish(outcome);
  }

  private _finish(outcome: RunOutcome): RunOutcome {
    this._stopTicker();
    this._outcome = outcome;
    this._stdout = outcome.stdout;
    this._stderr = outcome.stderr;
    this._status = outcome.ok ? 'done' : 'error';
    const { value, repr, stdout, stderr, durationMs, error } = outcome;
    if (error) fire(this, 'py-error', { ...error, stdout, stderr, durationMs });
    else fire(this, 'py-result', { value, repr, stdout, stderr, durationMs });
    return outcome;
  }

  private _setBusy(status: 'loading' | 'running'): void {
    if (this._status !== 'loading' && this._status !== 'running') this._busySince = performance.now();
    this._status = status;
    this._ticker ??= setInterval(() => this.requestUpdate(), 100);
  }

  private _stopTicker(): void {
    if (this._ticker !== undefined) clearInterval(this._ticker);
    this._ticker = undefined;
  }

  protected override render() {
    const busy = this._status === 'loading' || this._status === 'running';
    const error = this._outcome?.error;
    const repr = this._outcome?.repr ?? '';
    return html`
      ${this.manual
        ? html`<button part="run-button" type="button" @click=${() => void this.run()}>Run</button>`
        : nothing}
      <div part="status" ?hidden=${!busy}>
        <span part="status-text">${busy ? this._statusText() : ''}</span>
        <button part="stop-button" type="button" ?hidden=${!busy} @click=${() => this.stop()}>Stop</button>
      </div>
      <div part="output" aria-live="polite">${this._stdout
          ? html`<pre part="stdout">${this._stdout}</pre>`
          : nothing}${this._stderr ? html`<pre part="stderr">${this._stderr}</pre>` : nothing}${repr
          ? html`<pre part="result">${repr}</pre>`
          : nothing}</div>
      <div part="error" role="alert" ?hidden=${!error}>
        ${error
          ? html`<span part="error-message">${error.type}: ${error.message}</span>
              ${error.traceback ? html`<pre part="traceback">${error.traceback}</pre>` : html`<pre></pre>`}`
          : nothing}
      </div>
    `;
  }

  private _statusText(): string {
    const seconds = ((performance.now() - this._busySince) / 1000).toFixed(1);
    return `${this._status === 'loading' ? 'Loading Python…' : 'Running…'} ${seconds} s`;
  }
}

function inputFailure(error: unknown): RunOutcome {
  const type = error instanceof RunInputError ? error.type : 'Error';
  return failedOutcome({ type, message: describeError(error), traceback: '' });
}
