import type { FileRequest, SnapshotChoice, SnapshotSource } from '../../shared/protocol.js';

export interface WorkerClientOptions {
  /** Starts a worker: one that fails later (a fetched script, as the CDN bundle's), or throws at once, says why with a workerStartError. */
  createWorker: () => Worker;
  /** Read when a worker is started, so a later `configure()` applies to the next boot. */
  indexURL: () => string;
  /** How long Python may take to load before the load counts as failed. */
  loadTimeoutMs: () => number;
  /** The timeout of runs that set none (undefined: no limit). */
  defaultTimeoutMs: () => number | undefined;
  /** How long an interrupted run has to answer before its worker is replaced. */
  interruptGraceMs?: number;
  /** Packages to load while Pyodide boots, and the lock file to use (read when a worker starts). */
  bootPackages: () => { packages?: string[]; lockFileURL?: string };
  /** The page's files (`configure({ files })`): fetched while a worker boots, written before every run; and the size limit of any file. */
  files: () => { files: FileRequest[]; maxFileBytes: number };
  /** Whether input() should wait on shared memory even where JSPI could wait (read when a worker starts). */
  preferAtomicsInput: () => boolean;
  /** Which memory snapshots a boot may use (read when a worker starts). */
  snapshot: () => SnapshotChoice | undefined;
  /** The secret that signs cached snapshots (undefined: none can be kept, e.g. no localStorage). */
  snapshotSecret: () => string | undefined;
  /** How many workers may run at once (1: every run waits its turn in one worker). */
  maxWorkers: () => number;
  /** How long an extra worker may stay idle (no run, no output) before it is retired. */
  idleWorkerMs: () => number;
}

/** Dispatched on `window` when Python has loaded in a worker. */
export interface PythonReadyDetail {
  /** Which of the page's workers: 1 for the first, 2 for a second one started while the first was busy. */
  worker: number;
  pyodideVersion: string;
  /** Whether Python booted from a memory snapshot. */
  fromSnapshot: boolean;
  /** Which one: cached by an earlier boot, or shipped with the bundle; null for a normal boot. */
  snapshot: SnapshotSource | null;
  /** Why a snapshot that was tried was not booted from (too slow a network, damaged…); null otherwise. */
  snapshotSkipped: string | null;
  /** Milliseconds from starting the worker to Python being ready. */
  bootMs: number;
}
export const PYTHON_READY_EVENT = 'py-worker-run:ready';

/** Dispatched on `window` when an extra worker that stayed idle is retired (its memory is freed). */
export interface WorkerRetiredDetail {
  worker: number;
}
export const WORKER_RETIRED_EVENT = 'py-worker-run:retired';
