import { describeError } from '../shared/describe-error.js';
import type { FromWorker, RunError, RunRequest, ToWorker } from '../shared/protocol.js';
import { RunnerErrorType } from '../shared/protocol.js';
import { failedOutcome, RunInputError, type RunCallbacks, type RunJob, type RunOutcome } from './outcome.js';
import { PYODIDE_VERSION } from './pyodide-version.js';
import { unwrapProxies } from './unwrap-proxies.js';

export const DEFAULT_FILENAME = '<py-worker-run>';

interface QueuedRun {
  id: number;
  /** Called when the run reaches the front of the queue, so automatic runs read the latest code. */
  prepare: () => RunJob;
  callbacks: RunCallbacks;
  resolve: (outcome: RunOutcome) => void;
  stdout: string;
  stderr: string;
  startedAt: number;
}

export interface WorkerClientOptions {
  createWorker: () => Worker;
  /** Read when a worker is started, so a later `configure()` applies to the next boot. */
  indexURL: () => string;
}

/**
 * Owns the one Pyodide worker of a page: starts it on first need, runs jobs one at a time in
 * arrival order, and gives every caller its own answer. Every run settles, whatever fails.
 */
export class WorkerClient {
  private worker: Worker | undefined;
  private workerIndexURL = '';
  private ready = false;
  private readonly queue: QueuedRun[] = [];
  private current: QueuedRun | undefined;
  private nextId = 1;

  constructor(private readonly options: WorkerClientOptions) {}

  /** True once Python has loaded in the current worker. */
  get isReady(): boolean {
    return this.ready;
  }

  run(job: RunJob | (() => RunJob), callbacks: RunCallbacks = {}): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const prepare = typeof job === 'function' ? job : () => job;
      this.queue.push({ id: this.nextId++, prepare, callbacks, resolve, stdout: '', stderr: '', startedAt: 0 });
      this.ensureWorker();
      if (!this.ready) callbacks.onLoading?.();
      this.pump();
    });
  }

  private ensureWorker(): void {
    if (this.worker) return;
    let worker: Worker;
    try {
      this.workerIndexURL = this.options.indexURL();
      worker = this.options.createWorker();
    } catch (error) {
      this.failAll({ type: RunnerErrorType.worker, message: `The Python worker could not be started: ${describeError(error)}.`, traceback: '' });
      return;
    }
    this.worker = worker;
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.onMessage(worker, event.data));
    worker.addEventListener('error', (event) => this.onWorkerFailure(worker, event.message || 'the worker script failed'));
    worker.addEventListener('messageerror', () => this.onWorkerFailure(worker, 'a message from the worker could not be read'));
    this.post({ type: 'boot', indexURL: this.workerIndexURL });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private pump(): void {
    while (this.ready && !this.current && this.queue.length > 0) {
      const run = this.queue.shift()!;
      let job: RunJob;
      try {
        job = run.prepare();
      } catch (error) {
        const type = error instanceof RunInputError ? error.type : RunnerErrorType.worker;
        run.resolve(failedOutcome({ type, message: describeError(error), traceback: '' }));
        continue;
      }
      this.current = run;
      run.startedAt = performance.now();
      run.callbacks.onStart?.();
      const request: RunRequest = { type: 'run', id: run.id, code: job.code, context: job.context, filename: job.filename ?? DEFAULT_FILENAME };
      try {
        this.post(request);
      } catch {
        try {
          this.post({ ...request, context: unwrapProxies(job.context) as RunRequest['context'] });
        } catch (error) {
          this.settle(run, failedOutcome({ type: RunnerErrorType.context, message: unclonableContext(error), traceback: '' }));
        }
      }
    }
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    if (worker !== this.worker) return; // a replaced worker's late message
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.pump();
        break;
      case 'boot-error':
        this.discardWorker();
        this.failAll({ type: RunnerErrorType.load, message: loadFailure(this.workerIndexURL, message.message), traceback: '' });
        break;
      case 'output': {
        const run = this.current;
        if (run?.id !== message.id) return;
        run[message.stream] += message.text;
        run.callbacks.onOutput?.(message.stream, message.text);
        break;
      }
      case 'result':
      case 'error': {
        const run = this.current;
        if (run?.id !== message.id) return;
        const durationMs = performance.now() - run.startedAt;
        this.settle(
          run,
          message.type === 'result'
            ? { ok: true, value: message.value, repr: message.repr, stdout: run.stdout, stderr: run.stderr, durationMs }
            : failedOutcome(message.error, run.stdout, run.stderr, durationMs),
        );
        break;
      }
    }
  }

  private settle(run: QueuedRun, outcome: RunOutcome): void {
    if (this.current === run) this.current = undefined;
    run.resolve(outcome);
    this.pump();
  }

  private onWorkerFailure(worker: Worker, detail: string): void {
    if (worker !== this.worker) return;
    const wasReady = this.ready;
    this.discardWorker();
    if (!wasReady) {
      this.failAll({ type: RunnerErrorType.load, message: loadFailure(this.workerIndexURL, detail), traceback: '' });
      return;
    }
    const run = this.current;
    this.current = undefined;
    if (run) {
      run.resolve(failedOutcome(
        { type: RunnerErrorType.worker, message: `The Python worker stopped unexpectedly (${detail}). Run again to start a fresh one.`, traceback: '' },
        run.stdout, run.stderr, performance.now() - run.startedAt,
      ));
    }
    if (this.queue.length > 0) this.ensureWorker();
  }

  private discardWorker(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.ready = false;
  }

  private failAll(error: RunError): void {
    const runs = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.current = undefined;
    this.queue.length = 0;
    for (const run of runs) run.resolve(failedOutcome(error, run.stdout, run.stderr));
  }
}

function loadFailure(indexURL: string, detail: string): string {
  return (
    `Python could not be loaded from ${indexURL} (${detail}). ` +
    `Check that this URL is reachable and holds Pyodide ${PYODIDE_VERSION} (pyodide.mjs, pyodide.asm.wasm, python_stdlib.zip), ` +
    `or set another with configure({ indexURL }) or <meta name="py-worker-run:index-url">. Running again retries.`
  );
}

function unclonableContext(error: unknown): string {
  return `The context could not be sent to Python (${describeError(error)}). Use plain data: objects, arrays, strings, numbers, booleans, null and typed arrays.`;
}
