import { RunnerErrorType } from '../shared/protocol.js';
import { RunInputError, type RunJob } from './outcome.js';

/** The most a browser timer can wait (2^31 - 1 ms, about 24.8 days): a longer timeout means no limit. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A timeout given in seconds as milliseconds (0 or none: undefined, no limit); `written` is how the
 * author wrote it (`timeout="soon"`, `asyncRun(…, { timeout })`), for the error.
 */
export function timeoutMs(seconds: number | null | undefined, written: string): number | undefined {
  if (seconds === undefined || seconds === null) return undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new RunInputError(RunnerErrorType.input, `The timeout must be a number of seconds, like timeout="5", not ${written}.`);
  }
  return seconds === 0 ? undefined : seconds * 1000;
}

/** Checks what every run sends, from an element or asyncRun, before it reaches the worker. */
export function checkJob(job: RunJob): void {
  checkContextKeys(job.context);
  checkEncodable(job.code);
}

/**
 * Throws a ContextError for a key Python reserves for the module itself (`__builtins__`, `__name__`,
 * `__file__`…): as a global it would break the run, or every later run of a session.
 */
function checkContextKeys(context: Record<string, unknown> | undefined): void {
  const reserved = Object.keys(context ?? {}).find((key) => /^__.*__$/.test(key));
  if (reserved === undefined) return;
  throw new RunInputError(
    RunnerErrorType.context,
    `The context key "${reserved}" is reserved: names with two underscores on each side (__builtins__, __name__, __file__…) belong to Python itself. Rename the key, for example "${reserved.replace(/^_+|_+$/g, '') || 'value'}".`,
  );
}

/**
 * A SyntaxError for code holding half of a surrogate pair: it is not text, and Python cannot be given
 * it (it would fail later, inside Pyodide, with an unrelated error).
 */
function checkEncodable(code: string): void {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(code);
  if (!lone) return;
  const before = code.slice(0, lone.index).split('\n');
  const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
  throw new RunInputError(
    'SyntaxError',
    `The code holds a lone surrogate (U+${unit}, half of a character) at line ${before.length}, column ${before.at(-1)!.length + 1}: ` +
      `Python source must be valid Unicode. Remove it, or write it as an escape in a string ("\\u${unit.toLowerCase()}").`,
  );
}
