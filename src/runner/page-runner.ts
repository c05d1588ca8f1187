import { PROTOCOL_VERSION, type SnapshotChoice } from '../shared/protocol.js';
import { createWorker } from './create-worker.js';
import { indexURLFromMeta, pageBaseURL, resolveIndexURL } from './index-url.js';
import { resolvePackages } from './packages.js';
import { PYODIDE_VERSION } from './pyodide-version.js';
import { shippedSnapshotURL } from './shipped-snapshot.js';
import { WorkerClient } from './worker-client.js';

export interface PyWorkerRunConfig {
  /** Folder (URL) holding Pyodide's pyodide.mjs, pyodide.asm.wasm and python_stdlib.zip; relative to the page. */
  indexURL?: string;
  /** Seconds a run may take unless its element sets `timeout`; unset or 0: no limit. */
  timeout?: number;
  /** Seconds Python may take to load before the load counts as failed (default 120). */
  loadTimeout?: number;
  /** Packages to load while Pyodide boots: names from its lock file, or URLs of .whl files. */
  packages?: string[];
  /** A pyodide-lock.json to use instead of the one beside pyodide.mjs (e.g. listing your own wheels). */
  lockFileURL?: string;
  /**
   * How input() waits for the reader's line: 'auto' (default) suspends Python with WebAssembly stack
   * switching (JSPI) where the browser has it, else blocks the worker on shared memory (cross-origin
   * isolated pages); 'atomics' always uses shared memory where the page is isolated.
   */
  interactiveInput?: 'auto' | 'atomics';
  /** Start loading Python now (elements on the page start it anyway when they connect). */
  preload?: boolean;
  /**
   * Which memory snapshot Python boots from (none when `packages` are preloaded):
   * - `true` (default): one cached by an earlier visit; else the one shipped beside the bundle, when
   *   the network is fast enough for it to pay off; else a normal boot, after which one is cached.
   * - `'shipped'`: always the shipped one (falling back to a normal boot if it is missing or unusable).
   * - `'cache'`: only cached ones.
   * - `false`: never.
   */
  snapshot?: boolean | 'cache' | 'shipped';
  /** Where the shipped snapshot is, if not beside the bundle (e.g. after bundling the npm package yourself). */
  snapshotURL?: string;
}

const DEFAULT_LOAD_TIMEOUT_S = 120;

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
      loadTimeoutMs: () => (config.loadTimeout || DEFAULT_LOAD_TIMEOUT_S) * 1000,
      defaultTimeoutMs: () => (config.timeout ? config.timeout * 1000 : undefined),
      preferAtomicsInput: () => config.interactiveInput === 'atomics',
      snapshot: () => snapshotChoice(config),
      bootPackages: () => ({
        ...(config.packages?.length ? { packages: resolvePackages(config.packages, pageBaseURL()) } : {}),
        ...(config.lockFileURL ? { lockFileURL: new URL(config.lockFileURL, pageBaseURL()).href } : {}),
      }),
    });
    scope[PAGE_RUNNER] = { config, client };
  }
  return scope[PAGE_RUNNER];
}

function snapshotChoice({ snapshot = true, snapshotURL, packages }: PyWorkerRunConfig): SnapshotChoice | undefined {
  if (snapshot === false || packages?.length) return undefined;
  const shippedURL = snapshot === 'cache' ? undefined : snapshotURL ? new URL(snapshotURL, pageBaseURL()).href : shippedSnapshotURL();
  return {
    cache: snapshot !== 'shipped',
    ...(shippedURL ? { shippedURL, onlyIfFast: snapshot === true } : {}),
    // The snapshot beside the bundle was made from the Pyodide this build pins; one given by URL is checked when booting.
    ...(shippedURL && !snapshotURL ? { shippedVersion: PYODIDE_VERSION } : {}),
  };
}

/** The page's one worker client. */
export function pageClient(): WorkerClient {
  return pageRunner().client;
}

/**
 * Sets page-wide options. `indexURL` and `loadTimeout` apply when the worker next starts (the
 * first run, or a retry after a failed load); `timeout` to runs that start from now on.
 * Throws a TypeError for a value it cannot use.
 */
export function configure(options: PyWorkerRunConfig): void {
  for (const key of ['timeout', 'loadTimeout'] as const) {
    const value = options[key];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
      throw new TypeError(`configure({ ${key} }) takes a number of seconds (0 or more), not ${JSON.stringify(value)}.`);
    }
  }
  if (options.interactiveInput !== undefined && !['auto', 'atomics'].includes(options.interactiveInput)) {
    throw new TypeError(`configure({ interactiveInput }) takes 'auto' or 'atomics', not ${JSON.stringify(options.interactiveInput)}.`);
  }
  if (options.snapshot !== undefined && ![true, false, 'cache', 'shipped'].includes(options.snapshot)) {
    throw new TypeError(`configure({ snapshot }) takes true, false, 'cache' or 'shipped', not ${JSON.stringify(options.snapshot)}.`);
  }
  for (const key of ['indexURL', 'lockFileURL', 'snapshotURL'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'string') {
      throw new TypeError(`configure({ ${key} }) takes a URL string, not ${JSON.stringify(options[key])}.`);
    }
  }
  if (options.packages !== undefined && !(Array.isArray(options.packages) && options.packages.every((p) => typeof p === 'string'))) {
    throw new TypeError(`configure({ packages }) takes an array of package names or .whl URLs, not ${JSON.stringify(options.packages)}.`);
  }
  const { config, client } = pageRunner();
  Object.assign(config, options);
  client.reconfigure();
  if (options.preload) client.preload();
}

/** Forgets the namespace of a session (elements with `session="NAME"`); the next cell starts afresh. */
export async function resetSession(name: string): Promise<void> {
  await pageClient().run({ code: '', session: name, resetSession: true });
}
