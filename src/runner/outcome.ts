import type { OutputStream, RunError } from '../shared/protocol.js';

/** What one run produced. */
export interface RunOutcome {
  ok: boolean;
  /** The last expression as plain JS data (`null` for None); `undefined` where it cannot be converted. */
  value: unknown;
  /** `repr()` of the last expression; empty when it is None. */
  repr: string;
  stdout: string;
  stderr: string;
  error?: RunError;
  /** Time the code ran, from start to answer, without queueing or loading. */
  durationMs: number;
}

/** One run as the client dispatches it. */
export interface RunJob {
  code: string;
  context?: Record<string, unknown> | undefined;
  /** Name of the code in tracebacks. */
  filename?: string;
  /** Stop the run after this long; undefined: the page default (`configure({ timeout })`). */
  timeoutMs?: number | undefined;
}

export interface RunCallbacks {
  /** Python is loading for this run (it waits for the boot). */
  onLoading?(): void;
  /** The run starts now. */
  onStart?(): void;
  /** `text` just arrived; `all` is the run's whole output on that stream so far (capped). */
  onOutput?(stream: OutputStream, text: string, all: string): void;
}

/** Thrown by a job's preparation to fail the run without sending it (e.g. unusable context). */
export class RunInputError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function failedOutcome(error: RunError, stdout = '', stderr = '', durationMs = 0): RunOutcome {
  return { ok: false, value: undefined, repr: '', stdout, stderr, error, durationMs };
}
