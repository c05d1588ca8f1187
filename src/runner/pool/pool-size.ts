import type { PoolSlot } from './queued-run.js';
import { WORKER_RETIRED_EVENT, type WorkerClientOptions, type WorkerRetiredDetail } from './worker-pool-types.js';

/** How long a run keeps every worker busy, with runs waiting that could go elsewhere, before another worker starts. */
const GROW_AFTER_MS = 500;

/** What the pool does for its size: start a worker, start what waits, throw a worker away, and whether a session lives in one. */
type PoolSizeHooks = [startWorker: () => void, pump: () => void, removeSlot: (slot: PoolSlot) => void, holdsSession: (slot: PoolSlot) => boolean];

/**
 * How many workers the pool has: another starts once a run has kept every worker busy for a while with
 * runs waiting (up to `maxWorkers`, and not after an extra one failed to load); an idle one beside
 * others is retired after a while, unless a session lives in it, and at once above the cap.
 */
export class PoolSize {
  #growTimer: ReturnType<typeof setTimeout> | undefined;
  /** An extra worker failed to load: the page does with the workers it has. */
  growthFailed = false;

  readonly #slots: readonly PoolSlot[];
  readonly #options: Pick<WorkerClientOptions, 'maxWorkers' | 'idleWorkerMs'>;
  readonly #startWorker: () => void;
  readonly #pump: () => void;
  readonly #removeSlot: (slot: PoolSlot) => void;
  readonly #holdsSession: (slot: PoolSlot) => boolean;

  constructor(slots: readonly PoolSlot[], options: Pick<WorkerClientOptions, 'maxWorkers' | 'idleWorkerMs'>, ...[startWorker, pump, removeSlot, holdsSession]: PoolSizeHooks) {
    this.#slots = slots;
    this.#options = options;
    this.#startWorker = startWorker;
    this.#pump = pump;
    this.#removeSlot = removeSlot;
    this.#holdsSession = holdsSession;
  }

  /** Whether another worker may start: the cap allows it, none is still loading, and none failed to. */
  canGrow(): boolean {
    const slots = this.#slots;
    return !this.growthFailed && slots.length > 0 && slots.length < this.#options.maxWorkers() && slots.every((slot) => slot.ready);
  }

  /** Runs wait that any worker could take, and every worker is busy: once one run has been busy long enough, another worker starts. */
  growSoon(): void {
    if (this.#growTimer !== undefined || !this.canGrow() || this.#slots.some((slot) => !slot.current)) return;
    const longestBusySince = Math.min(...this.#slots.map((slot) => slot.current!.startedAt));
    const wait = longestBusySince + GROW_AFTER_MS - performance.now();
    if (wait > 0) {
      this.#growTimer = setTimeout(() => {
        this.#growTimer = undefined;
        this.#pump();
      }, wait);
      return;
    }
    this.#startWorker();
  }

  /** `slot` has nothing to run: it is retired now if the pool is over its cap, else once it has stayed idle. */
  idleSoon(slot: PoolSlot): void {
    if (!slot.ready || slot.current) return;
    const others = () => this.#slots.filter((other) => other !== slot && other.ready);
    if (this.#slots.length > this.#options.maxWorkers() && others().length > 0) {
      this.#retire(slot);
      return;
    }
    slot.idleFor(this.#options.idleWorkerMs(), () => {
      if (!slot.current && others().length > 0 && !this.#holdsSession(slot)) this.#retire(slot);
    });
  }

  #retire(slot: PoolSlot): void {
    this.#removeSlot(slot);
    globalThis.dispatchEvent?.(new CustomEvent<WorkerRetiredDetail>(WORKER_RETIRED_EVENT, { detail: { worker: slot.number } }));
  }
}
