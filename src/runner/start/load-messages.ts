import { cspAdvice, cspFailure } from '../../shared/csp.js';
import { PYODIDE_VERSION } from './pyodide-version.js';

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
