/**
 * py-worker-run: `<py-worker-run>` and `asyncRun`, running Python in one Pyodide worker per page.
 * Importing this module defines the element where `customElements` exists (harmless if already defined).
 */
import type { PyWorkerRunEventMap } from './element/events.js';
import { PyWorkerRun } from './py-worker-run.js';

export { PyWorkerRun, type PyWorkerRunStatus } from './py-worker-run.js';
export { asyncRun, type AsyncRunOptions, type AsyncRunResult } from './runner/async-run.js';
export { configure, resetSession, type PyWorkerRunConfig } from './runner/page-runner.js';
export type { RunOutcome } from './runner/job/outcome.js';
export { PYTHON_READY_EVENT, WORKER_RETIRED_EVENT, type PythonReadyDetail, type WorkerRetiredDetail } from './runner/pool/worker-pool-types.js';
export type { RunError, OutputStream } from './shared/protocol.js';
export type { PyRunDetail, PyOutputDetail, PyResultDetail, PyErrorDetail, PyWorkerRunEventMap } from './element/events.js';
export { PYODIDE_VERSION } from './runner/start/pyodide-version.js';

if (typeof customElements !== 'undefined' && !customElements.get('py-worker-run')) {
  customElements.define('py-worker-run', PyWorkerRun);
}

declare global {
  interface HTMLElementTagNameMap {
    'py-worker-run': PyWorkerRun;
  }
  interface WindowEventMap {
    'py-worker-run:ready': CustomEvent<import('./runner/pool/worker-pool-types.js').PythonReadyDetail>;
    'py-worker-run:retired': CustomEvent<import('./runner/pool/worker-pool-types.js').WorkerRetiredDetail>;
  }
  // Our events bubble to document and window too; every element, document and window event map extends this one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends PyWorkerRunEventMap {}
}
