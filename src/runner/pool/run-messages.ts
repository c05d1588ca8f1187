import { describeError } from '../../shared/describe-error.js';
import { INPUT_BUFFER_BYTES } from '../../shared/protocol.js';

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

export function unclonableContext(error: unknown): string {
  return `The context could not be sent to Python (${describeError(error)}). Use plain data: objects, arrays, strings, numbers, booleans, null and typed arrays.`;
}
