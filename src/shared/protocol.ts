/**
 * Messages between the page and the one shared Pyodide worker.
 * Both sides import only this module from each other, so it must stay free of DOM and worker globals.
 */

/** Bumped whenever a message changes shape; two bundles on one page share a worker only if it matches. */
export const PROTOCOL_VERSION = 1;

export type OutputStream = 'stdout' | 'stderr';

/** A failure as plain data: Python exceptions, and the runner's own failures (with an empty traceback). */
export interface RunError {
  /** The Python exception's class name, or one of {@link RunnerErrorType}. */
  type: string;
  message: string;
  /** The formatted Python traceback, trimmed to the user's frames; empty for the runner's own failures. */
  traceback: string;
}

/** Failures that are not Python exceptions. */
export const RunnerErrorType = {
  /** Pyodide could not be loaded (wrong URL, offline, wrong version). */
  load: 'PyodideLoadError',
  /** The `context` attribute or property was unusable. */
  context: 'ContextError',
  /** The worker died, crashed (a fatal Pyodide error) or could not start. */
  worker: 'WorkerError',
  /** The run took longer than its timeout. */
  timeout: 'RunTimeoutError',
  /** The run was stopped by `stop()` or the Stop button, or its element was removed. */
  stopped: 'RunStoppedError',
  /** An attribute or argument was unusable (e.g. `timeout="soon"`, no code). */
  input: 'InputError',
} as const;

/** Text kept per stream and run; older text is dropped (and counted) beyond it. */
export const OUTPUT_LIMIT_CHARS = 200_000;

export interface RunRequest {
  type: 'run';
  id: number;
  code: string;
  /** Each key becomes a Python global and is readable with `from js import KEY` during this run. */
  context: Record<string, unknown> | undefined;
  /** The name the code carries in tracebacks, e.g. `<py-worker-run>`. */
  filename: string;
}

export interface BootRequest {
  type: 'boot';
  /** Absolute URL of the folder holding pyodide.mjs (a blob-URL worker cannot resolve relative ones). */
  indexURL: string;
  /** One Int32 on a SharedArrayBuffer (cross-origin isolated pages only): the page writes 2 to interrupt. */
  interruptBuffer?: SharedArrayBuffer;
}

export type ToWorker = BootRequest | RunRequest;

export interface ReadyMessage {
  type: 'ready';
  pyodideVersion: string;
}

export interface BootErrorMessage {
  type: 'boot-error';
  message: string;
}

export interface OutputMessage {
  type: 'output';
  id: number;
  stream: OutputStream;
  text: string;
  /** Characters of this stream dropped before `text` because the run wrote faster than they can be shown. */
  dropped: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  /** The last expression converted to plain JS data; `undefined` where it cannot be converted. */
  value: unknown;
  /** `repr()` of the last expression; empty when it is `None`. */
  repr: string;
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  error: RunError;
}

/** Pyodide hit a fatal error: this worker is unusable and must be replaced. */
export interface CrashedMessage {
  type: 'crashed';
  id: number;
  message: string;
}

export type FromWorker = ReadyMessage | BootErrorMessage | OutputMessage | ResultMessage | ErrorMessage | CrashedMessage;
