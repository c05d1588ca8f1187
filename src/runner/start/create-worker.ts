// Vite inlines the bundled worker into our module and starts it from a Blob URL,
// so it also starts when our script is served from another origin (a CDN).
import PythonWorker from '../../worker/worker.ts?worker&inline';
import { refusedByTrustedTypes, refusedWorkerAdvice, workerStartError } from './load-messages.js';
import { startWithTrustedURL } from './trusted-types.js';

/** Starts the worker; throws a workerStartError saying what the page's policy lacks if it refuses it. */
export function createWorker(): Worker {
  try {
    return startWithTrustedURL(() => new PythonWorker({ name: 'py-worker-run' }), refusedByTrustedTypes);
  } catch (error) {
    const advice = refusedWorkerAdvice(error);
    throw advice ? workerStartError({ kind: 'csp', detail: advice }) : error;
  }
}
