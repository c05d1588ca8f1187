/**
 * Printing a line costs a trip through Pyodide's file system to JavaScript when stdout is
 * line-buffered: a print flood ran 5–7 times slower than printing into a StringIO. While output
 * floods, Python block-buffers stdout instead and flushes it on a signal raised every interval; once
 * the flood ends, stdout is line-buffered again, so a print before a long computation still shows at
 * once (runner.py, `_on_output_tick`).
 *
 * The signal: while Python runs, Pyodide reads `Module.Py_EmscriptenSignalBuffer[0]` every few
 * bytecodes (its "interrupt buffer"), raises the signal found there, and writes 0 back. That property
 * is made a getter here: it hands Pyodide the page's interrupt buffer (SIGINT in shared memory, on
 * cross-origin isolated pages), and, while output floods, a buffer holding the output signal once
 * every interval: the only way to run something periodically in synchronous Python without tracing.
 * The same reads run the worker's lifeline check where there is one, and the run's stop check on
 * pages without shared memory (lifeline.ts): a stopped run gets SIGINT from a buffer of its own.
 */
import { LIFELINE_MS } from './lifeline.js';

/** Writes reaching JavaScript within one interval that make a flood (line-buffered: one per line). */
const FLOOD_WRITES = 20;
/** Bytes within one interval that keep a flood going (block-buffered, writes come 8 KiB at a time). */
const FLOOD_BYTES = 4096;
/** The buffer is read several times per print: look at the clock only every so many reads. */
const READS_PER_CLOCK = 256;
/** What Pyodide raises KeyboardInterrupt for. */
const SIGINT = 2;

/** The parts of Pyodide this needs. */
export interface SignalHost {
  /** Pyodide's Emscripten module (`pyodide._module`), where the interrupt buffer is read. */
  module: object;
  /** `pyodide.setInterruptBuffer`: any buffer turns Pyodide's signal checks on, none turns them off. */
  setInterruptBuffer: (buffer: Int32Array | undefined) => void;
}

export interface TickOptions {
  /** The page's interrupt buffer (SIGINT in shared memory, on cross-origin isolated pages). */
  shared: Int32Array | undefined;
  /** The signal Python's tick handler is installed for. */
  signal: number;
  intervalMs?: number;
  /** The worker's lifeline check (lifeline.ts), run from the same reads. */
  lifeline?: (() => void) | undefined;
}

export class OutputTicks {
  #writes = 0;
  #bytes = 0;
  #windowStart = 0;
  #ticking = false;
  #tickedAt = 0;
  #reads = 0;
  /** Holds the output signal once per interval while ticking; Pyodide writes 0 back once it has read it. */
  readonly #armed = new Int32Array(1);
  readonly #host: SignalHost;
  readonly #shared: Int32Array | undefined;
  readonly #signal: number;
  readonly #intervalMs: number;
  /** Keeps Pyodide's checks on, quietly, where there is no shared buffer but something to check. */
  readonly #quiet = new Int32Array(1);
  /** Holds SIGINT once a check found the run stopped; Pyodide writes 0 back once it has read it. */
  readonly #interrupt = new Int32Array(1);
  readonly #lifeline: (() => void) | undefined;
  /** The running run's stop check: true once the page has stopped it. */
  #stopped: (() => boolean) | undefined;
  #checkedAt = 0;

  constructor(host: SignalHost, { shared, signal, intervalMs = 50, lifeline }: TickOptions) {
    this.#host = host;
    this.#shared = shared;
    this.#signal = signal;
    this.#intervalMs = intervalMs;
    this.#lifeline = lifeline;
    Object.defineProperty(host.module, 'Py_EmscriptenSignalBuffer', {
      configurable: true,
      get: () => this.#buffer(),
      set: () => undefined, // setInterruptBuffer() only turns the checks on and off here
    });
    host.setInterruptBuffer(this.#resting);
  }

  /** What Pyodide reads between floods: the page's interrupt buffer, or a quiet one that keeps the checks on for the lifeline or a stop check. */
  get #resting(): Int32Array | undefined {
    return this.#shared ?? (this.#lifeline || this.#stopped ? this.#quiet : undefined);
  }

  get #polling(): boolean {
    return this.#lifeline !== undefined || this.#stopped !== undefined;
  }

  /** Python's stdout or stderr wrote `bytes`: a flood starts the ticks. */
  count(bytes: number): void {
    this.#writes++;
    this.#bytes += bytes;
    if (this.#ticking) return;
    const now = performance.now();
    if (now - this.#windowStart >= this.#intervalMs) {
      this.#windowStart = now;
      this.#writes = 1;
      this.#bytes = bytes;
    } else if (this.#writes >= FLOOD_WRITES) {
      this.#ticking = true;
      this.#tickedAt = now;
      this.#host.setInterruptBuffer(this.#armed);
    }
  }

  /**
   * A run starts, with `stopped` telling whether the page has stopped it (none: it is stopped through
   * shared memory, or not at all). Its first check comes after it has run for LIFELINE_MS (short runs make none).
   */
  start(stopped?: () => boolean): void {
    this.#checkedAt = performance.now();
    this.#stopped = stopped;
    this.#interrupt[0] = 0;
    if (stopped && !this.#ticking) this.#host.setInterruptBuffer(this.#resting);
  }

  /** A run ended (and Python made stdout line-buffered again): the next starts quiet. */
  stop(): void {
    this.#writes = this.#bytes = 0;
    const hadCheck = this.#stopped !== undefined;
    this.#stopped = undefined;
    if (!this.#ticking && !hadCheck) return;
    this.#ticking = false;
    this.#host.setInterruptBuffer(this.#resting);
  }

  /**
   * Called first thing by Python's handler of the signal: whether output flooded since the last tick
   * (then stdout stays block-buffered). A tick that finds it quiet stops the ticks.
   */
  tick(): boolean {
    this.#tickedAt = performance.now();
    const flooding = this.#writes >= FLOOD_WRITES || this.#bytes >= FLOOD_BYTES;
    if (flooding) this.#writes = this.#bytes = 0;
    else this.stop();
    return flooding;
  }

  /**
   * What Pyodide reads its signal from: a named getter, which is cheap (an indexed one costs ~15×
   * more). The signal is armed once per interval, never again before the next: re-arming it at every
   * read would raise it again inside its own handler, without end.
   */
  #buffer(): Int32Array | undefined {
    if (!this.#ticking && !this.#polling) return this.#shared;
    if (this.#shared && Atomics.load(this.#shared, 0) !== 0) return this.#shared; // a stop or timeout first
    // Pyodide reads the property three times per check (is there a buffer, its value, write 0 back): the same buffer each time.
    if (this.#interrupt[0] !== 0) return this.#interrupt;
    if (++this.#reads >= READS_PER_CLOCK) {
      this.#reads = 0;
      const now = performance.now();
      if (this.#polling && now - this.#checkedAt >= LIFELINE_MS) {
        this.#lifeline?.();
        if (this.#stopped?.()) this.#interrupt[0] = SIGINT; // again at every check, while the code goes on
        this.#checkedAt = performance.now(); // a slow request does not shorten the next interval
        if (this.#interrupt[0] !== 0) return this.#interrupt;
      }
      if (this.#ticking && now - this.#tickedAt >= this.#intervalMs) {
        this.#tickedAt = now;
        this.#armed[0] = this.#signal;
      }
    }
    return this.#ticking ? this.#armed : this.#resting;
  }
}
