// The CDN bundle's worker is a file of its own beside the bundle (py-worker-run-worker.js), so the
// bundle stays small. A worker cannot start from another origin's URL, and a worker started from a
// Blob URL that imports it would need that origin in the page's worker-src: the page fetches its
// text instead (connect-src, which a page allowing Pyodide's origin already has) and starts the
// worker from a Blob of it, as the inlined worker of the npm build starts.
import workerURL from '../worker/worker.ts?worker&url';
import { cspAdvice } from '../shared/csp.js';
import { describeError } from '../shared/describe-error.js';
import { WORKER_CODE_FAILURE } from './run-messages.js';

let code: Promise<string> | undefined;

function workerCode(): Promise<string> {
  // (Not new URL(`…`, import.meta.url): Vite would read that template as a pattern of files to bundle.)
  const bundle = import.meta.url;
  const url = new URL(workerURL.slice(workerURL.lastIndexOf('/') + 1), bundle).href;
  code ??= fetch(url).then(
    async (response) => {
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
    },
    (error: unknown) => {
      throw new Error(`${url} could not be fetched (${describeError(error)})`, { cause: error });
    },
  );
  code.catch(() => (code = undefined)); // a later worker tries again
  return code;
}

/** A Worker whose script is still being fetched: messages wait for it, and its events are passed on. */
class FetchedWorker extends EventTarget {
  #worker: Worker | undefined;
  #waiting: Array<[unknown, Transferable[]]> = [];
  #terminated = false;

  constructor() {
    super();
    const fail = (error: unknown) => this.dispatchEvent(new ErrorEvent('error', { message: describeError(error), error }));
    workerCode().then(
      (blobURL) => {
        if (this.#terminated) return;
        let worker: Worker;
        try {
          worker = this.#worker = new Worker(blobURL, { type: 'module', name: 'py-worker-run' });
        } catch (error) {
          // WebKit refuses a worker the page's policy forbids at once (Chromium and Firefox report a violation).
          const refused = error instanceof DOMException && error.name === 'SecurityError';
          fail(refused ? new Error(`the page's Content Security Policy ${cspAdvice({ blockedURI: 'blob', effectiveDirective: 'worker-src' })}`) : error);
          return;
        }
        worker.addEventListener('message', (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] })));
        worker.addEventListener('error', (event) => this.dispatchEvent(new ErrorEvent('error', { message: event.message, error: event.error })));
        for (const [message, transfer] of this.#waiting) worker.postMessage(message, transfer);
        this.#waiting = [];
      },
      (error: unknown) => fail(new Error(`${WORKER_CODE_FAILURE} (${describeError(error).replace(/\.$/, '')})`)),
    );
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (this.#worker) this.#worker.postMessage(message, transfer);
    else this.#waiting.push([message, transfer]);
  }

  terminate(): void {
    this.#terminated = true;
    this.#worker?.terminate();
  }
}

export const createWorker = (): Worker => new FetchedWorker() as unknown as Worker;
