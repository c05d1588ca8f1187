// The CDN bundle's worker is a file of its own beside the bundle (py-worker-run-worker.js), so the
// bundle stays small. A worker cannot start from another origin's URL, and a worker started from a
// Blob URL that imports it would need that origin in the page's worker-src: the page fetches its
// text instead (connect-src, which a page allowing Pyodide's origin already has) and starts the
// worker from a Blob of it, as the inlined worker of the npm build starts.
import workerURL from '../../worker/worker.ts?worker&url';
import { describeError } from '../../shared/describe-error.js';
import { refusedWorkerAdvice, workerStartError } from './load-messages.js';

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

async function startWorker(blobURL: string): Promise<Worker> {
  // A classic worker: a page of an opaque origin (a sandboxed iframe) can start one from a blob: URL,
  // where Chromium refuses a module worker. The worker's code has no import or export statement and
  // begins with "use strict" (the build's banner; a package test checks both).
  const start = (url: string) => new Worker(url, { name: 'py-worker-run' });
  try {
    return start(blobURL);
  } catch {
    // Refused: a page that enforces Trusted Types takes the URL through the element's policy (a chunk
    // of its own). Another refusal (worker-src) throws again, and is reported as such.
    const { trustedScriptURL } = await import('./trusted-types.js');
    return start(trustedScriptURL(blobURL));
  }
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
      async (blobURL) => {
        let worker: Worker;
        try {
          worker = await startWorker(blobURL);
        } catch (error) {
          const advice = refusedWorkerAdvice(error);
          fail(advice ? workerStartError({ kind: 'csp', detail: advice }) : error);
          return;
        }
        if (this.#terminated) {
          worker.terminate();
          return;
        }
        this.#worker = worker;
        worker.addEventListener('message', (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] })));
        worker.addEventListener('error', (event) => this.dispatchEvent(new ErrorEvent('error', { message: event.message, error: event.error })));
        for (const [message, transfer] of this.#waiting) worker.postMessage(message, transfer);
        this.#waiting = [];
      },
      (error: unknown) => fail(workerStartError({ kind: 'worker-code', detail: describeError(error).replace(/\.$/, '') })),
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
