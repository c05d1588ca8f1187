import { DEFAULT_MAX_FILE_BYTES, type SnapshotChoice } from '../shared/protocol.js';
import { webKitSnapshotURL } from '../shared/engine-snapshot.js';
import { parseFiles } from './job/files.js';
import { resolvePackages } from './job/packages.js';
import { MAX_TIMER_MS } from './job/run-input.js';
import { createWorker } from './start/create-worker.js';
import { indexURLFromMeta, pageBaseURL, resolveIndexURL } from './start/index-url.js';
import { PYODIDE_VERSION } from './start/pyodide-version.js';
import type { PyWorkerRunConfig } from './page-runner.js';
import { shippedSnapshotURLs } from './snapshot/shipped-snapshot.js';
import { snapshotSecret } from './snapshot/snapshot-secret.js';
import { WorkerClient } from './pool/worker-client.js';

const DEFAULT_LOAD_TIMEOUT_S = 120;
const DEFAULT_WORKERS = 2;
const DEFAULT_IDLE_WORKER_TIMEOUT_S = 30;

/**
 * The page's pool of workers, reading `config` whenever it starts a worker or a run. A chunk of its
 * own in the CDN build, loaded when Python is first wanted: a page that runs nothing never fetches it.
 */
export function createPagePool(config: PyWorkerRunConfig): WorkerClient {
  return new WorkerClient({
    createWorker,
    indexURL: () => resolveIndexURL(config.indexURL, indexURLFromMeta(), pageBaseURL()),
    loadTimeoutMs: () => Math.min((config.loadTimeout || DEFAULT_LOAD_TIMEOUT_S) * 1000, MAX_TIMER_MS),
    defaultTimeoutMs: () => (config.timeout ? config.timeout * 1000 : undefined),
    preferAtomicsInput: () => config.interactiveInput === 'atomics',
    snapshot: () => snapshotChoice(config),
    snapshotSecret,
    maxWorkers: () => config.workers ?? DEFAULT_WORKERS,
    idleWorkerMs: () => Math.min((config.idleWorkerTimeout ?? DEFAULT_IDLE_WORKER_TIMEOUT_S) * 1000, MAX_TIMER_MS),
    files: () => ({ files: parseFiles(config.files, pageBaseURL(), 'configure({ files })'), maxFileBytes: config.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES }),
    bootPackages: () => ({
      ...(config.packages?.length ? { packages: resolvePackages(config.packages, pageBaseURL()) } : {}),
      ...(config.lockFileURL ? { lockFileURL: new URL(config.lockFileURL, pageBaseURL()).href } : {}),
    }),
  });
}

function snapshotChoice({ snapshot = true, snapshotURL, packages }: PyWorkerRunConfig): SnapshotChoice | undefined {
  if (snapshot === false || packages?.length) return undefined;
  // Resolved against the page: a bundler may have made the shipped URL root-relative (Turbopack does), which a Blob-URL worker cannot resolve.
  const shipped = snapshot === 'cache' ? undefined : snapshotURL ? { url: snapshotURL, webKitURL: webKitSnapshotURL(snapshotURL) } : shippedSnapshotURLs();
  const shippedURL = shipped && new URL(shipped.url, pageBaseURL()).href;
  const shippedWebKitURL = shipped?.webKitURL && new URL(shipped.webKitURL, pageBaseURL()).href;
  return {
    cache: snapshot !== 'shipped',
    ...(shippedURL ? { shippedURL, onlyIfFast: snapshot === true } : {}),
    ...(shippedWebKitURL ? { shippedWebKitURL } : {}),
    // The snapshot beside the bundle was made from the Pyodide this build pins; one given by URL is checked when booting.
    ...(shippedURL && !snapshotURL ? { shippedVersion: PYODIDE_VERSION } : {}),
  };
}
