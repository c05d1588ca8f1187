import { describeError } from '../../shared/describe-error.js';
import type { FileRequest, OutputStream, RichItem, RunError } from '../../shared/protocol.js';

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
  /** The last expression shown richly (HTML, Markdown or an image), when it can be. */
  rich?: RichItem;
  /** What the code passed to display(), and matplotlib figures, in order. */
  displays?: RichItem[];
}

/** One run as the client dispatches it. */
export interface RunJob {
  code: string;
  context?: Record<string, unknown> | undefined;
  /** Name of the code in tracebacks. */
  filename?: string;
  /** Stop the run after this long; undefined: the page default (`configure({ timeout })`). */
  timeoutMs?: number | undefined;
  /** Names from Pyodide's lock file, or absolute URLs of .whl files, loaded before the code runs. */
  packages?: string[] | undefined;
  /** Runs of one session share a namespace. */
  session?: string | undefined;
  /** Forget the session's namespace (the code is not run). */
  resetSession?: boolean;
  /** Text for input() and sys.stdin; undefined: ask `onInput` for each line, if given. */
  stdin?: string | undefined;
  /** Files written into Python's file system before the run (after the page's). */
  files?: FileRequest[] | undefined;
}

export interface RunCallbacks {
  /** Python is loading for this run (it waits for the boot). */
  onLoading?(): void;
  /** The run starts now. */
  onStart?(): void;
  /** `text` just arrived; `all` is the run's whole output on that stream so far (capped). */
  onOutput?(stream: OutputStream, text: string, all: string): void;
  /** What the run does besides running code ("Loading numpy…"); empty when it runs the code. */
  onStatus?(text: string): void;
  onDisplay?(item: RichItem): void;
  /** Asks the reader for a line for input(); resolves with null at the end of input. */
  onInput?(prompt: string): Promise<string | null>;
  /** After the run settled, something it left behind (a timer, a task) failed so that Python was lost. */
  onLeftoverError?(error: RunError): void;
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

/** The outcome of a run that failed before it started: its input was unusable (a RunInputError says how). */
export function inputFailure(error: unknown): RunOutcome {
  const type = error instanceof RunInputError ? error.type : 'Error';
  return failedOutcome({ type, message: describeError(error), traceback: '' });
}

export function failedOutcome(error: RunError, stdout = '', stderr = '', durationMs = 0): RunOutcome {
  return { ok: false, value: undefined, repr: '', stdout, stderr, error, durationMs };
}
