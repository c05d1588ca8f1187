/**
 * Messages between the page and the one shared Pyodide worker.
 * Both sides import only this module from each other, so it must stay free of DOM and worker globals.
 */

/** Bumped whenever a message changes shape; two bundles on one page share a worker only if it matches. */
export const PROTOCOL_VERSION = 5;

export type OutputStream = 'stdout' | 'stderr';

/** A failure as plain data: Python exceptions, and the runner's own failures (with an empty traceback). */
export interface RunError {
  /** The Python exception's class name, or one of {@link RunnerErrorType}. */
  type: string;
  message: string;
  /** The formatted Python traceback, trimmed to the user's frames; empty for the runner's own failures. */
  traceback: string;
}

/** Failures that are not Python exceptions. */
export const RunnerErrorType = {
  /** Pyodide could not be loaded (wrong URL, offline, wrong version). */
  load: 'PyodideLoadError',
  /** The `context` attribute or property was unusable. */
  context: 'ContextError',
  /** The worker died, crashed (a fatal Pyodide error) or could not start. */
  worker: 'WorkerError',
  /** The run took longer than its timeout. */
  timeout: 'RunTimeoutError',
  /** The run was stopped by `stop()` or the Stop button, or its element was removed. */
  stopped: 'RunStoppedError',
  /** An attribute or argument was unusable (e.g. `timeout="soon"`, no code). */
  input: 'InputError',
  /** A package named in `packages`, or imported by the code, could not be loaded. */
  package: 'PackageError',
  /** The code named by `src` could not be fetched. */
  source: 'SourceError',
  /** A file named by `files` (or `configure({ files })`) could not be fetched, was too large, or could not be unpacked. */
  file: 'FileError',
} as const;

/** A file a run needs in Python's file system, written before the run (once per worker). */
export interface FileRequest {
  /** Absolute URL. */
  url: string;
  /** Where it goes, relative to the working directory or absolute; for an archive, the folder it is unpacked into ('' for the working directory). */
  path: string;
  /** Unpack the archive instead of writing it: its format (`zip`, `tar.gz`…). */
  unpack?: string;
}

/** The size beyond which a file is refused (`configure({ maxFileBytes })`). */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A value shown richly: an image, HTML or Markdown (sanitised by the page unless the author trusts the code). */
export interface RichItem {
  /** `text/html`, `text/markdown`, `image/svg+xml`, `image/png` or `image/jpeg`. */
  mime: string;
  /** Base64 for PNG and JPEG; the text itself for SVG and HTML. */
  data: string;
  /** The value's repr(), for copying and for assistive technology. */
  text: string;
}

/** Text kept per stream and run; older text is dropped (and counted) beyond it. */
export const OUTPUT_LIMIT_CHARS = 200_000;

export interface RunRequest {
  type: 'run';
  id: number;
  code: string;
  /** Each key becomes a Python global and is readable with `from js import KEY` during this run. */
  context: Record<string, unknown> | undefined;
  /** The name the code carries in tracebacks, e.g. `<py-worker-run>`. */
  filename: string;
  /** Packages to load first: names from Pyodide's lock file, or absolute URLs of .whl files. */
  packages?: string[];
  /** Runs of one session share one Python namespace. */
  session?: string;
  /** Forget the session's namespace instead of running code. */
  resetSession?: boolean;
  /** Text served to input() and sys.stdin; undefined: ask the page for each line (see `input-request`). */
  stdin?: string;
  /** Whether the page can answer input() interactively (an element on screen can; asyncRun cannot). */
  interactiveInput?: boolean;
  /** Files written into Python's file system before the run (the page's, then the element's). */
  files?: FileRequest[];
  /** A file larger than this is refused. */
  maxFileBytes?: number;
  /**
   * A `blob:` URL the page revokes to stop this run (pages without shared memory, where the worker
   * said it can read one): running Python checks it now and then, and raises KeyboardInterrupt once it is gone.
   */
  stopURL?: string;
}

export interface InputReply {
  type: 'input-reply';
  id: number;
  /** The line the user entered (without its newline); null: end of input. */
  text: string | null;
}

export interface BootRequest {
  type: 'boot';
  /** Absolute URL of the folder holding pyodide.mjs (a blob-URL worker cannot resolve relative ones). */
  indexURL: string;
  /** One Int32 on a SharedArrayBuffer (cross-origin isolated pages only): the page writes 2 to interrupt. */
  interruptBuffer?: SharedArrayBuffer;
  /** Packages to load while Pyodide boots (`configure({ packages })`). */
  packages?: string[];
  /** Files to start fetching while Pyodide boots (`configure({ files })`); each run that needs them waits for them. */
  files?: FileRequest[];
  maxFileBytes?: number;
  /** Absolute URL of a pyodide-lock.json to use instead of the one beside pyodide.mjs. */
  lockFileURL?: string;
  /**
   * Shared memory for lines of input() (cross-origin isolated pages only): Int32 [state, byte length
   * or -1 for end of input], then the UTF-8 bytes from offset 8. The worker waits on `state` with Atomics.
   */
  inputBuffer?: SharedArrayBuffer;
  /** Use `inputBuffer` even where WebAssembly stack switching (JSPI) could wait for the line. */
  preferAtomicsInput?: boolean;
  /** Where Python may boot from a memory snapshot (undefined: always a normal boot). */
  snapshot?: SnapshotChoice;
  /** Pyodide's wasm as an earlier worker of the page compiled it: instantiated as it is, neither fetched nor compiled again. */
  wasmModule?: WebAssembly.Module;
  /**
   * A blob: URL the page revokes when it terminates this worker, which running Python checks where
   * terminate() alone does not stop it (WebKit). The worker also tells by it whether it can read the
   * page's blob: URLs at all (a run's `stopURL`).
   */
  lifeline?: string;
}

/** The memory snapshots a boot may use, tried in this order. */
export interface SnapshotChoice {
  /**
   * Boot from a snapshot in Cache Storage, and have one kept there after a normal boot. The page reads
   * and checks it (the worker cannot: it runs user code, which must not hold the signing secret) and
   * sends it in a `cached-snapshot` message.
   */
  cache: boolean;
  /** Absolute URL of the compressed snapshot shipped with the bundle (made by `npm run build` in Chromium). */
  shippedURL?: string;
  /** The same made in WebKit, for engines that restore only that one (see engine-snapshot.ts); none: WebKit boots without. */
  shippedWebKitURL?: string;
  /** The Pyodide version the shipped snapshot was made from: not fetched for another. */
  shippedVersion?: string;
  /** Give the shipped snapshot up when its first bytes show the network too slow for it to pay off. */
  onlyIfFast?: boolean;
}

/** Which snapshot Python booted from, if any. */
export type SnapshotSource = 'cache' | 'shipped';

/** Bytes of one line of input() that fit in the shared input buffer. */
export const INPUT_BUFFER_BYTES = 64 * 1024;

/**
 * Asks a separate, short-lived worker to boot Pyodide only to cache a memory snapshot of it. It runs
 * no user code, so it alone is given the secret that signs the snapshot.
 */
export interface MakeSnapshotRequest {
  type: 'make-snapshot';
  indexURL: string;
  lockFileURL?: string;
  secret: string;
}

/** The page's answer to `snapshot.cache`: the cached snapshot, checked, or none (and why). */
export interface CachedSnapshotMessage {
  type: 'cached-snapshot';
  bytes?: ArrayBuffer;
  skipped?: string;
}

/**
 * The page no longer shows what run `id` left behind (its element ran again, or was removed; an
 * asyncRun settled): its timers and asyncio tasks are cancelled and its late output dropped.
 */
export interface ReleaseRequest {
  type: 'release';
  id: number;
}

/**
 * The boot request comes as the worker's first message, carrying a MessagePort; everything else
 * travels over that port, which Python cannot reach (it can post to the worker's global scope).
 */
export type ToWorker = BootRequest | RunRequest | InputReply | MakeSnapshotRequest | CachedSnapshotMessage | ReleaseRequest;

export interface ReadyMessage {
  type: 'ready';
  pyodideVersion: string;
  /** The memory snapshot Python booted from; null: a normal boot. */
  snapshot: SnapshotSource | null;
  /** Milliseconds from the boot request to Python being ready. */
  bootMs: number;
  /** Snapshots are on but none was cached: the page may have one made in the background. */
  snapshotNeeded: boolean;
  /** Why a snapshot that was tried was not booted from (too slow a network, damaged…); null otherwise. */
  snapshotSkipped: string | null;
  /** The worker can read `blob:` URLs (the page's policy allows it), so a run's `stopURL` can stop it. */
  stoppable: boolean;
  /** The wasm module this worker compiled, for the page's later workers (none: it was given one, or the engine cannot send it). */
  wasmModule?: WebAssembly.Module;
}

/** The snapshot worker is done (whether or not a snapshot was cached). */
export interface SnapshotDoneMessage {
  type: 'snapshot-done';
  saved: boolean;
}

/** The worker starts restoring a memory snapshot: if it dies or fails before it is ready, the snapshot is to blame. */
export interface RestoringMessage {
  type: 'restoring';
  snapshot: SnapshotSource;
}

export interface BootErrorMessage {
  type: 'boot-error';
  message: string;
  /** What the page's Content Security Policy must allow, when that is what stopped the boot. */
  csp?: string;
}

/**
 * Text one stream received, after `dropped` characters of it that were dropped because the run wrote
 * faster than they can be shown; or a value the code passed to display() (or a matplotlib figure).
 */
export type OutputSegment = { stream: OutputStream; text: string; dropped: number } | { display: RichItem };

export interface OutputMessage {
  type: 'output';
  id: number;
  /** In the order written: a run that alternates stdout, stderr and display() sends them in one message. */
  segments: OutputSegment[];
}

export interface ResultMessage {
  type: 'result';
  id: number;
  /** The last expression converted to plain JS data; `undefined` where it cannot be converted. */
  value: unknown;
  /** `repr()` of the last expression; empty when it is `None`. */
  repr: string;
  /** The last expression shown richly, when it can be. */
  rich?: RichItem;
  /** Set when the run changed the interpreter beyond repair (closed a standard stream…): the page replaces the worker. */
  restart?: string;
}

/** What the run is doing besides running code, e.g. "Loading numpy". */
export interface StatusMessage {
  type: 'status';
  id: number;
  text: string;
}

/** input() wants a line: the page answers with an `input-reply`, or through the shared input buffer. */
export interface InputRequest {
  type: 'input-request';
  id: number;
  prompt: string;
  /** 'atomics': the worker is blocked on the shared input buffer and must be answered there. */
  via: 'message' | 'atomics';
}

export interface ErrorMessage {
  type: 'error';
  id: number;
  error: RunError;
  restart?: string;
}

/** Pyodide hit a fatal error: this worker is unusable and must be replaced. */
export interface CrashedMessage {
  type: 'crashed';
  /** The run whose code was executing (a leftover's timer runs as its run); 0: none. */
  id: number;
  /** The run whose own code had begun and not yet ended (it may be awaiting); 0: none. A run that had not begun is not to blame. */
  begun: number;
  message: string;
}

export type FromWorker =
  | ReadyMessage
  | RestoringMessage
  | BootErrorMessage
  | OutputMessage
  | ResultMessage
  | ErrorMessage
  | CrashedMessage
  | StatusMessage
  | InputRequest
  | SnapshotDoneMessage;
