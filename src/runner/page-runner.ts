import { PROTOCOL_VERSION } from '../shared/protocol.js';
import { parseFiles, type FilesSpec } from './job/files.js';
import { pageBaseURL } from './start/index-url.js';
import type { WorkerClient } from './pool/worker-client.js';
import { failedOutcome, type RunCallbacks, type RunJob, type RunOutcome } from './job/outcome.js';
import { loadError } from './pool/start-error.js';
import { describeError } from '../shared/describe-error.js';

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
  /** Start loading Python now (else an automatic run starts it, or a reader's intent on a manual cell). */
  preload?: boolean;
  /** Keep readers' edits of editable cells with an id (or `persist`) in the browser across reloads (default true). */
  persist?: boolean;
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
  /**
   * How many Python workers the page may run at once (default 2). A second one starts only when a run
   * has kept the first busy for half a second while other runs wait; 1: every run waits its turn.
   */
  workers?: number;
  /** Seconds an extra worker may stay idle (no run, no output) before it is retired (default 30). */
  idleWorkerTimeout?: number;
  /**
   * Files for every run, fetched while Python boots and written into its working directory: URLs
   * separated by spaces (`url:path` to choose the path, `archive.zip/*` to unpack), an array of them,
   * or an object `{ url: path }`; relative to the page.
   */
  files?: FilesSpec;
  /** Bytes beyond which a file (of `files` or the files attribute) is refused (default 100 MiB). */
  maxFileBytes?: number;
}

interface PageRunner {
  config: PyWorkerRunConfig;
  /** The pool, once its chunk has loaded. */
  client?: WorkerClient;
  loading?: Promise<WorkerClient>;
}

// One per page, even when two copies of this bundle are loaded (same protocol version).
const PAGE_RUNNER = Symbol.for(`py-worker-run.page-runner.v${PROTOCOL_VERSION}`);

function pageRunner(): PageRunner {
  const scope = globalThis as { [PAGE_RUNNER]?: PageRunner };
  return (scope[PAGE_RUNNER] ??= { config: configFromPage() });
}

/** Whether the page asked for Python to load at once (`preload` in configure() or its config block). */
export const pagePreloads = (): boolean => pageRunner().config.preload === true;

/** Whether readers' edits are kept in the browser (`persist`, default true). */
export const pageKeepsEdits = (): boolean => pageRunner().config.persist !== false;

/** The page's worker client (its pool of workers), loading its code the first time (again after a failed load). */
export function pageClient(): Promise<WorkerClient> {
  const runner = pageRunner();
  if (!runner.loading) {
    runner.loading = import('./page-pool.js').then(({ createPagePool }) => (runner.client = createPagePool(runner.config)));
    runner.loading.catch(() => (runner.loading = undefined));
  }
  return runner.loading;
}

/** Starts loading Python. A pool whose code could not be loaded is reported by the run that needs it. */
export function preloadPool(): void {
  pageClient().then(
    (pool) => pool.preload(),
    () => undefined,
  );
}

/** Runs `job` in the page's pool (WorkerClient.run); a pool whose code could not be loaded fails the run with why. */
export async function runOnPage(job: RunJob | (() => RunJob), callbacks?: RunCallbacks, signal?: AbortSignal, lane?: object): Promise<RunOutcome> {
  let client: WorkerClient;
  try {
    client = await pageClient();
  } catch (error) {
    return failedOutcome(loadError('', { kind: 'worker-code', detail: describeError(error).replace(/\.$/, '') }));
  }
  return client.run(job, callbacks, signal, lane);
}

/** The page's worker client if its code has loaded already. */
export function loadedClient(): WorkerClient | undefined {
  return pageRunner().client;
}

const isSeconds = (value: unknown) => typeof value === 'number' && value >= 0 && Number.isFinite(value);
const isString = (value: unknown) => typeof value === 'string';
const isPlainObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);
const oneOf = (...values: unknown[]) => (value: unknown) => values.includes(value);

/** What each option accepts, and how the error says so. */
const OPTION_CHECKS: Record<keyof PyWorkerRunConfig, [(value: unknown) => boolean, string]> = {
  timeout: [isSeconds, 'a number of seconds (0 or more)'],
  loadTimeout: [isSeconds, 'a number of seconds (0 or more)'],
  interactiveInput: [oneOf('auto', 'atomics'), "'auto' or 'atomics'"],
  snapshot: [oneOf(true, false, 'cache', 'shipped'), "true, false, 'cache' or 'shipped'"],
  indexURL: [isString, 'a URL string'],
  lockFileURL: [isString, 'a URL string'],
  snapshotURL: [isString, 'a URL string'],
  packages: [(value) => Array.isArray(value) && value.every(isString), 'an array of package names or .whl URLs'],
  preload: [oneOf(true, false), 'true or false'],
  persist: [oneOf(true, false), 'true or false'],
  workers: [(value) => Number.isInteger(value) && (value as number) >= 1, 'a whole number of workers, 1 or more'],
  idleWorkerTimeout: [isSeconds, 'a number of seconds (0 or more)'],
  files: [
    (value) => isString(value) || (Array.isArray(value) && value.every(isString)) || (isPlainObject(value) && Object.values(value).every(isString)),
    'URLs separated by spaces, an array of them, or an object mapping each URL to its path',
  ],
  maxFileBytes: [(value) => Number.isInteger(value) && (value as number) > 0, 'a whole number of bytes'],
};

/** Throws a TypeError naming `where`, the option and what it takes, unless `options` are all usable. */
function checkOptions(options: unknown, where: string): asserts options is PyWorkerRunConfig {
  if (!isPlainObject(options)) {
    throw new TypeError(`${where} takes an object of options, like { "timeout": 5 }, not ${JSON.stringify(options) ?? String(options)}.`);
  }
  for (const [key, value] of Object.entries(options) as Array<[string, unknown]>) {
    const check = Object.hasOwn(OPTION_CHECKS, key) ? OPTION_CHECKS[key as keyof PyWorkerRunConfig] : undefined;
    if (!check) throw new TypeError(`${where} has no option "${key}"; it takes ${Object.keys(OPTION_CHECKS).join(', ')}.`);
    const [valid, takes] = check;
    if (value !== undefined && !valid(value)) throw new TypeError(`${where}: "${key}" takes ${takes}, not ${JSON.stringify(value)}.`);
  }
  // Each file entry is checked now, so a mistake is reported where it was made.
  try {
    parseFiles((options as PyWorkerRunConfig).files, pageBaseURL(), `${where} "files"`);
  } catch (error) {
    throw new TypeError((error as Error).message, { cause: error });
  }
}

export const PAGE_CONFIG_SELECTOR = 'script[type="application/json"][data-py-worker-run-config]';

/**
 * Options the page gives before any script runs, so that they apply to the first boot even when the
 * bundle starts Python as soon as an element connects: the JSON object in
 * `<script type="application/json" data-py-worker-run-config>`. Unusable JSON or options are
 * reported with console.error and ignored.
 */
export function configFromPage(): PyWorkerRunConfig {
  const block = globalThis.document?.querySelector(PAGE_CONFIG_SELECTOR);
  if (!block) return {};
  try {
    const options: unknown = JSON.parse(block.textContent ?? '');
    checkOptions(options, 'The data-py-worker-run-config block');
    return options;
  } catch (error) {
    console.error(`[py-worker-run] ${error instanceof SyntaxError ? `The data-py-worker-run-config block is not valid JSON: ${error.message}` : (error as Error).message} It is ignored.`);
    return {};
  }
}

/**
 * Sets page-wide options. `indexURL` and `loadTimeout` apply when a worker next starts (the
 * first run, or a retry after a failed load); `timeout` to runs that start from now on; `workers`
 * and `idleWorkerTimeout` from now on.
 * Throws a TypeError for a value it cannot use.
 */
export function configure(options: PyWorkerRunConfig): void {
  checkOptions(options, 'configure()');
  const { config, client } = pageRunner();
  Object.assign(config, options);
  client?.reconfigure();
  if (options.preload) preloadPool();
}

/** Forgets the namespace of a session (elements with `session="NAME"`); the next cell starts afresh. */
export async function resetSession(name: string): Promise<void> {
  await runOnPage({ code: '', session: name, resetSession: true });
}
