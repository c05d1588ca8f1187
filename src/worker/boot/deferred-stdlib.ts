/**
 * A boot from a memory snapshot finds the modules Python had imported already in memory; it needs the
 * standard library's zip (2.5 MB) only for a module it imports later. So Pyodide gets an empty zip at
 * boot instead of waiting for it, the real one is fetched once Python has booted (not competing with
 * the wasm and the snapshot for the network) and written where Pyodide keeps it.
 *
 * Python's zip importer read the real zip's table of contents before the snapshot was taken, so once
 * the file is written, imports find it. Until then, a run that imports a module not yet imported waits
 * for it (`readyFor`), and an import the code does not show (`__import__`, `exec`) fetches it at once,
 * synchronously: a worker may. If that fails, the import raises an ImportError naming the URL.
 */
import { describeError } from '../../shared/describe-error.js';

/** An empty zip: only its end-of-directory record. */
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

/** The parts of Pyodide this needs. */
export interface StdlibHost {
  FS: { writeFile(path: string, data: Uint8Array): void };
  runPython(code: string): unknown;
}

type Guard = ((install: (name: string) => void) => { toJs(): [path: string, installed: PyCallable, missing: PyCallable]; destroy(): void }) & {
  destroy(): void;
};
type PyCallable = ((...args: unknown[]) => unknown) & { destroy(): void };

/**
 * Python: a finder first on sys.meta_path that calls `install` at the first import of a module of the
 * standard library (as the zip's table of contents, read before the snapshot, lists them), then steps
 * aside; `installed()` takes it away once the zip is written; `missing(code)` names what code imports
 * that is not imported yet.
 */
const GUARD = `
def guard(install):
    import sys, zipimport
    from pyodide.code import find_imports

    path = next(entry for entry in sys.path if entry.endswith(".zip"))
    names = frozenset(key.split("/")[0].split(".")[0] for key in zipimport._zip_directory_cache.get(path, ()))

    class AwaitStandardLibrary:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name.partition(".")[0] in names and AwaitStandardLibrary in sys.meta_path:
                try:
                    install(name)
                except Exception as error:
                    raise ImportError(str(error).removeprefix("Error: "), name=name) from None
            return None

    def installed():
        if AwaitStandardLibrary in sys.meta_path:
            sys.meta_path.remove(AwaitStandardLibrary)
        if zipimport._zip_directory_cache.get(path) == {}:
            del zipimport._zip_directory_cache[path]  # read from the placeholder: read the real zip

    def missing(code):
        return [name for name in find_imports(code) if name not in sys.modules]

    sys.meta_path.insert(0, AwaitStandardLibrary)
    return path, installed, missing
guard`;

export class DeferredStdlib {
  readonly #url: string;
  #failure: string | undefined;
  #arrived: Promise<void> | undefined;
  #install: ((bytes: Uint8Array) => void) | undefined;
  #installed = false;
  #missing: ((code: string) => string[]) | undefined;

  constructor(url: string) {
    this.#url = url;
  }

  /** What Pyodide's fetch of the zip gets while it boots from a snapshot. */
  placeholder(): Response {
    return new Response(EMPTY_ZIP, { headers: { 'Content-Type': 'application/zip' } });
  }

  /** Python has booted with the placeholder: guards its imports, and starts the download. */
  start(pyodide: StdlibHost): void {
    const guard = pyodide.runPython(GUARD) as Guard;
    const result = guard((name) => this.#installNow(name));
    const [path, installed, missing] = result.toJs();
    result.destroy();
    guard.destroy();
    this.#install = (bytes) => {
      pyodide.FS.writeFile(path, bytes);
      this.#installed = true;
      installed();
      installed.destroy();
      missing.destroy();
    };
    this.#missing = (code) => {
      const names = missing(code) as { toJs(): string[]; destroy(): void };
      try {
        return names.toJs();
      } finally {
        names.destroy();
      }
    };
    this.#arrived = fetch(this.#url)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${this.#url} answered ${response.status} ${response.statusText}`.trim());
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (!this.#installed) this.#install?.(bytes);
      })
      .catch((error: unknown) => {
        this.#failure = describeError(error);
      });
  }

  /** Resolves when `code` can run: at once if every module it imports is imported already. Without code, when the zip is installed. */
  async readyFor(code?: string): Promise<void> {
    if (this.#installed || !this.#arrived) return;
    if (code !== undefined && (!code.includes('import') || this.#missing?.(code).length === 0)) return;
    await this.#arrived;
  }

  /** An import that cannot wait: installs the zip now, fetching it synchronously if it has not arrived. */
  #installNow(name: string): void {
    if (this.#installed || !this.#install) return;
    console.debug(`[py-worker-run] importing ${name} before the standard library arrived: fetching it synchronously.`);
    const request = new XMLHttpRequest();
    request.open('GET', this.#url, false);
    request.responseType = 'arraybuffer';
    try {
      request.send();
    } catch (error) {
      this.#failure ??= describeError(error);
    }
    if (request.status === 200) return this.#install(new Uint8Array(request.response as ArrayBuffer));
    throw new Error(`Python's standard library could not be fetched from ${this.#url} (${this.#failure ?? `HTTP ${request.status}`}), so ${name} cannot be imported`);
  }
}
