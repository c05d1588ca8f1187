import { dedent } from '../element/code-source.js';
import { pageClient } from './page-runner.js';

/** The answer of {@link asyncRun}, shaped as in Pyodide's web-worker guide. */
export interface AsyncRunResult {
  /** The last expression's value as plain JS data (`undefined` if there is none or it cannot convert). */
  results: unknown;
  /** The error text (the Python traceback) when the code failed. */
  error?: string;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` in the page's shared Python worker, with each key of `context` available as a
 * Python global and through `from js import KEY`. Safe to call concurrently: every call gets its own answer.
 */
export async function asyncRun(script: string, context?: Record<string, unknown>): Promise<AsyncRunResult> {
  const outcome = await pageClient().run({ code: dedent(script), context });
  return {
    results: outcome.value,
    error: outcome.error ? outcome.error.traceback || outcome.error.message : undefined,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}
