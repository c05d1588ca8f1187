import { PROTOCOL_VERSION } from '../shared/protocol.js';
import { createWorker } from './create-worker.js';
import { indexURLFromMeta, pageBaseURL, resolveIndexURL } from './index-url.js';
import { WorkerClient } from './worker-client.js';

export interface PyWorkerRunConfig {
  /** Folder (URL) holding Pyodide's pyodide.mjs, pyodide.asm.wasm and python_stdlib.zip; relative to the page. */
  indexURL?: string;
}

interface PageRunner {
  config: PyWorkerRunConfig;
  client: WorkerClient;
}

// One per page, even when two copies of this bundle are loaded (same protocol version).
const PAGE_RUNNER = Symbol.for(`py-worker-run.page-runner.v${PROTOCOL_VERSION}`);

function pageRunner(): PageRunner {
  const scope = globalThis as { [PAGE_RUNNER]?: PageRunner };
  if (!scope[PAGE_RUNNER]) {
    const config: PyWorkerRunConfig = {};
    const client = new WorkerClient({
      createWorker,
      indexURL: () => resolveIndexURL(config.indexURL, indexURLFromMeta(), pageBaseURL()),
    });
    scope[PAGE_RUNNER] = { config, client };
  }
  return scope[PAGE_RUNNER];
}

/** The page's one worker client. */
export function pageClient(): WorkerClient {
  return pageRunner().client;
}

/**
 * Sets page-wide options. `indexURL` applies when the worker next starts (the first run, or a
 * retry after a failed load).
 */
export function configure(options: PyWorkerRunConfig): void {
  Object.assign(pageRunner().config, options);
}
