import { RunnerErrorType, type RichItem, type RunError } from '../../shared/protocol.js';
import { CappedText } from './capped-text.js';
import { failedOutcome, type RunCallbacks, type RunJob, type RunOutcome } from '../job/outcome.js';
import { stopMessage, type StopHow, type StopReason } from './run-messages.js';
import type { WorkerSlot } from './worker-slot.js';

/** One of the pool's workers, running queued runs. */
export type PoolSlot = WorkerSlot<QueuedRun>;

/** One run from the call that queued it to its outcome. */
export interface QueuedRun {
  id: number;
  /** Called when the run is about to start, so automatic runs read the latest code. */
  prepare: () => RunJob;
  /** Runs with the same lane (an element) start in the order they were queued, one at a time. */
  lane: object | undefined;
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
  /** The worker that took it (undefined: still queued, or settled before it started). */
  slot?: PoolSlot;
  /** Whether its request was posted to that worker (not yet while its start is being announced). */
  sent?: boolean;
  /** How often it went back to the queue because its worker crashed before its code began. */
  reruns: number;
  /** The blob: URL whose revocation stops it in a worker without shared memory. */
  stopURL?: string;
}

/** A run not yet started; `stop` is what its signal's abort does. */
export function queuedRun(
  id: number,
  job: RunJob | (() => RunJob),
  { lane, callbacks, signal, resolve, stop }: Pick<QueuedRun, 'lane' | 'callbacks' | 'signal' | 'resolve'> & { stop: (run: QueuedRun) => void },
): QueuedRun {
  const run: QueuedRun = {
    id,
    prepare: typeof job === 'function' ? job : () => job,
    lane,
    callbacks,
    signal,
    resolve,
    stdout: new CappedText(),
    stderr: new CappedText(),
    displays: [],
    startedAt: 0,
    timeoutMs: undefined,
    timers: [],
    reruns: 0,
    onAbort: () => stop(run),
  };
  return run;
}

export function elapsed(run: QueuedRun): number {
  return run.startedAt ? performance.now() - run.startedAt : 0;
}

/** A failed outcome with what the run printed before it failed. */
export function failedRun(run: QueuedRun, error: RunError): RunOutcome {
  return failedOutcome(error, run.stdout.toString(), run.stderr.toString(), elapsed(run));
}

export function workerFailure(run: QueuedRun, message: string): RunOutcome {
  return failedRun(run, { type: RunnerErrorType.worker, message, traceback: '' });
}

export function stoppedOutcome(run: QueuedRun, reason: StopReason, how: StopHow, traceback = ''): RunOutcome {
  const type = reason === 'timeout' ? RunnerErrorType.timeout : RunnerErrorType.stopped;
  return failedRun(run, { type, message: stopMessage(reason, how, elapsed(run), run.timeoutMs), traceback });
}

/** Adds a line of the runner's own to the run's stderr, as if the run had written it. */
export function tellRun(run: QueuedRun, notice: string): void {
  run.stderr.append(notice);
  run.callbacks.onOutput?.('stderr', notice, run.stderr.toString());
}

/** Clears what a run held while a worker ran it: its timers and its stop URL. */
export function forgetWorker(run: QueuedRun): void {
  for (const timer of run.timers) clearTimeout(timer);
  run.timers = [];
  if (run.stopURL) URL.revokeObjectURL(run.stopURL);
  run.stopURL = undefined;
}

/** Keeps routing a settled run's late output to it until its signal aborts; then (or without a signal, now) cancels its leftovers. */
export function keepLeftovers(run: QueuedRun): void {
  const slot = run.slot;
  if (!slot || !run.sent || slot.discarded) return; // never sent, or its worker is gone
  const release = () => slot.post({ type: 'release', id: run.id });
  if (!run.signal || run.signal.aborted) {
    release();
    return;
  }
  slot.leftovers.set(run.id, run);
  run.signal.addEventListener('abort', () => slot.leftovers.delete(run.id) && release(), { once: true });
}
