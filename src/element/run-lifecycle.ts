import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RunJob, RunOutcome } from '../runner/job/outcome.js';
import { loadedClient, runOnPage } from '../runner/page-runner.js';
import type { RichItem } from '../shared/protocol.js';
import { startClock, stopClock } from './busy-clock.js';
import { fire } from './events.js';

export type PyWorkerRunStatus = 'idle' | 'loading' | 'running' | 'done' | 'error';

type Host = ReactiveControllerHost & HTMLElement;

export interface RunLifecycleHooks {
  /** The code a run that starts now runs (for the py-run event). */
  codeToRun: () => string;
  /** A run starts (the editor clears its error mark). */
  onStart: () => void;
  /** A run settled. */
  onFinish: (outcome: RunOutcome) => void;
}

/**
 * What an element's runs show, from queueing to outcome: the status and its clock, the output as it
 * arrives, input() waiting for the reader, and the outcome with its events. Each change asks the
 * element to render (Lit batches them into one update).
 */
export class RunLifecycle implements ReactiveController {
  status: PyWorkerRunStatus = 'idle';
  stdout = '';
  stderr = '';
  displays: RichItem[] = [];
  /** What the run does besides running code ("Loading numpy…"). */
  statusDetail = '';
  /** The prompt of an input() waiting for the reader; undefined when none waits. */
  inputPrompt: string | undefined;
  outcome: RunOutcome | undefined;
  /** Set when an input() starts waiting, so the element focuses its field once rendered. */
  focusInput = false;
  #busySince = 0;
  #pendingInput: ((line: string | null) => void) | undefined;
  /** Aborted when the next run starts: cancels the timers and tasks the last run left behind. */
  #lastRun: AbortController | undefined;
  readonly #host: Host;
  readonly #hooks: RunLifecycleHooks;

  constructor(host: Host, hooks: RunLifecycleHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostDisconnected(): void {
    stopClock(this.#host);
  }

  get busy(): boolean {
    return this.status === 'loading' || this.status === 'running';
  }

  /** Queues `job` in the page's runner; `signal` stops it. Resolves with its outcome, once shown. */
  async submit(job: RunJob | (() => RunJob), signal: AbortSignal): Promise<RunOutcome> {
    this.#setBusy(loadedClient()?.isReady ? 'running' : 'loading');
    const own = new AbortController();
    const outcome = await runOnPage(
      job,
      {
        onLoading: () => this.#setBusy('loading'),
        onStart: () => {
          if (this.#lastRun !== own) this.#lastRun?.abort(); // a run put back in the queue starts again
          this.#lastRun = own;
          this.#setBusy('running');
          this.stdout = '';
          this.stderr = '';
          this.displays = [];
          this.outcome = undefined;
          this.#hooks.onStart();
          this.#host.requestUpdate();
          fire(this.#host, 'py-run', { code: this.#hooks.codeToRun() });
        },
        onStatus: (text) => this.#update(() => (this.statusDetail = text)),
        onDisplay: (item) => this.#update(() => this.displays.push(item)), // no copy per value: a thousand display() calls stay linear
        onInput: (prompt) =>
          new Promise<string | null>((resolve) => {
            this.#update(() => {
              this.inputPrompt = prompt;
              this.focusInput = true;
            });
            this.#pendingInput = resolve;
          }),
        onOutput: (stream, text, all) => {
          this.#update(() => (this[stream] = all));
          fire(this.#host, 'py-output', { stream, text });
        },
        onLeftoverError: (error) => fire(this.#host, 'py-error', { ...error, stdout: this.stdout, stderr: this.stderr, durationMs: 0 }),
      },
      AbortSignal.any([signal, own.signal]),
      this.#host, // this element's runs keep their order, whichever worker takes them
    );
    return this.finish(outcome);
  }

  /** Shows `outcome` and fires py-result or py-error. */
  finish(outcome: RunOutcome): RunOutcome {
    stopClock(this.#host);
    this.answerInput(null);
    this.statusDetail = '';
    this.displays = [...(outcome.displays ?? [])]; // its own array: a leftover's display() is added to both
    this.outcome = outcome;
    this.stdout = outcome.stdout;
    this.stderr = outcome.stderr;
    this.status = outcome.ok ? 'done' : 'error';
    this.#host.requestUpdate();
    const { value, repr, stdout, stderr, durationMs, error } = outcome;
    this.#hooks.onFinish(outcome);
    if (error) fire(this.#host, 'py-error', { ...error, stdout, stderr, durationMs });
    else fire(this.#host, 'py-result', { value, repr, stdout, stderr, durationMs });
    return outcome;
  }

  /** Gives the waiting input() its line (null: end of input) and hides the field. */
  answerInput(line: string | null): void {
    this.#pendingInput?.(line);
    this.#pendingInput = undefined;
    if (this.inputPrompt !== undefined) this.#update(() => (this.inputPrompt = undefined));
  }

  /** "Running… 2.3 s", or what the run is doing instead. */
  statusText(): string {
    const seconds = ((performance.now() - this.#busySince) / 1000).toFixed(1);
    const what = this.statusDetail || (this.status === 'loading' ? 'Loading Python…' : 'Running…');
    return `${what} ${seconds} s`;
  }

  #setBusy(status: 'loading' | 'running'): void {
    if (!this.busy) this.#busySince = performance.now();
    this.#update(() => (this.status = status));
    startClock(this.#host);
  }

  #update(change: () => void): void {
    change();
    this.#host.requestUpdate();
  }
}
