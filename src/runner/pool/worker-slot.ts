import type { BootRequest, FromWorker, SnapshotSource, ToWorker } from '../../shared/protocol.js';
import type { LoadFailure } from '../start/load-messages.js';
import { connectWorker } from '../start/worker-connection.js';

export interface SlotHandlers<Run> {
  onMessage: (slot: WorkerSlot<Run>, message: FromWorker) => void;
  /** The worker failed; `failure` when it said why it could not start. */
  onFailure: (slot: WorkerSlot<Run>, detail: string, failure?: LoadFailure) => void;
  onLoadTimeout: (slot: WorkerSlot<Run>, ms: number) => void;
}

type SlotBoot = Omit<BootRequest, 'type' | 'interruptBuffer' | 'inputBuffer' | 'lifeline'>;

/**
 * One Python worker of the page's pool: its channel, its load timer, whether Python is ready in it,
 * the run it is running, and the settled runs whose leftovers may still write. Messages of a
 * discarded worker never reach the handlers. `Run` is what the pool queues (queued-run.ts).
 */
export class WorkerSlot<Run> {
  readonly worker: Worker;
  /** Which worker of the page it is (1 for the first), as `py-worker-run:ready` tells. */
  readonly number: number;
  /** Counts the workers the page started, so a session can tell that its Python was restarted. */
  readonly generation: number;
  readonly indexURL: string;
  readonly interruptBuffer: Int32Array | undefined;
  readonly inputBuffer: SharedArrayBuffer | undefined;
  ready = false;
  /** Its runs can be stopped through a stop URL (pages without shared memory; the worker said it can read one). */
  stoppable = false;
  discarded = false;
  current: Run | undefined;
  /** The snapshot this worker is booting from, once it says. */
  restoring: SnapshotSource | undefined;
  /** Settled runs whose leftovers (timers, tasks) still show their output, until their signal aborts. */
  readonly leftovers = new Map<number, Run>();
  readonly #port: MessagePort;
  readonly #terminate: () => void;
  readonly #loadStartedAt = performance.now();
  #loadTimer: ReturnType<typeof setTimeout> | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #heardAt = 0;
  readonly #handlers: SlotHandlers<Run>;

  constructor(worker: Worker, number: number, generation: number, boot: SlotBoot, secret: string | undefined, loadTimeoutMs: number, handlers: SlotHandlers<Run>) {
    this.worker = worker;
    this.number = number;
    this.generation = generation;
    this.indexURL = boot.indexURL;
    this.#handlers = handlers;
    const connection = connectWorker(worker, boot, secret, {
      onMessage: (message) => {
        if (!this.discarded) handlers.onMessage(this, message);
      },
      // A worker the page's policy blocked fails like this too: let the policy's report speak first.
      onFailure: (detail, failure) => {
        const fail = () => !this.discarded && handlers.onFailure(this, detail, failure);
        if (this.ready) fail();
        else setTimeout(fail);
      },
    });
    this.#port = connection.port;
    this.#terminate = connection.terminate;
    this.interruptBuffer = connection.interruptBuffer;
    this.inputBuffer = connection.inputBuffer;
    this.armLoadTimer(loadTimeoutMs);
  }

  /** (Re)starts the load timer, counting from the start of the load. */
  armLoadTimer(ms: number): void {
    clearTimeout(this.#loadTimer);
    const fail = () => !this.discarded && this.#handlers.onLoadTimeout(this, ms);
    this.#loadTimer = setTimeout(fail, Math.max(0, ms - (performance.now() - this.#loadStartedAt)));
  }

  loaded(): void {
    clearTimeout(this.#loadTimer);
    this.ready = true;
  }

  post(message: ToWorker): void {
    if (!this.discarded) this.#port.postMessage(message);
  }

  /**
   * Calls `retire` once the worker has been idle for `ms`: no run started (busy()) and nothing heard
   * from it (heard(), e.g. a leftover's output) for that long.
   */
  idleFor(ms: number, retire: () => void): void {
    clearTimeout(this.#idleTimer);
    this.#heardAt = performance.now();
    const check = () => {
      const left = ms - (performance.now() - this.#heardAt);
      this.#idleTimer = left > 0 ? setTimeout(check, left) : undefined;
      if (left <= 0) retire();
    };
    this.#idleTimer = setTimeout(check, ms);
  }

  /** The worker spoke while idle: its idle time counts from now. */
  heard(): void {
    this.#heardAt = performance.now();
  }

  busy(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  discard(): void {
    if (this.discarded) return;
    this.discarded = true;
    clearTimeout(this.#loadTimer);
    clearTimeout(this.#idleTimer);
    this.#terminate();
    this.#port.close();
    this.leftovers.clear();
    this.ready = false;
  }
}
