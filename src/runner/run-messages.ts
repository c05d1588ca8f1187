import { cspAdvice, cspFailure } from '../shared/csp.js';
import { describeError } from '../shared/describe-error.js';
import { INPUT_BUFFER_BYTES } from '../shared/protocol.js';
import { PYODIDE_VERSION } from './pyodide-version.js';

/** Why a run was stopped. */
export type StopReason = 'timeout' | 'stopped';

/** How a stopped run ended: never started, interrupted in Python, or its worker replaced. */
export type StopHow = 'before-start' | 'interrupted' | 'restarted';

/** Answers a worker blocked in input(): the line's UTF-8 bytes, then wakes it. */
export function writeLine(buffer: SharedArrayBuffer, text: string | null): void {
  const header = new Int32Array(buffer, 0, 2);
  if (text === null) {
    Atomics.store(header, 1, -1);
  } else {
    // encodeInto refuses shared memory: encode, then copy what fits.
    const bytes = new TextEncoder().encode(text).subarray(0, INPUT_BUFFER_BYTES);
    new Uint8Array(buffer, 8, bytes.length).set(bytes);
    Atomics.store(header, 1, bytes.length);
  }
  Atomics.store(header, 0, 1);
  Atomics.notify(header, 0);
}

export function stopMessage(reason: StopReason, how: StopHow, durationMs: number, timeoutMs: number | undefined): string {
  if (how === 'before-start') return 'The run was stopped before it started.';
  const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;
  const what =
    reason === 'timeout'
      ? `The code ran longer than its timeout of ${seconds(timeoutMs ?? durationMs)} and was stopped after ${seconds(durationMs)}.`
      : `The run was stopped after ${seconds(durationMs)}.`;
  const effect =
    how === 'interrupted'
      ? ' Python raised KeyboardInterrupt where the code was (see the traceback); imported modules and sessions are kept.'
      : ' The Python worker was replaced, so imported modules and session variables are gone; runs queued behind it go on.';
  const advice = reason === 'timeout' ? ' Raise the timeout, or make the code faster.' : '';
  return what + effect + advice;
}

export function crashMessage(detail: string): string {
  return (
    `Python crashed (${detail}), most likely from recursion through C code deeper than the browser's stack allows. ` +
    'A fresh Python starts with the next run; imported modules and session variables are gone.'
  );
}

export function leftoverCrashMessage(detail: string): string {
  return `A timer or task this run left behind crashed Python (${detail}). A fresh Python starts with the next run; imported modules and session variables are gone.`;
}

/**
 * Why a worker could not load Python: Pyodide's files, our own worker's code (the CDN bundle's file
 * beside it), or the page's Content Security Policy (`detail` then says what it lacks).
 */
export interface LoadFailure {
  kind: 'pyodide' | 'worker-code' | 'csp';
  detail: string;
}

export function loadFailure(indexURL: string, failure: LoadFailure): string {
  switch (failure.kind) {
    case 'csp':
      return cspFailure(failure.detail);
    case 'worker-code':
      return `Python could not start: the Python worker's code could not be loaded (${failure.detail}). Serve the bundle's other files beside it (every dist/py-worker-run-*.js). Running again retries.`;
    case 'pyodide':
      return (
        `Python could not be loaded from ${indexURL} (${failure.detail}). ` +
        `Check that this URL is reachable and holds Pyodide ${PYODIDE_VERSION} (pyodide.mjs, pyodide.asm.wasm served as application/wasm, python_stdlib.zip), ` +
        `or set another with configure({ indexURL }) or <meta name="py-worker-run:index-url">. Running again retries.`
      );
  }
}

/** Whether the page refused a string for lack of Trusted Types (Chromium names the type; Firefox says "Sink type mismatch"). */
export const refusedByTrustedTypes = (error: unknown): boolean => error instanceof TypeError && /trusted|sink type/i.test(error.message);

export const TRUSTED_TYPES_ADVICE = 'enforces Trusted Types: add py-worker-run to its trusted-types directive';

/**
 * What the page's policy lacks, when it refused to start the worker: WebKit refuses a worker that
 * worker-src forbids at once, with a SecurityError (Chromium and Firefox report a violation later);
 * a page enforcing Trusted Types refuses the worker's URL without our policy.
 */
export function refusedWorkerAdvice(error: unknown): string | undefined {
  if (error instanceof DOMException && error.name === 'SecurityError') return cspAdvice({ blockedURI: 'blob', effectiveDirective: 'worker-src' });
  return refusedByTrustedTypes(error) ? TRUSTED_TYPES_ADVICE : undefined;
}

/** The error a worker that could not start fails with, saying why (the CDN bundle's worker, fetched before it starts). */
export const workerStartError = (failure: LoadFailure): Error => Object.assign(new Error(failure.detail), { failure });

/** Why the worker that failed with `error` could not start, if it said (workerStartError). */
export const startFailure = (error: unknown): LoadFailure | undefined => (error as { failure?: LoadFailure } | null)?.failure;

export function unclonableContext(error: unknown): string {
  return `The context could not be sent to Python (${describeError(error)}). Use plain data: objects, arrays, strings, numbers, booleans, null and typed arrays.`;
}
