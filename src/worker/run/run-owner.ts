/**
 * Which run the code executing now belongs to, its "owner", so that what a run's leftovers do
 * (timers, promise callbacks, asyncio tasks that go on after it settled) is shown in the element that
 * started them and never in another. Owner 0 is nobody: what it writes is dropped. An owner is live
 * from its run's start until the page releases it (the element runs again, or is removed); a released
 * owner's timers stop and its output goes nowhere.
 */
export class RunOwners {
  #current = 0;
  readonly #live = new Set<number>();
  #running = 0;
  #begun = false;

  get current(): number {
    return this.#current;
  }

  /**
   * The run the worker is running now, once its own code has begun (Python entered it as its owner);
   * 0 before that (files, packages, the import scan) and between runs. A crash then is not its fault.
   */
  get begun(): number {
    return this.#begun ? this.#running : 0;
  }

  /** The worker starts (or, with 0, ends) running a request. */
  running(owner: number): void {
    this.#running = owner;
    this.#begun = false;
  }

  /** Makes `owner` current and returns the one it replaces (hand that back when done). */
  enter(owner: number): number {
    const previous = this.#current;
    this.#current = owner;
    if (owner === this.#running && owner !== 0) this.#begun = true;
    return previous;
  }

  runAs<T>(owner: number, task: () => T): T {
    const previous = this.enter(owner);
    try {
      return task();
    } finally {
      this.#current = previous;
    }
  }

  isLive(owner: number): boolean {
    return this.#live.has(owner);
  }

  begin(owner: number): void {
    this.#live.add(owner);
  }

  release(owner: number): void {
    this.#live.delete(owner);
  }
}

export interface CallbackHooks {
  /** Called after each attributed callback, still as its owner (flushes Python's buffered output); must not throw. */
  after: () => void;
  /** An exception thrown by a timer callback, reported as its owner's output. */
  report: (error: unknown) => void;
}

type Callback = (...args: unknown[]) => unknown;

/**
 * Wraps the worker's timer functions and `Promise.prototype.then` so that a callback registered
 * while a run's code executes (a Python function made with create_proxy or create_once_callable, or
 * Pyodide's own scheduling of it) runs as that run, and a released run's timers stop. Callbacks
 * registered by no run (the worker's own) pass through untouched; the worker's internals that must
 * never stop (output batching) keep the original functions.
 */
export function attributeCallbacks(scope: DedicatedWorkerGlobalScope, owners: RunOwners, hooks: CallbackHooks): void {
  const wrap = (callback: unknown, { catches, onReleased }: { catches: boolean; onReleased?: () => void }): unknown => {
    const owner = owners.current;
    if (owner === 0 || typeof callback !== 'function') return callback;
    return function (this: unknown, ...args: unknown[]) {
      if (!owners.isLive(owner) && onReleased) {
        onReleased();
        return undefined;
      }
      const previous = owners.enter(owner);
      try {
        return (callback as Callback).apply(this, args);
      } catch (error) {
        if (!catches) throw error;
        hooks.report(error);
        return undefined;
      } finally {
        hooks.after();
        owners.enter(previous);
      }
    };
  };
  const { setTimeout, setInterval, clearInterval, queueMicrotask } = scope;
  const timer = { catches: true, onReleased: () => undefined };
  scope.setTimeout = ((callback: unknown, ms?: number, ...args: unknown[]) =>
    setTimeout(wrap(callback, timer) as TimerHandler, ms, ...args)) as typeof scope.setTimeout;
  scope.setInterval = ((callback: unknown, ms?: number, ...args: unknown[]) => {
    const id: number = setInterval(wrap(callback, { catches: true, onReleased: () => clearInterval(id) }) as TimerHandler, ms, ...args);
    return id;
  }) as typeof scope.setInterval;
  scope.queueMicrotask = (callback) => queueMicrotask(wrap(callback, timer) as VoidFunction);
  const raf = scope.requestAnimationFrame?.bind(scope);
  if (raf) scope.requestAnimationFrame = (callback) => raf(wrap(callback, timer) as FrameRequestCallback);
  // Not cancelled once released (a promise chain may be awaited by other code): only attributed.
  const then = Promise.prototype.then as (this: Promise<unknown>, ...callbacks: unknown[]) => Promise<unknown>;
  Promise.prototype.then = function (this: Promise<unknown>, onFulfilled?: unknown, onRejected?: unknown) {
    return then.call(this, wrap(onFulfilled, { catches: false }), wrap(onRejected, { catches: false }));
  } as typeof Promise.prototype.then;
}
