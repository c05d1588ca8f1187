import type { PyodideInterface } from 'pyodide';
import { describeError } from '../shared/describe-error.js';
import {
  RunnerErrorType,
  type OutputStream,
  type RichItem,
  type RunError,
  type RunRequest,
  type SnapshotChoice,
  type SnapshotSource,
} from '../shared/protocol.js';
import interpreterSource from './python/interpreter.py?raw';
import preimportSource from './python/preimport.py?raw';
import runnerSource from './python/runner.py?raw';
import stdinSource from './python/stdin.py?raw';
import errorsSource from './python/errors.py?raw';
import valuesSource from './python/values.py?raw';
import { deleteSnapshot, saveSnapshot, type CachedSnapshot } from '../shared/snapshot-cache.js';
import { attributeCallbacks, type RunOwners } from './run/run-owner.js';
import { OutputTicks } from './output/output-ticks.js';
import { answers } from './output/lifeline.js';
import { hookBoot } from './boot/boot-hooks.js';
import { DeferredStdlib } from './boot/deferred-stdlib.js';
import { downloadShippedSnapshot } from './boot/shipped-snapshot.js';
import { openSnapshot } from './boot/snapshot-delta.js';
import { FileError, type FileStore, type FileSystemHost } from './run/file-store.js';

/** `restart`: the run broke the interpreter beyond repair (why); the worker must be replaced. */
export type RunResult = ({ ok: true; value: unknown; repr: string; rich?: RichItem } | { ok: false; error: RunError }) & {
  restart?: string;
};

/** What a run may call back into the worker for. */
export interface RunHooks {
  /** Asks the page for a line of input; resolves with null at the end of input (needs JSPI to wait). */
  askInput?: ((prompt: string) => Promise<string | null>) | undefined;
  /** The same, blocking the worker on shared memory (cross-origin isolated pages). */
  askInputBlocking?: ((prompt: string) => string | null) | undefined;
  /** Use askInputBlocking even where askInput could wait. */
  preferBlockingInput?: boolean;
  status: (text: string) => void;
}

/** One booted Pyodide with our runner installed. */
export interface PythonHost {
  readonly version: string;
  /** The memory snapshot it booted from, if any. */
  readonly fromSnapshot: SnapshotSource | undefined;
  /** Cached snapshots are on, but none was usable: one should be made (in another worker). */
  readonly snapshotNeeded: boolean;
  /** Why a snapshot that was tried was not booted from (undefined: none was tried, or one was used). */
  readonly snapshotSkipped: string | undefined;
  /** Pyodide's compiled wasm, which later workers of the page can instantiate as it is. */
  readonly wasmModule: WebAssembly.Module | undefined;
  run(request: RunRequest, hooks: RunHooks): Promise<RunResult>;
  /** Cancels what run `id` left behind (timers, asyncio tasks). */
  release(id: number): void;
}

export interface BootOptions {
  /** Which run the executing code belongs to: set around each run and each of its callbacks. */
  owners: RunOwners;
  write: (stream: OutputStream, bytes: Uint8Array) => void;
  /** A value display() shows, for run `owner`. */
  display: (owner: number, item: RichItem) => void;
  /** An exception thrown by a Python callback of a timer, as its run's output. */
  reportCallbackError: (error: unknown) => void;
  /** Called when Pyodide suffers a fatal error (a C stack overflow, say): it is dead from then on. */
  onFatal: (message: string) => void;
  interruptBuffer?: Int32Array | undefined;
  /** Throws once the page has terminated this worker (lifeline.ts); checked while Python runs. */
  lifeline?: (() => void) | undefined;
  /** Loaded while Pyodide boots. */
  packages?: string[] | undefined;
  lockFileURL?: string | undefined;
  /** Where a memory snapshot of this boot is cached (undefined: no cached snapshots). */
  snapshotKey?: string | undefined;
  /** The cached snapshot, as the page read and checked it (with a snapshotKey). */
  cached?: Promise<CachedSnapshot> | undefined;
  /** The shipped snapshot, tried when none is cached (shippedURL: the one this engine restores). */
  shipped?: Pick<SnapshotChoice, 'shippedURL' | 'shippedVersion' | 'onlyIfFast'> | undefined;
  /** Called before a snapshot is restored. */
  onRestoring?: (source: SnapshotSource) => void;
  /** Where runs' files are fetched and kept. */
  files: FileStore;
  /** Pyodide's wasm, compiled by an earlier worker of the page. */
  wasmModule?: WebAssembly.Module | undefined;
}

/** The runner's run(): the outcome, or undefined when the code awaits at top level (then run_awaiting() runs it). */
type RunnerFunction = ((owner: number, code: string, context: unknown, filename: string, options: unknown) => RunResult | undefined) & {
  destroy(): void;
  /** The same call with stack switching, so that input() can wait for the page (JSPI only). */
  callPromising(...args: unknown[]): Promise<RunResult | undefined>;
};
type PythonFunction = ((...args: unknown[]) => unknown) & { destroy(): void };

type LoadPyodide = (options: {
  indexURL: string;
  lockFileURL?: string;
  packages?: string[];
  _makeSnapshot?: boolean;
  _loadSnapshot?: Uint8Array | Promise<Uint8Array>;
}) => Promise<PyodideInterface & { makeMemorySnapshot(): Uint8Array }>;

/** True for the error Pyodide throws once it is dead (after a fatal error, every call fails). */
export function isFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { pyodide_fatal_error?: unknown }).pyodide_fatal_error === true;
}

/** True for Python's KeyboardInterrupt (a stop or timeout on a cross-origin isolated page) reaching JS. */
export function isInterrupt(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'KeyboardInterrupt';
}

class PackageError extends Error {}

async function importLoader(indexURL: string): Promise<{ loadPyodide: LoadPyodide; version: string }> {
  const pyodideModule = `${indexURL}pyodide.mjs`;
  try {
    return (await import(/* @vite-ignore */ pyodideModule)) as { loadPyodide: LoadPyodide; version: string };
  } catch (cause) {
    throw new Error(`could not import ${pyodideModule} (${describeError(cause)})`, { cause });
  }
}

/**
 * Boots Pyodide only to cache a memory snapshot of it, taken before any code of ours or the user's
 * runs in it. Done in a worker of its own, so the page's worker never pays for making one.
 */
export async function makeSnapshot(indexURL: string, key: string, secret: string, lockFileURL?: string): Promise<boolean> {
  try {
    const { loadPyodide } = await importLoader(indexURL);
    const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, ...(lockFileURL ? { lockFileURL } : {}) });
    pyodide.runPython(preimportSource);
    await saveSnapshot(key, pyodide.makeMemorySnapshot(), secret);
    return true;
  } catch (error) {
    console.debug('[py-worker-run] no snapshot was cached.', error);
    return false;
  }
}

export async function bootPython(indexURL: string, options: BootOptions): Promise<PythonHost> {
  const key = options.snapshotKey;
  const { shippedURL, shippedVersion, onlyIfFast } = options.shipped ?? {};
  // Both start now, while the loader is fetched.
  const cached = (key && options.cached) || Promise.resolve<CachedSnapshot>({});
  const shipped = shippedURL ? downloadShippedSnapshot(shippedURL, onlyIfFast === true) : undefined;
  const stdlibURL = `${indexURL}python_stdlib.zip`;
  const bootHooks = hookBoot({ wasm: `${indexURL}pyodide.asm.wasm`, stdlib: stdlibURL, lockFile: options.lockFileURL ?? `${indexURL}pyodide-lock.json` }, options.wasmModule);
  const stdlib = new DeferredStdlib(stdlibURL);
  /** Boots from the best snapshot there is, else normally. */
  const loadBest = async () => {
    const { loadPyodide, version } = await importLoader(indexURL);
    const base = {
      indexURL,
      ...(options.lockFileURL ? { lockFileURL: options.lockFileURL } : {}),
      ...(options.packages?.length ? { packages: options.packages } : {}),
    };
    let skipped: string | undefined;
    /** Boots from a snapshot; undefined if that fails (another build, damaged): never the user's problem. */
    const bootFrom = async (source: SnapshotSource, snapshot: Uint8Array | Promise<Uint8Array>) => {
      bootHooks.deferredStdlib = stdlib;
      try {
        options.onRestoring?.(source);
        return await loadPyodide({ ...base, _loadSnapshot: snapshot });
      } catch (error) {
        skipped = `booting from the ${source} snapshot failed (${describeError(error)})`;
        console.info(`[py-worker-run] ${skipped}; booting normally.`);
        return undefined;
      } finally {
        bootHooks.deferredStdlib = undefined;
      }
    };
    let pyodide: Awaited<ReturnType<LoadPyodide>> | undefined;
    let fromSnapshot: SnapshotSource | undefined;
    const { bytes: snapshot, skipped: refused } = await cached;
    skipped = refused;
    if (snapshot) {
      shipped?.cancel();
      pyodide = await bootFrom('cache', new Uint8Array(snapshot));
      if (pyodide) fromSnapshot = 'cache';
      else await deleteSnapshot(key!);
    } else if (shipped) {
      if (shippedVersion && version !== shippedVersion) shipped.cancel(`it was made for Pyodide ${shippedVersion}, not ${version}`);
      else if (await shipped.worthIt) {
        const snapshot = shipped.bytes.then((bytes) => {
          const opened = openSnapshot(bytes);
          bootHooks.onInstance = opened.applyTo;
          return opened.snapshot;
        });
        pyodide = await bootFrom('shipped', snapshot);
        bootHooks.onInstance = undefined;
        if (pyodide) fromSnapshot = 'shipped';
      }
      skipped = shipped.skipped ?? skipped;
    }
    pyodide ??= await loadPyodide(base);
    return { pyodide, fromSnapshot, skipped };
  };
  let loaded: Awaited<ReturnType<typeof loadBest>>;
  try {
    loaded = await Promise.race([loadBest(), bootHooks.failure]);
  } finally {
    bootHooks.restore();
  }
  const { pyodide, fromSnapshot, skipped } = loaded;
  if (fromSnapshot) stdlib.start(pyodide);
  const signalHost = {
    module: (pyodide as unknown as { _module: object })._module,
    setInterruptBuffer: (buffer: Int32Array | undefined) => pyodide.setInterruptBuffer(buffer as Int32Array),
  };
  // The runner handles SIGRTMAX (runner.py, OUTPUT_SIGNAL).
  const ticks = new OutputTicks(signalHost, {
    shared: options.interruptBuffer,
    signal: pyodide.runPython('import signal\nsignal.SIGRTMAX') as number,
    lifeline: options.lifeline,
  });
  const writer = (stream: OutputStream) => ({
    write: (bytes: Uint8Array) => {
      ticks.count(bytes.length);
      options.write(stream, bytes);
      return bytes.length;
    },
  });
  pyodide.setStdout(writer('stdout'));
  pyodide.setStderr(writer('stderr'));
  // After a fatal error the pending run's promise may never settle; this hook is the only word we get.
  (pyodide as unknown as { _api: { on_fatal?: (error: unknown) => void } })._api.on_fatal = (error) =>
    options.onFatal(describeError(error));

  // Each named _py_worker_run…: tracebacks leave out the frames of files so named (errors.py).
  const runnerModule = loadModules(pyodide, [
    ['_py_worker_run_values', valuesSource],
    ['_py_worker_run_interpreter', interpreterSource],
    ['_py_worker_run_stdin', stdinSource],
    ['_py_worker_run_errors', errorsSource],
    ['_py_worker_run', runnerSource],
  ]);
  const runner = runnerModule.run as RunnerFunction;
  const runAwaiting = runnerModule.run_awaiting as PythonFunction;
  const jspi = typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';
  const release = runnerModule.release as PythonFunction;
  const flushStreams = runnerModule._flush_streams as PythonFunction;
  const { owners } = options;
  (runnerModule.install as PythonFunction)(owners, options.display, () => ticks.tick()); // the module's proxy lives as long as the worker
  attributeCallbacks(self as unknown as DedicatedWorkerGlobalScope, owners, {
    after: () => {
      try {
        flushStreams();
      } catch {
        // Python is dead (a fatal error): the page is told and replaces the worker
      }
    },
    report: options.reportCallbackError,
  });

  /** Loads packages, and says which of them did not load and why (Pyodide itself does not throw). */
  async function load(what: string, task: (callbacks: LoadCallbacks) => Promise<unknown>, expected: string[], hooks: RunHooks) {
    const errors: string[] = [];
    try {
      await task({
        messageCallback: (message) => {
          if (message.startsWith('Loading')) hooks.status(`${message}…`);
        },
        errorCallback: (message) => errors.push(message),
      });
    } catch (error) {
      if (isInterrupt(error)) throw error; // a stop or timeout landed in the import scan
      errors.push(describeError(error)); // an unknown name throws; a failed fetch is only reported
    }
    const loaded = new Set(Object.keys(pyodide.loadedPackages).map(normalize));
    const missing = expected.filter((name) => !loaded.has(normalize(packageName(name))));
    if (missing.length > 0 || (expected.length === 0 && errors.length > 0)) {
      const names = missing.length > 0 ? missing.join(', ') : 'the packages it imports';
      throw new PackageError(
        `${what} could not load ${names}: ${errors.join(' ') || 'no such package'}. ` +
          `Check the name (Pyodide's packages are listed in its pyodide-lock.json) or the URL of the .whl file.`,
      );
    }
  }

  return {
    version: pyodide.version,
    fromSnapshot,
    snapshotNeeded: key !== undefined && !fromSnapshot,
    snapshotSkipped: skipped,
    wasmModule: bootHooks.module,
    async run(request, runHooks) {
      let statusShown = false; // a file or package is being loaded: its status is cleared afterwards (most runs load none, and send none)
      const hooks = { ...runHooks, status: (text: string) => ((statusShown = true), runHooks.status(text)) };
      try {
        // Files and packages are unpacked by modules of the standard library; code may import one.
        await stdlib.readyFor(request.files?.length || request.packages?.length ? undefined : request.code);
        if (request.files?.length) await options.files.place(pyodide as unknown as FileSystemHost, request.files, request.maxFileBytes, hooks.status);
        if (request.packages?.length) {
          await load('The packages attribute', (c) => pyodide.loadPackage(request.packages!, c), request.packages, hooks);
        }
        // Only import statements can need a package: code without the word skips the scan.
        if (request.code.includes('import')) {
          await load('The code', (c) => pyodide.loadPackagesFromImports(request.code, c), [], hooks);
        }
      } catch (error) {
        if (error instanceof FileError) return { ok: false, error: { type: RunnerErrorType.file, message: error.message, traceback: '' } };
        if (!(error instanceof PackageError)) throw error;
        return { ok: false, error: { type: RunnerErrorType.package, message: error.message, traceback: '' } };
      }
      if (statusShown) hooks.status('');
      const { stopURL } = request;
      ticks.start(stopURL ? () => !answers(stopURL) : undefined);
      const args = [
        request.id,
        request.code,
        request.context,
        request.filename,
        {
          session: request.session,
          resetSession: request.resetSession,
          stdin: request.stdin,
          askInput: hooks.askInput,
          askInputBlocking: hooks.askInputBlocking,
          preferBlockingInput: hooks.preferBlockingInput,
        },
      ] as const;
      try {
        // run() enters the run's owner itself (a call with stack switching starts after this one returns).
        // Without stack switching, input() waits on shared memory (or cannot wait): a plain call does.
        const outcome = await (jspi ? runner.callPromising(...args) : runner(...args));
        if (outcome) return outcome;
        // Called as its owner: the asyncio steps of code that awaits (and all they schedule) belong to the run.
        const pending = owners.runAs(request.id, () => runAwaiting()) as Promise<RunResult> & { destroy(): void };
        try {
          return await pending;
        } finally {
          pending.destroy();
        }
      } finally {
        ticks.stop();
      }
    },
    release: (id) => release(id),
  };
}

/** Runs our Python sources as modules (in order: each may import the ones before it); returns the last. */
function loadModules(pyodide: PyodideInterface, modules: Array<[name: string, source: string]>): Record<string, unknown> {
  const load = pyodide.runPython(`
def load(name, source):
    import sys, types
    module = types.ModuleType(name)
    module.__file__ = f"{name}.py"
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module
load`) as PythonFunction;
  const loaded = modules.map(([name, source]) => load(name, source) as PythonFunction);
  load.destroy();
  for (const module of loaded.slice(0, -1)) module.destroy();
  return loaded.at(-1) as unknown as Record<string, unknown>;
}

interface LoadCallbacks {
  messageCallback: (message: string) => void;
  errorCallback: (message: string) => void;
}

/** The distribution name of a package given by name or by the URL of its wheel. */
function packageName(nameOrURL: string): string {
  if (!nameOrURL.includes('/')) return nameOrURL;
  const file = nameOrURL.slice(nameOrURL.lastIndexOf('/') + 1);
  return file.split('-')[0] ?? file;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
