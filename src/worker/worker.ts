/**
 * The shared worker's entry: owns Pyodide and runs one request at a time.
 * The page's first message (boot) hands over a MessagePort; everything else travels over that port,
 * which user code cannot reach: what Python posts to the worker's global scope goes nowhere.
 * The message handler is installed before anything is awaited, so nothing sent during boot is lost.
 */
import { cspAdvice, WASM_ADVICE } from '../shared/csp.js';
import { describeError } from '../shared/describe-error.js';
import { tableKeepsFunctionIdentity } from '../shared/engine-snapshot.js';
import { answers, lifelineCheck } from './output/lifeline.js';
import type { BootRequest, FromWorker, RunRequest, ToWorker } from '../shared/protocol.js';
import { PROTOCOL_VERSION, RunnerErrorType } from '../shared/protocol.js';
import { snapshotKey, type CachedSnapshot } from '../shared/snapshot-cache.js';
import { OutputBatcher } from './output/output-batcher.js';
import { bootPython, isFatal, isInterrupt, makeSnapshot, type PythonHost } from './python-host.js';
import { RunOwners } from './run/run-owner.js';
import { FileStore } from './run/file-store.js';
import { refusedRequest } from './run/request-checks.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The CDN bundle's worker is a classic one: a page of an opaque origin (a sandboxed iframe) can start
// only a classic worker from a blob: URL. Pyodide refuses a classic worker, which it tells by a working
// importScripts, though it loads its own scripts with import(), which a classic worker has too. So
// importScripts is hidden there, as a module worker has none that works.
try {
  scope.importScripts();
  Object.defineProperty(scope, 'importScripts', { value: undefined });
} catch {
  // a module worker (the npm build's, and the dev server's)
}
let port: MessagePort | undefined;
const post = (message: FromWorker) => port?.postMessage(message);

const owners = new RunOwners();
const files = new FileStore();
/** Output is sent as the run it belongs to, and only while the page still shows that run's leftovers. */
const output = new OutputBatcher((owner, segments) => {
  if (owners.isLive(owner)) post({ type: 'output', id: owner, segments });
});
let python: Promise<PythonHost> | undefined;
let interrupt: Int32Array | undefined;
let inputBuffer: SharedArrayBuffer | undefined;
let preferAtomicsInput = false;
/** Runs waiting for a line of input, by run id. */
const inputWaiting = new Map<number, (text: string | null) => void>();
let settleCached: (cached: CachedSnapshot) => void = () => undefined;

// `close()` would end this worker without a word to the page. Replaced on the prototype too, so no
// reference to the real one is left for Python to call.
const refuseClose = () => {
  throw new Error('close() is not available in py-worker-run: the worker is shared by the whole page.');
};
for (const target of [Object.getPrototypeOf(scope) as object, scope]) {
  Object.defineProperty(target, 'close', { value: refuseClose, writable: false, configurable: false });
}
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'make-snapshot') {
    // A worker of its own, which runs no user code: it answers on its global scope.
    const { indexURL, lockFileURL, secret } = message;
    void makeSnapshot(indexURL, snapshotKey(indexURL, PROTOCOL_VERSION), secret, lockFileURL).then((saved) =>
      scope.postMessage({ type: 'snapshot-done', saved } satisfies FromWorker),
    );
  } else if (message.type === 'boot' && !port && event.ports[0]) {
    port = event.ports[0];
    port.onmessage = (portEvent: MessageEvent<ToWorker>) => onMessage(portEvent.data);
    scope.onmessage = null;
    onMessage(message);
  }
};

function onMessage(message: ToWorker): void {
  switch (message.type) {
    case 'boot':
      if (!python) {
        interrupt = message.interruptBuffer && new Int32Array(message.interruptBuffer);
        inputBuffer = message.inputBuffer;
        preferAtomicsInput = message.preferAtomicsInput === true;
        files.prefetch(message.files, message.maxFileBytes);
        python = boot(message);
        python.catch(() => undefined); // reported to the page as 'boot-error'
      }
      break;
    case 'cached-snapshot':
      settleCached(message);
      break;
    case 'run':
      owners.begin(message.id);
      queue = queue.then(() => run(message));
      break;
    case 'release':
      owners.release(message.id);
      void python?.then((host) => host.release(message.id)).catch(() => undefined);
      break;
    case 'input-reply':
      inputWaiting.get(message.id)?.(message.text);
      inputWaiting.delete(message.id);
      break;
  }
}

// An exception thrown in a callback (a Python function called from a JS timer, say) is the
// program's output, not a crash: show it on stderr (as the run it belongs to) and keep the worker.
const encoder = new TextEncoder();
const writeError = (text: string) => output.write(owners.current, 'stderr', encoder.encode(`${text}\n`));
scope.addEventListener('error', (event) => {
  event.preventDefault();
  writeError(event.error instanceof Error ? event.error.message : event.message);
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  writeError(`Unhandled rejection: ${describeError(event.reason)}`);
});

/** What the page's Content Security Policy blocked in this worker (it inherits the page's policy). */
let cspBlocked: string | undefined;
scope.addEventListener('securitypolicyviolation', (event) => {
  // A policy that blocks the lifeline (connect-src without blob:) only turns that check off.
  if (event.effectiveDirective !== 'connect-src' || !event.blockedURI.startsWith('blob')) cspBlocked ??= cspAdvice(event);
});

/** An empty module: compiling it fails at once where the policy forbids WebAssembly (Pyodide would hang instead). */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

async function boot({ indexURL, packages, lockFileURL, snapshot, lifeline, wasmModule }: BootRequest): Promise<PythonHost> {
  const started = performance.now();
  /** JavaScriptCore restores only a snapshot made in WebKit, and keeps running a terminated worker's WebAssembly. */
  let javaScriptCore: boolean;
  try {
    new WebAssembly.Module(EMPTY_WASM);
    // A module with code: WebKit's policy lets the empty one through, and this one fails there instead.
    javaScriptCore = !tableKeepsFunctionIdentity();
  } catch (error) {
    post({ type: 'boot-error', message: describeError(error), csp: WASM_ADVICE });
    throw error;
  }
  // A Content-Security-Policy without blob: in connect-src forbids it: then runs cannot be stopped by URL.
  const readsBlobs = lifeline !== undefined && answers(lifeline);
  try {
    const host = await bootPython(indexURL, {
      owners,
      files,
      packages,
      lockFileURL,
      wasmModule,
      snapshotKey: snapshot?.cache ? snapshotKey(indexURL, PROTOCOL_VERSION) : undefined,
      cached: snapshot?.cache ? new Promise((resolve) => (settleCached = resolve)) : undefined,
      shipped: snapshot && { ...snapshot, shippedURL: javaScriptCore ? snapshot.shippedWebKitURL : snapshot.shippedURL },
      onRestoring: (source) => post({ type: 'restoring', snapshot: source }),
      write: (stream, bytes) => output.write(owners.current, stream, bytes),
      display: (owner, item) => output.display(owner, item),
      reportCallbackError: (error) => writeError(describeError(error)),
      onFatal: (message) => {
        output.flush();
        post({ type: 'crashed', id: owners.current, begun: owners.begun, message });
      },
      interruptBuffer: interrupt,
      lifeline: readsBlobs && javaScriptCore ? lifelineCheck(lifeline!) : undefined,
    });
    const ready: FromWorker = {
      type: 'ready',
      pyodideVersion: host.version,
      snapshot: host.fromSnapshot ?? null,
      bootMs: performance.now() - started,
      snapshotNeeded: host.snapshotNeeded,
      snapshotSkipped: host.snapshotSkipped ?? null,
      stoppable: readsBlobs,
    };
    try {
      post(wasmModule ? ready : { ...ready, wasmModule: host.wasmModule });
    } catch {
      post(ready); // an engine that cannot send a compiled module: later workers compile their own
    }
    return host;
  } catch (error) {
    post({ type: 'boot-error', message: describeError(error), ...(cspBlocked ? { csp: cspBlocked } : {}) });
    throw error;
  }
}

async function run(request: RunRequest): Promise<void> {
  if (!python) {
    post({ type: 'error', id: request.id, error: workerError('the worker got a run before it was told where Pyodide is') });
    return;
  }
  let host: PythonHost;
  try {
    host = await python;
  } catch {
    return; // the boot error has been reported; the page replaces this worker
  }
  const { id } = request;
  const refused = refusedRequest(request);
  if (refused) {
    post({ type: 'error', id, error: refused });
    return;
  }
  owners.running(id);
  try {
    const result = await host.run(request, {
      askInput: request.interactiveInput
        ? (prompt) => {
            output.flush();
            post({ type: 'input-request', id, prompt, via: 'message' });
            return new Promise((resolve) => inputWaiting.set(id, resolve));
          }
        : undefined,
      askInputBlocking: request.interactiveInput && inputBuffer ? (prompt) => waitForLine(inputBuffer!, id, prompt) : undefined,
      preferBlockingInput: preferAtomicsInput,
      status: (text) => post({ type: 'status', id, text }),
    });
    output.flush();
    const restart = result.restart ? { restart: result.restart } : {};
    if (result.ok) post({ type: 'result', id, value: result.value, repr: result.repr, rich: result.rich, ...restart });
    else post({ type: 'error', id, error: result.error, ...restart });
  } catch (error) {
    output.flush();
    if (isFatal(error)) post({ type: 'crashed', id, begun: owners.begun, message: describeError(error) });
    // Interrupted outside the user's code (the import scan, the runner's set-up): still a stop or timeout.
    else if (isInterrupt(error)) post({ type: 'error', id, error: { type: 'KeyboardInterrupt', message: '', traceback: '' } });
    else post({ type: 'error', id, error: workerError(describeError(error)) });
  } finally {
    owners.running(0);
  }
}

/** Asks the page for a line and blocks until it is written into the shared input buffer. */
function waitForLine(buffer: SharedArrayBuffer, id: number, prompt: string): string | null {
  const header = new Int32Array(buffer, 0, 2);
  Atomics.store(header, 0, 0);
  output.flush();
  post({ type: 'input-request', id, prompt, via: 'atomics' });
  Atomics.wait(header, 0, 0);
  const length = Atomics.load(header, 1);
  // TextDecoder does not read shared memory: copy the bytes out first.
  return length < 0 ? null : new TextDecoder().decode(new Uint8Array(buffer, 8, length).slice());
}

function workerError(message: string) {
  return { type: RunnerErrorType.worker, message, traceback: '' };
}
