import { describeError } from '../../shared/describe-error.js';
import {
  RunnerErrorType,
  type CrashedMessage,
  type FromWorker,
  type RunError,
} from '../../shared/protocol.js';
import { cspAdvice } from '../../shared/csp.js';
import { MAX_TIMER_MS } from '../job/run-input.js';
import { RunInputError, type RunCallbacks, type RunJob, type RunOutcome } from '../job/outcome.js';
import { failedRun, forgetWorker, keepLeftovers, queuedRun, stoppedOutcome, tellRun, workerFailure, type PoolSlot, type QueuedRun } from './queued-run.js';
import { postRun, runRequest } from './run-request.js';
import { crashMessage, leftoverCrashMessage, type StopReason } from './run-messages.js';
import type { LoadFailure } from '../start/load-messages.js';
import { loadError, startError } from './start-error.js';
import { SnapshotPolicy } from '../snapshot/snapshot-policy.js';
import { handleRunReply } from './run-reply.js';
import { WorkerSlot } from './worker-slot.js';
import { PYTHON_READY_EVENT, type PythonReadyDetail, type WorkerClientOptions } from './worker-pool-types.js';
import { PoolSize } from './pool-size.js';

/**
 * Owns the page's Pyodide workers: starts the first on first need, runs jobs in arrival order, and
 * gives every caller its own answer. When a run has kept every worker busy for a while and other runs
 * wait, another worker starts (up to `maxWorkers`) and takes them; a session stays in the worker where
 * it first ran, and runs of one lane (an element) keep their order. Every run settles, whatever fails:
 * a failed or hung load, a crash (which fails only the run whose code had begun), a stop or a timeout
 * (which interrupts Python, through shared memory or the run's stop URL, and replaces the worker only
 * when Python does not answer within the grace period).
 */
export class WorkerClient {
  readonly #slots: PoolSlot[] = [];
  readonly #queue: QueuedRun[] = [];
  #nextId = 1;
  #generation = 0;
  /** Where each session's namespace lives: the worker, by its generation. */
  readonly #sessions = new Map<string, number>();
  #watchingPolicy = false;
  /** Pyodide's wasm as the first worker compiled it, and from where: later workers of that Pyodide instantiate it instead of compiling their own. */
  #compiled: { indexURL: string; module: WebAssembly.Module } | undefined;
  readonly #snapshots: SnapshotPolicy;
  readonly #size: PoolSize;
  readonly #options: WorkerClientOptions;

  constructor(options: WorkerClientOptions) {
    this.#options = options;
    this.#snapshots = new SnapshotPolicy({ ...options, lockFileURL: () => options.bootPackages().lockFileURL });
    this.#size = new PoolSize(
      this.#slots,
      options,
      () => this.#startWorker(),
      () => this.#pump(),
      (slot) => this.#removeSlot(slot),
      (slot) => [...this.#sessions.values()].includes(slot.generation),
    );
  }

  /** True once Python has loaded in a worker. */
  get isReady(): boolean {
    return this.#slots.some((slot) => slot.ready);
  }

  /**
   * Queues a run. Aborting `signal` stops it: it leaves the queue, or, if it is running, it is
   * interrupted (or its worker replaced). After the run settles, what it left behind (timers,
   * asyncio tasks) still reports to `callbacks` until `signal` aborts, which cancels it; without a
   * signal it is cancelled when the run settles. Runs given the same `lane` run one at a time, in order.
   */
  run(job: RunJob | (() => RunJob), callbacks: RunCallbacks = {}, signal?: AbortSignal, lane?: object): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const run = queuedRun(this.#nextId++, job, { lane, callbacks, signal, resolve, stop: (stopped) => this.#stop(stopped, 'stopped') });
      if (signal?.aborted) {
        resolve(stoppedOutcome(run, 'stopped', 'before-start'));
        return;
      }
      signal?.addEventListener('abort', run.onAbort);
      this.#queue.push(run);
      if (!this.isReady) callbacks.onLoading?.();
      this.#pump(); // starts the first worker if there is none
    });
  }

  /** Starts loading Python now, before any run asks for it. */
  preload(): void {
    if (this.#slots.length === 0) this.#startWorker();
  }

  /**
   * Applies changed options to workers still loading (a page that configures after its elements
   * started the load): a new index URL replaces them, and the runs waiting go to the new one; a new
   * load timeout counts from the start of the load under way. A lower cap on workers retires idle
   * ones beyond it now, busy ones when their run ends.
   */
  reconfigure(): void {
    for (const slot of this.#slots.filter((slot) => !slot.ready)) {
      if (this.#options.indexURL() === slot.indexURL) slot.armLoadTimer(this.#options.loadTimeoutMs());
      else this.#removeSlot(slot);
    }
    if (this.#slots.length === 0 && this.#queue.length > 0) this.#startWorker();
    for (const slot of [...this.#slots].reverse()) this.#size.idleSoon(slot); // a lower cap, or a new idle time, applies now
    this.#pump();
  }

  #startWorker(): PoolSlot | undefined {
    let worker: Worker;
    const indexURL = this.#options.indexURL();
    try {
      worker = this.#options.createWorker();
    } catch (error) {
      this.#failQueue(startError(error, indexURL));
      return undefined;
    }
    this.#watchPolicy();
    const boot = {
      indexURL,
      preferAtomicsInput: this.#options.preferAtomicsInput(),
      snapshot: this.#snapshots.choice(),
      ...this.#options.bootPackages(),
      ...this.#options.files(),
      wasmModule: this.#compiled?.indexURL === indexURL ? this.#compiled.module : undefined,
    };
    let number = 1;
    while (this.#slots.some((slot) => slot.number === number)) number++;
    const slot = new WorkerSlot<QueuedRun>(worker, number, ++this.#generation, boot, this.#options.snapshotSecret(), this.#options.loadTimeoutMs(), {
      onMessage: (from, message) => this.#onMessage(from, message),
      onFailure: (from, detail, failure) => this.#onWorkerFailure(from, detail, failure),
      onLoadTimeout: (from, ms) => this.#onLoadFailure(from, { kind: 'pyodide', detail: `it did not finish loading within ${ms / 1000} s` }),
    });
    this.#slots.push(slot);
    this.#slots.sort((a, b) => a.number - b.number);
    for (const run of this.#queue) run.callbacks.onLoading?.();
    return slot;
  }

  /** The page's Content Security Policy reports a blocked worker here (once listened to, for every worker started). */
  #watchPolicy(): void {
    if (this.#watchingPolicy) return;
    this.#watchingPolicy = true;
    globalThis.document?.addEventListener('securitypolicyviolation', (event) => {
      const loading = this.#slots.find((slot) => !slot.ready);
      // A blob: the worker may not read (connect-src) only turns its stop URLs off (it says so when ready).
      if (loading && event.blockedURI.startsWith('blob') && event.effectiveDirective !== 'connect-src') this.#onLoadFailure(loading, { kind: 'csp', detail: cspAdvice(event) });
    });
  }

  /**
   * Starts every queued run that can start: in queue order, on the worker holding its session, else
   * on the first idle one; a run waits while an earlier run of its lane or session waits or runs.
   */
  #pump(): void {
    if (this.#slots.length === 0 && this.#queue.length > 0) this.#startWorker();
    const heldLanes = new Set<object>();
    const heldSessions = new Set<string>();
    for (const slot of this.#slots) if (slot.current?.lane) heldLanes.add(slot.current.lane);
    let waitingForAny = false;
    const canGrow = this.#size.canGrow();
    for (const run of [...this.#queue]) {
      // Nothing more can start, and whether another worker is wanted is known: preparing the rest of a
      // long queue on every pump would cost O(n²).
      if (!this.#slots.some((slot) => slot.ready && !slot.current) && (waitingForAny || !canGrow)) break;
      if (run.lane && heldLanes.has(run.lane)) continue;
      if (!this.#queue.includes(run)) continue; // settled or started meanwhile, by a pump from a start handler
      let job: RunJob;
      try {
        job = run.prepare();
      } catch (error) {
        const type = error instanceof RunInputError ? error.type : RunnerErrorType.worker;
        this.#dequeue(run);
        this.#finish(run, failedRun(run, { type, message: describeError(error), traceback: '' }));
        continue;
      }
      const session = job.session;
      const home = session === undefined ? undefined : this.#sessionSlot(session);
      const slot = home ?? (session !== undefined && heldSessions.has(session) ? undefined : this.#slots.find((s) => s.ready && !s.current));
      if (!slot || !slot.ready || slot.current || (session !== undefined && heldSessions.has(session))) {
        if (run.lane) heldLanes.add(run.lane);
        if (session !== undefined) heldSessions.add(session);
        if (!home) waitingForAny = true;
        continue;
      }
      this.#dequeue(run);
      this.#start(run, job, slot);
      if (run.lane) heldLanes.add(run.lane);
    }
    if (waitingForAny) this.#size.growSoon();
    this.#snapshotWhenIdle();
  }

  #dequeue(run: QueuedRun): void {
    const index = this.#queue.indexOf(run);
    if (index >= 0) this.#queue.splice(index, 1);
  }

  /** The live worker holding `session`'s namespace, if any. */
  #sessionSlot(session: string): PoolSlot | undefined {
    const generation = this.#sessions.get(session);
    return generation === undefined ? undefined : this.#slots.find((slot) => slot.generation === generation);
  }

  #start(run: QueuedRun, job: RunJob, slot: PoolSlot): void {
    slot.current = run;
    run.slot = slot;
    slot.busy();
    run.startedAt = performance.now();
    const timeoutMs = job.timeoutMs ?? this.#options.defaultTimeoutMs();
    run.timeoutMs = timeoutMs !== undefined && timeoutMs < MAX_TIMER_MS ? timeoutMs : undefined;
    if (run.timeoutMs !== undefined) run.timers.push(setTimeout(() => this.#stop(run, 'timeout'), run.timeoutMs));
    run.callbacks.onStart?.();
    if (slot.current !== run) return; // stopped from inside onStart
    if (job.session !== undefined) this.#noteSession(run, job.session, job.resetSession === true, slot);
    run.sent = true;
    if (!slot.interruptBuffer && slot.stoppable) run.stopURL = URL.createObjectURL(new Blob());
    postRun(slot, run, runRequest(run, job, this.#options.files()), (error) => this.#finish(run, failedRun(run, error)));
  }

  /** Pins the session to `slot`, telling its run when the Python its earlier cells ran in is gone. */
  #noteSession(run: QueuedRun, session: string, reset: boolean, slot: PoolSlot): void {
    const previous = this.#sessions.get(session);
    this.#sessions.set(session, slot.generation);
    if (reset || previous === undefined || previous === slot.generation) return;
    tellRun(run, `[The session "${session}" starts afresh: Python was restarted since its earlier cells ran, so their variables are gone. Run them again.]\n`);
  }

  #onMessage(slot: PoolSlot, message: FromWorker): void {
    if (!slot.current) slot.heard(); // a leftover speaks: not idle yet
    const current = slot.current;
    switch (message.type) {
      case 'ready': {
        slot.loaded();
        slot.stoppable = message.stoppable;
        if (message.wasmModule) this.#compiled = { indexURL: slot.indexURL, module: message.wasmModule };
        const { pyodideVersion, snapshot, bootMs } = message;
        const snapshotSkipped = this.#snapshots.ready(message);
        const detail: PythonReadyDetail = { worker: slot.number, pyodideVersion, fromSnapshot: snapshot !== null, snapshot, snapshotSkipped, bootMs };
        globalThis.dispatchEvent?.(new CustomEvent(PYTHON_READY_EVENT, { detail }));
        this.#pump();
        this.#size.idleSoon(slot);
        return;
      }
      case 'restoring':
        slot.restoring = message.snapshot;
        return;
      case 'boot-error':
        if (message.csp) this.#onLoadFailure(slot, { kind: 'csp', detail: message.csp });
        else this.#onBootFailure(slot, message.message, { kind: 'pyodide', detail: message.message });
        return;
      case 'snapshot-done': // only the snapshot worker sends it
        return;
      case 'crashed':
        if (!slot.ready) {
          this.#onBootFailure(slot, message.message, { kind: 'pyodide', detail: `Python crashed while loading (${message.message})` });
          return;
        }
        this.#onCrash(slot, message);
        return;
    }
    // A settled run's leftovers may still write and display; only the current run does the rest.
    const run = current?.id === message.id ? current : slot.leftovers.get(message.id);
    if (run) handleRunReply(slot, run, message, { finish: (outcome) => this.#finish(run, outcome), restartAfter: (reason) => this.#restartAfter(run, slot, reason) });
  }

  /**
   * Python crashed in `slot`: the worker is replaced. Only a run whose own code had begun is answered
   * with the crash; a run that had not (a leftover of another run crashed Python first) goes back to
   * the front of the queue, once. A leftover that crashed it is told, as its run's output and error.
   */
  #onCrash(slot: PoolSlot, { id, begun, message }: CrashedMessage): void {
    const current = slot.current;
    const leftover = current?.id === id ? undefined : slot.leftovers.get(id);
    slot.current = undefined;
    this.#removeSlot(slot);
    if (leftover) {
      const notice = leftoverCrashMessage(message);
      tellRun(leftover, `[${notice}]\n`);
      leftover.callbacks.onLeftoverError?.({ type: RunnerErrorType.worker, message: notice, traceback: '' });
    } else if (current?.id !== id) {
      console.warn(`[py-worker-run] ${leftoverCrashMessage(message)}`);
    }
    if (!current) this.#pump();
    else if (current.id === id || current.id === begun || current.stopping || current.reruns > 0) this.#finish(current, workerFailure(current, crashMessage(message)));
    else this.#requeue(current);
  }

  /** Puts a run that a worker took, but that never began, back at the front of the queue for a fresh worker. */
  #requeue(run: QueuedRun): void {
    forgetWorker(run);
    run.slot = undefined;
    run.sent = false;
    run.reruns++;
    this.#queue.unshift(run);
    this.#pump();
  }

  /** Stops a run: out of the queue, or interrupted (through shared memory or its stop URL), or its worker replaced. */
  #stop(run: QueuedRun, reason: StopReason): void {
    if (this.#queue.includes(run)) {
      this.#dequeue(run);
      this.#finish(run, stoppedOutcome(run, reason, 'before-start'));
      return;
    }
    const slot = run.slot;
    if (!slot || slot.current !== run || run.stopping) return;
    if (!run.sent) {
      // Stopped from a handler of its start: the worker never saw it.
      this.#finish(run, stoppedOutcome(run, reason, 'before-start'));
      return;
    }
    run.stopping = reason;
    if (slot.interruptBuffer) {
      Atomics.store(slot.interruptBuffer, 0, 2); // SIGINT: Python raises KeyboardInterrupt
    } else if (run.stopURL) {
      URL.revokeObjectURL(run.stopURL); // running Python finds it gone and raises KeyboardInterrupt
    } else {
      this.#kill(run, slot);
      return;
    }
    // Python that waits (asyncio, time.sleep), sits in one long C call or catches the interrupt: its worker is replaced.
    run.timers.push(setTimeout(() => this.#kill(run, slot), this.#options.interruptGraceMs ?? 1000));
  }

  #kill(run: QueuedRun, slot: PoolSlot): void {
    if (slot.current !== run) return;
    this.#removeSlot(slot);
    this.#finish(run, stoppedOutcome(run, run.stopping ?? 'stopped', 'restarted'));
  }

  /** Throws a worker away (the next pump boots a fresh one if none is left and runs wait). */
  #removeSlot(slot: PoolSlot): void {
    slot.discard();
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
  }

  /** The run broke Python beyond repair: it is told so, and the next run gets a fresh worker. */
  #restartAfter(run: QueuedRun, slot: PoolSlot, reason: string): void {
    tellRun(run, `[Python was restarted after this run: ${reason}. Imported modules and session variables are gone.]\n`);
    slot.current = undefined;
    this.#removeSlot(slot);
  }

  #finish(run: QueuedRun, outcome: RunOutcome): void {
    forgetWorker(run);
    run.signal?.removeEventListener('abort', run.onAbort);
    const slot = run.slot;
    if (slot?.current === run) {
      // An interrupt that had not landed when the run answered must not hit the next one. The page clears
      // it, not the worker when the next run starts: that would erase a stop sent before the worker got there.
      if (run.stopping && slot.interruptBuffer) Atomics.store(slot.interruptBuffer, 0, 0);
      slot.current = undefined;
      this.#size.idleSoon(slot);
    }
    keepLeftovers(run);
    run.resolve(outcome);
    this.#pump();
  }

  /** Once nothing waits, a snapshot may be made in the background. */
  #snapshotWhenIdle(): void {
    const first = this.#slots[0];
    if (first?.ready && this.#queue.length === 0 && this.#slots.every((slot) => !slot.current)) this.#snapshots.whenIdle(first.indexURL);
  }

  #onLoadFailure(slot: PoolSlot, failure: LoadFailure): void {
    this.#removeSlot(slot);
    if (this.isReady) {
      // An extra worker: the page does with those it has.
      this.#size.growthFailed = true;
      console.info(`[py-worker-run] a second Python worker could not be loaded (${failure.detail}); runs wait for the first.`);
      this.#pump();
      return;
    }
    this.#failQueue(loadError(slot.indexURL, failure));
  }

  /**
   * The worker failed or died before Python was ready. If a snapshot it was restoring is to blame, a
   * new worker boots without it; otherwise the load failed (`failure` says how).
   */
  #onBootFailure(slot: PoolSlot, detail: string, failure: LoadFailure): void {
    if (!slot.restoring) {
      this.#onLoadFailure(slot, failure);
      return;
    }
    this.#snapshots.blame(slot.restoring, detail, slot.indexURL);
    this.#removeSlot(slot);
    if (this.#slots.length === 0) this.#startWorker();
    this.#pump();
  }

  #onWorkerFailure(slot: PoolSlot, detail: string, failure?: LoadFailure): void {
    if (!slot.ready) {
      this.#onBootFailure(slot, detail, failure ?? { kind: 'pyodide', detail });
      return;
    }
    const run = slot.current;
    this.#removeSlot(slot);
    if (run) this.#finish(run, workerFailure(run, `The Python worker stopped unexpectedly (${detail}). A fresh one starts with the next run.`));
    else this.#pump();
  }

  /** Fails the runs still queued (their worker could not load). */
  #failQueue(error: RunError): void {
    const runs = this.#queue.splice(0);
    for (const run of runs) this.#finish(run, failedRun(run, error));
  }
}
