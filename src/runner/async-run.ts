import { RunnerErrorType, type RunError } from '../shared/protocol.js';
import { parseFiles, type FilesSpec } from './job/files.js';
import { pageBaseURL } from './start/index-url.js';
import { checkContextObject, dedent, timeoutMs } from './job/run-input.js';
import { runOnPage } from './page-runner.js';

/** The answer of {@link asyncRun}, shaped as in Pyodide's web-worker guide. */
export interface AsyncRunResult {
  /** The last expression's value as plain JS data (`undefined` if there is none or it cannot convert). */
  results: unknown;
  /** The error text (the Python traceback) when the code failed. */
  error?: string;
  stdout: string;
  stderr: string;
}

/** What {@link asyncRun} takes besides the code and its context, as the element's attributes of the same names. */
export interface AsyncRunOptions {
  /** Files written into Python's working directory before the run, after the page's (`configure({ files })`): as the `files` attribute. */
  files?: FilesSpec;
  /** Seconds the run may take before it is stopped (0: no limit); unset: the page default (`configure({ timeout })`). */
  timeout?: number;
  /** Text for input() and sys.stdin (none: input() gets end of input, as there is nobody to ask). */
  stdin?: string;
}

/**
 * Runs `script` in the page's shared Python worker, with each key of `context` available as a
 * Python global and through `from js import KEY`. Safe to call concurrently: every call gets its own answer.
 */
export async function asyncRun(script: string, context?: Record<string, unknown>, options: AsyncRunOptions = {}): Promise<AsyncRunResult> {
  if (typeof script !== 'string') {
    const error = `asyncRun(script, context) takes the Python code as a string, not ${typeof script === 'object' ? JSON.stringify(script) : String(script)}.`;
    return { results: undefined, error, stdout: '', stderr: '' };
  }
  const { files, timeout, stdin } = options ?? {};
  const outcome = await runOnPage(() => ({
    code: dedent(script),
    context: context == null ? undefined : checkContextObject(context, 'asyncRun() context'),
    files: files == null ? undefined : parseFiles(files, pageBaseURL(), 'asyncRun() files'),
    timeoutMs: timeoutMs(timeout, `${typeof timeout === 'string' ? JSON.stringify(timeout) : String(timeout)} (asyncRun() options)`),
    stdin: stdin == null ? undefined : String(stdin),
  }));
  return {
    results: outcome.value,
    error: outcome.error && errorText(outcome.error),
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}

const RUNNER_ERRORS: ReadonlySet<string> = new Set(Object.values(RunnerErrorType));

/** A Python error as its traceback; the runner's own (a timeout, say) as its sentence, then any traceback. */
function errorText({ type, message, traceback }: RunError): string {
  if (!RUNNER_ERRORS.has(type)) return traceback || `${type}: ${message}`;
  return traceback ? `${message}\n${traceback}` : message;
}
