import { describeError } from '../shared/describe-error.js';
import {
  type FromWorker,
  type OutputStream,
  type RichItem,
  type RunError,
  type RunRequest,
  type SnapshotChoice,
  type SnapshotSource,
  type ToWorker,
} from '../shared/protocol.js';
import { RunnerErrorType } from '../shared/protocol.js';
import { cspAdvice, cspFailure } from '../shared/csp.js';
import { CappedText } from './capped-text.js';
import { failedOutcome, RunInputError, type RunCallbacks, type RunJob, type RunOutcome } from './outcome.js';
import { crashMessage, loadFailure, stopMessage, unclonableContext, writeLine, type StopHow, type StopReason } from './run-messages.js';
import { SnapshotPolicy } from './snapshot-policy.js';
import { connectWorker } from './worker-connection.js';
import { checkJob, MAX_TIMER_MS } from './job-checks.js';
import { unwrapProxies } from './unwrap-proxies.js';

export const DEFAULT_FILENAME = '<py-worker-run>';

interface QueuedRun {
  id: number;
  /** Called when the run reaches the front of the queue, so automatic runs read the latest code. */
  prepare: () => RunJob;
  callbacks: RunCallbacks;
  signal: AbortSignal | undefined;
  resolve: (outcome: RunOutcome) => void;
  stdout: CappedText;
  stderr: CappedText;
  displays: RichItem[];
  startedAt: number;
  timeoutMs: number | undefined;
  /** Set once a stop or timeout has been asked for while the run is in the worker. */
  stopping?: StopReason;
  timers: Array<ReturnType<typeof setTimeout>>;
  onAbort: () => void;
  /** The worker it was sent to (undefined: never sent). */
  worker?: Worker;
}

export interface WorkerClientOptions {
  createWorker: () => Worker;
  /** Read when a worker is started, so a later `configure()` applies to the next boot. */
  indexURL: () => string;
  /** How long Python may take to load before the load counts as failed. */
  loadTimeoutMs: () => number;
  /** The timeout of runs that set none (undefined: no limit). */
  defaultTimeoutMs: () => number | undefined;
  /** How long an interrupted run has to answer before its worker is replaced. */
  interruptGraceMs?: number;
  /** Packages to load while Pyodide boots, and the lock file to use (read when a worker starts). */
  bootPackages: () => { packages?: string[]; lockFileURL?: string };
  /** Whether input() should wait on shared memory even where JSPI could wait (read when a worker starts). */
  preferAtomicsInput: () => boolean;
  /** Which memory snapshots a boot may use (read when a worker starts). */
  snapshot: () => SnapshotChoice | undefined;
  /** The secret that signs cached snapshots (undefined: none can be kept, e.g. no localStorage). */
  snapshotSecret: () => string | undefined;
}

/** Dispatched on `window` when Python has loaded in a worker. */
export interface PythonReadyDetail {
  pyodideVersion: string;
  /** Whether Python booted from a memory snapshot. */
  fromSnapshot: boolean;
  /** Which one: cached by an earlier boot, or shipped with the bundle; null for a normal boot. */
  snapshot: SnapshotSource | null;
  /** Why a snapshot that was tried was not booted from (too slow a network, damaged…); null otherwise. */
  snapshotSkipped: string | null;
  /** Milliseconds from starting the worker to Python being ready. */
  bootMs: number;
}
export const PYTHON_READY_EVENT = 'py-worker-run:ready';

/**
 * Owns the one Pyodide worker of a page: starts it on first need, runs jobs one at a time in
 * arrival order, and gives every caller its own answer. Every run settles, whatever fails:
 * a failed or hung load, a crash, a stop or a timeout (which interrupts Python when the page is
 * cross-origin isolated, and otherwise replaces the worker).
 */
export class WorkerClient {
  #worker: Worker | undefined;
  #terminate: (() => void) | undefined;
  /** The page's end of the worker's private channel. */
  #port: MessagePort | undefined;
  #workerIndexURL = '';
  #interruptBuffer: Int32Array | undefined;
  #inputBuffer: SharedArrayBuffer | undefined;
  #loadTimer: ReturnType<typeof setTimeout> | undefined;
  #loadStartedAt = 0;
  #ready = false;
  readonly #queue: QueuedRun[] = [];
  #current: QueuedRun | undefined;
  /** Settled runs whose leftovers (timers, tasks) still show their output, until their signal aborts. */
  readonly #leftovers = new Map<number, QueuedRun>();
  #nextId = 1;
  /** Counts the workers started, so a session can tell that Python was restarted since it last ran. */
  #generation = 0;
  readonly #sessions = new Map<string, number>();
  #watchingPolicy = false;
  readonly #snapshots: SnapshotPolicy;

  readonly #options: WorkerClientOptions;

  constructor(options: WorkerClientOptions) {
    this.#options = options;
    this.#snapshots = new SnapshotPolicy({ ...options, lockFileURL: () => options.bootPackages().lockFileURL });
  }

  /** True once Python has loaded in the current worker. */
  get isReady(): boolean {
    return this.#ready;
  }

  /**
   * Queues a run. Aborting `signal` stops it: it leaves the queue, or, if it is running, it is
   * interrupted (or its worker replaced). After the run settles, what it left behind (timers,
   * asyncio tasks) still reports to `callbacks` until `signal` aborts, which cancels it; without a
   * signal it is cancelled when the run settles.
   */
  run(job: RunJob | (() => RunJob), callbacks: RunCallbacks = {}, signal?: AbortSignal): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const run: QueuedRun = {
        id: this.#nextId++,
        prepare: typeof job === 'function' ? job : () => job,
        callbacks,
        signal,
        resolve,
        stdout: new CappedText(),
        stderr: new CappedText(),
        displays: [],
        startedAt: 0,
        timeoutMs: undefined,
        timers: [],
        onAbort: () => this.#stop(run, 'stopped'),
      };
      if (signal?.aborted) {
        resolve(this.#stoppedOutcome(run, 'stopped', 'before-start'));
        return;
      }
      signal?.addEventListener('abort', run.onAbort);
      this.#queue.push(run);
      this.#ensureWorker();
      if (!this.#ready) callbacks.onLoading?.();
      this.#pump();
    });
  }

  /** Starts loading Python now, before any run asks for it. */
  preload(): void {
    this.#ensureWorker();
  }

  /**
   * Applies changed options to a worker still loading (a page that configures after its elements
   * started the load): a new index URL replaces it, and the runs waiting for it go to the new one;
   * a new load timeout counts from the start of the load under way.
   */
  reconfigure(): void {
    if (!this.#worker || this.#ready) return;
    if (this.#options.indexURL() === this.#workerIndexURL) {
      this.#armLoadTimer(this.#worker);
      return;
    }
    this.#discardWorker();
    if (this.#queue.length > 0) this.#ensureWorker();
  }

  #armLoadTimer(worker: Worker): void {
    clearTimeout(this.#loadTimer);
    const ms = this.#options.loadTimeoutMs();
    const failure = () => this.#onLoadFailure(worker, `it did not finish loading within ${ms / 1000} s`);
    this.#loadTimer = setTimeout(failure, Math.max(0, ms - (performance.now() - this.#loadStartedAt)));
  }

  #ensureWorker(): void {
    if (this.#worker) return;
    let worker: Worker;
    try {
      this.#workerIndexURL = this.#options.indexURL();
      worker = this.#options.createWorker();
    } catch (error) {
      // WebKit refuses a worker the page's policy forbids at once, with a SecurityError (Chromium and Firefox report it later).
      if (error instanceof DOMException && error.name === 'SecurityError') {
        this.#failAll({ type: RunnerErrorType.load, message: cspFailure(cspAdvice({ blockedURI: 'blob', effectiveDirective: 'worker-src' })), traceback: '' });
      } else {
        this.#failAll({ type: RunnerErrorType.worker, message: `The Python worker could not be started: ${describeError(error).replace(/\.$/, '')}.`, traceback: '' });
      }
      return;
    }
    this.#worker = worker;
    this.#watchPolicy();
    this.#loadStartedAt = performance.now();
    this.#armLoadTimer(worker);
    this.#generation++;
    const boot = {
      indexURL: this.#workerIndexURL,
      preferAtomicsInput: this.#options.preferAtomicsInput(),
      snapshot: this.#snapshots.choice(),
      ...this.#options.bootPackages(),
    };
    const connection = connectWorker(worker, boot, this.#options.snapshotSecret(), {
      onMessage: (message) => this.#onMessage(worker, message),
      // A worker the page's policy blocked fails like this too: let the policy's report (#watchPolicy) speak first.
      onFailure: (detail) => (this.#ready ? this.#onWorkerFailure(worker, detail) : setTimeout(() => this.#onWorkerFailure(worker, detail))),
    });
    ({ port: this.#port, interruptBuffer: this.#interruptBuffer, inputBuffer: this.#inputBuffer, terminate: this.#terminate } = connection);
    for (const run of this.#queue) run.callbacks.onLoading?.();
  }

  /** The page's Content Security Policy reports a blocked worker here (once listened to, for every worker started). */
  #watchPolicy(): void {
    if (this.#watchingPolicy) return;
    this.#watchingPolicy = true;
    globalThis.document?.addEventListener('securitypolicyviolation', (event) => {
      if (this.#worker && !this.#ready && event.blockedURI.startsWith('blob')) {
        this.#onLoadFailure(this.#worker, event.effectiveDirective, cspAdvice(event));
      }
    });
  }

  #post(message: ToWorker): void {
    this.#port?.postMessage(message);
  }

  #pump(): void {
    while (this.#ready && !this.#current && this.#queue.length > 0) {
      const run = this.#queue.shift()!;
      let job: RunJob;
      try {
        job = run.prepare();
        checkJob(job);
      } catch (error) {
        const type = error instanceof RunInputError ? error.type : RunnerErrorType.worker;
        this.#finish(run, this.#failedRun(run, { type, message: describeError(error), traceback: '' }));
        continue;
      }
      this.#current = run;
      run.startedAt = performance.now();
      const timeoutMs = job.timeoutMs ?? this.#options.defaultTimeoutMs();
      run.timeoutMs = timeoutMs !== undefined && timeoutMs < MAX_TIMER_MS ? timeoutMs : undefined;
      if (run.timeoutMs !== undefined) run.timers.push(setTimeout(() => this.#stop(run, 'timeout'), run.timeoutMs));
      run.callbacks.onStart?.();
      if (this.#current !== run) continue; // stopped from inside onStart
      if (job.session !== undefined) this.#noteSession(run, job.session, job.resetSession === true);
      run.worker = this.#worker;
      this.#send(run, {
        type: 'run',
        id: run.id,
        code: job.code,
        context: job.context,
        filename: job.filename ?? DEFAULT_FILENAME,
        packages: job.packages,
        session: job.session,
        resetSession: job.resetSession,
        stdin: job.stdin,
        allowHtml: job.allowHtml,
        interactiveInput: run.callbacks.onInput !== undefined,
      });
    }
  }

  /** Tells a session's run when Python was restarted since the session last ran (its variables are gone). */
  #noteSession(run: QueuedRun, session: string, reset: boolean): void {
    const previous = this.#sessions.get(session);
    this.#sessions.set(session, this.#generation);
    if (reset || previous === undefined || previous === this.#generation) return;
    const notice = `[The session "${session}" starts afresh: Python was restarted since its earlier cells ran, so their variables are gone. Run them again.]\n`;
    run.stderr.append(notice);
    run.callbacks.onOutput?.('stderr', notice, run.stderr.toString());
  }

  #send(run: QueuedRun, request: RunRequest): void {
    try {
      this.#post(request);
    } catch {
      // Framework state (Vue's reactive, MobX…) is a Proxy that structured clone refuses: send a plain copy.
      try {
        this.#post({ ...request, context: unwrapProxies(request.context) as RunRequest['context'] });
      } catch (error) {
        this.#finish(run, this.#failedRun(run, { type: RunnerErrorType.context, message: unclonableContext(error), traceback: '' }));
      }
    }
  }

  #onMessage(worker: Worker, message: FromWorker): void {
    if (worker !== this.#worker) return; // a replaced worker's late message
    const current = this.#current;
    switch (message.type) {
      case 'ready': {
        clearTimeout(this.#loadTimer);
        this.#ready = true;
        const { pyodideVersion, snapshot, bootMs } = message;
        const snapshotSkipped = this.#snapshots.ready(message);
        const detail: PythonReadyDetail = { pyodideVersion, fromSnapshot: snapshot !== null, snapshot, snapshotSkipped, bootMs };
        globalThis.dispatchEvent?.(new CustomEvent(PYTHON_READY_EVENT, { detail }));
        this.#pump();
        this.#snapshotWhenIdle();
        return;
      }
      case 'restoring':
        this.#snapshots.restoring(message.snapshot);
        return;
      case 'boot-error':
        if (message.csp) this.#onLoadFailure(worker, message.message, message.csp);
        else this.#onBootFailure(worker, message.message, message.message);
        return;
      case 'snapshot-done': // only the snapshot worker sends it
        return;
      case 'crashed':
        if (!this.#ready) {
          this.#onBootFailure(worker, message.message, `Python crashed while loading (${message.message})`);
          return;
        }
        // The worker is dead, whichever run (or leftover) crashed it: replace it, and answer the current run.
        this.#replaceWorker();
        if (current) this.#finish(current, this.#failure(current, crashMessage(message.message)));
        return;
    }
    // A settled run's leftovers may still write and display; only the current run does the rest.
    const run = current?.id === message.id ? current : this.#leftovers.get(message.id);
    if (!run) return;
    switch (message.type) {
      case 'output': {
        // Text is handed on once per stream between displays, however often the streams alternated.
        const pending = new Map<OutputStream, string>();
        const handOn = () => {
          for (const [stream, text] of pending) run.callbacks.onOutput?.(stream, text, run[stream].toString());
          pending.clear();
        };
        for (const segment of message.segments) {
          if ('display' in segment) {
            handOn();
            run.displays.push(segment.display);
            run.callbacks.onDisplay?.(segment.display);
            continue;
          }
          const { stream, text, dropped } = segment;
          run[stream].append(text, dropped);
          pending.set(stream, (pending.get(stream) ?? '') + text);
        }
        handOn();
        break;
      }
      case 'status':
        run.callbacks.onStatus?.(message.text);
        break;
      case 'input-request': {
        if (run !== current) break;
        const asked = run.callbacks.onInput?.(message.prompt) ?? Promise.resolve(null);
        const buffer = this.#inputBuffer;
        void asked.then((text) => {
          if (worker !== this.#worker || this.#current !== run) return;
          if (message.via === 'atomics' && buffer) writeLine(buffer, text);
          else this.#post({ type: 'input-reply', id: run.id, text });
        });
        break;
      }
      case 'result':
        if (run !== current) break;
        if (message.restart) this.#restartAfter(run, message.restart);
        this.#finish(run, {
          ok: true,
          value: message.value,
          repr: message.repr,
          stdout: run.stdout.toString(),
          stderr: run.stderr.toString(),
          durationMs: this.#elapsed(run),
          ...(message.rich ? { rich: message.rich } : {}),
          ...(run.displays.length ? { displays: run.displays } : {}),
        });
        break;
      case 'error':
        if (run !== current) break;
        if (message.restart) this.#restartAfter(run, message.restart);
        if (run.stopping && message.error.type === 'KeyboardInterrupt') {
          this.#finish(run, this.#stoppedOutcome(run, run.stopping, 'interrupted', message.error.traceback));
        } else {
          this.#finish(run, this.#failedRun(run, message.error));
        }
        break;
    }
  }

  /** Stops a run: out of the queue, or interrupted, or (without isolation, or unanswered) its worker replaced. */
  #stop(run: QueuedRun, reason: StopReason): void {
    const queued = this.#queue.indexOf(run);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#finish(run, this.#stoppedOutcome(run, reason, 'before-start'));
      return;
    }
    if (run !== this.#current || run.stopping) return;
    run.stopping = reason;
    if (this.#interruptBuffer) {
      Atomics.store(this.#interruptBuffer, 0, 2); // SIGINT: Python raises KeyboardInterrupt
      run.timers.push(setTimeout(() => this.#killCurrent(run), this.#options.interruptGraceMs ?? 1000));
    } else {
      this.#killCurrent(run);
    }
  }

  #killCurrent(run: QueuedRun): void {
    if (run !== this.#current) return;
    this.#replaceWorker();
    this.#finish(run, this.#stoppedOutcome(run, run.stopping ?? 'stopped', 'restarted'));
  }

  /** Throws the worker away; the next queued run (if any) boots a fresh one. */
  #replaceWorker(): void {
    this.#discardWorker();
    if (this.#queue.length > 0) this.#ensureWorker();
  }

  /** The run broke Python beyond repair: it is told so, and the next run gets a fresh worker. */
  #restartAfter(run: QueuedRun, reason: string): void {
    const notice = `[Python was restarted after this run: ${reason}. Imported modules and session variables are gone.]\n`;
    run.stderr.append(notice);
    run.callbacks.onOutput?.('stderr', notice, run.stderr.toString());
    this.#replaceWorker();
  }

  #finish(run: QueuedRun, outcome: RunOutcome): void {
    for (const timer of run.timers) clearTimeout(timer);
    run.signal?.removeEventListener('abort', run.onAbort);
    if (this.#current === run) this.#current = undefined;
    this.#keepLeftovers(run);
    run.resolve(outcome);
    this.#pump();
    this.#snapshotWhenIdle();
  }

  /** Keeps routing a settled run's late output to it until its signal aborts; then (or without a signal, now) cancels its leftovers. */
  #keepLeftovers(run: QueuedRun): void {
    if (!run.worker || run.worker !== this.#worker) return; // never sent, or its worker is gone
    const release = () => this.#post({ type: 'release', id: run.id });
    if (!run.signal || run.signal.aborted) {
      release();
      return;
    }
    this.#leftovers.set(run.id, run);
    run.signal.addEventListener('abort', () => this.#leftovers.delete(run.id) && release(), { once: true });
  }

  /** Once nothing waits, a snapshot may be made in the background. */
  #snapshotWhenIdle(): void {
    if (this.#ready && !this.#current && this.#queue.length === 0) this.#snapshots.whenIdle(this.#workerIndexURL);
  }

  #onLoadFailure(worker: Worker, detail: string, csp?: string): void {
    if (worker !== this.#worker) return;
    this.#discardWorker();
    const message = csp ? cspFailure(csp) : loadFailure(this.#workerIndexURL, detail);
    this.#failAll({ type: RunnerErrorType.load, message, traceback: '' });
  }

  /**
   * The worker failed or died before Python was ready. If a snapshot it was restoring is to blame, a
   * new worker boots without it for the runs waiting; otherwise the load failed (`failure` says how).
   */
  #onBootFailure(worker: Worker, detail: string, failure: string): void {
    if (!this.#snapshots.blame(detail, this.#workerIndexURL)) {
      this.#onLoadFailure(worker, failure);
      return;
    }
    this.#discardWorker();
    this.#ensureWorker();
  }

  #onWorkerFailure(worker: Worker, detail: string): void {
    if (worker !== this.#worker) return;
    if (!this.#ready) {
      this.#onBootFailure(worker, detail, detail);
      return;
    }
    const run = this.#current;
    this.#replaceWorker();
    if (run) this.#finish(run, this.#failure(run, `The Python worker stopped unexpectedly (${detail}). A fresh one starts with the next run.`));
  }

  #discardWorker(): void {
    clearTimeout(this.#loadTimer);
    this.#terminate?.();
    this.#terminate = undefined;
    this.#worker = undefined;
    this.#port?.close();
    this.#port = undefined;
    this.#leftovers.clear();
    this.#interruptBuffer = undefined;
    this.#inputBuffer = undefined;
    this.#ready = false;
  }

  #failAll(error: RunError): void {
    const runs = this.#current ? [this.#current, ...this.#queue] : [...this.#queue];
    this.#current = undefined;
    this.#queue.length = 0;
    for (const run of runs) this.#finish(run, this.#failedRun(run, error));
  }

  #elapsed(run: QueuedRun): number {
    return run.startedAt ? performance.now() - run.startedAt : 0;
  }

  /** A failed outcome with what the run printed before it failed. */
  #failedRun(run: QueuedRun, error: RunError): RunOutcome {
    return failedOutcome(error, run.stdout.toString(), run.stderr.toString(), this.#elapsed(run));
  }

  #failure(run: QueuedRun, message: string): RunOutcome {
    return this.#failedRun(run, { type: RunnerErrorType.worker, message, traceback: '' });
  }

  #stoppedOutcome(run: QueuedRun, reason: StopReason, how: StopHow, traceback = ''): RunOutcome {
    const type = reason === 'timeout' ? RunnerErrorType.timeout : RunnerErrorType.stopped;
    return this.#failedRun(run, { type, message: stopMessage(reason, how, this.#elapsed(run), run.timeoutMs), traceback });
  }
}
