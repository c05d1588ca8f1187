/**
 * The shared worker's entry: owns Pyodide and runs one request at a time.
 * The message handler is installed before anything is awaited, so nothing sent during boot is lost.
 */
import { describeError } from '../shared/describe-error.js';
import type { BootRequest, FromWorker, RunRequest, ToWorker } from '../shared/protocol.js';
import { PROTOCOL_VERSION, RunnerErrorType } from '../shared/protocol.js';
import { OutputBatcher } from './output-batcher.js';
import { bootPython, isFatal, makeSnapshot, type PythonHost } from './python-host.js';
import { snapshotKey } from './snapshot-cache.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let currentRunId = -1;
const output = new OutputBatcher((stream, text, dropped) => post({ type: 'output', id: currentRunId, stream, text, dropped }));
let python: Promise<PythonHost> | undefined;
let interrupt: Int32Array | undefined;
let inputBuffer: SharedArrayBuffer | undefined;
let preferAtomicsInput = false;
/** Runs waiting for a line of input, by run id. */
const inputWaiting = new Map<number, (text: string | null) => void>();

// `js.close()` would end this worker without a word to the page; refuse it instead.
scope.close = () => {
  throw new Error('close() is not available in py-worker-run: the worker is shared by the whole page.');
};
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'boot':
      if (!python) {
        interrupt = message.interruptBuffer && new Int32Array(message.interruptBuffer);
        inputBuffer = message.inputBuffer;
        preferAtomicsInput = message.preferAtomicsInput === true;
        python = boot(message);
        python.catch(() => undefined); // reported to the page as 'boot-error'
      }
      break;
    case 'run':
      queue = queue.then(() => run(message));
      break;
    case 'make-snapshot':
      void makeSnapshot(message.indexURL, snapshotKey(message.indexURL, PROTOCOL_VERSION), message.lockFileURL).then((saved) =>
        post({ type: 'snapshot-done', saved }),
      );
      break;
    case 'input-reply':
      inputWaiting.get(message.id)?.(message.text);
      inputWaiting.delete(message.id);
      break;
  }
};

// An exception thrown in a callback (a Python function called from a JS timer, say) is the
// program's output, not a crash: show it on stderr and keep the worker. Only uncancelled
// errors reach the page, which then replaces the worker.
const encoder = new TextEncoder();
scope.addEventListener('error', (event) => {
  event.preventDefault();
  output.write('stderr', encoder.encode(`${event.error instanceof Error ? event.error.message : event.message}\n`));
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  output.write('stderr', encoder.encode(`Unhandled rejection: ${describeError(event.reason)}\n`));
});

async function boot({ indexURL, packages, lockFileURL, snapshot }: BootRequest): Promise<PythonHost> {
  const started = performance.now();
  try {
    const host = await bootPython(indexURL, {
      packages,
      lockFileURL,
      snapshotKey: snapshot?.cache ? snapshotKey(indexURL, PROTOCOL_VERSION) : undefined,
      shipped: snapshot,
      write: (stream, bytes) => output.write(stream, bytes),
      onFatal: (message) => {
        output.flush();
        post({ type: 'crashed', id: currentRunId, message });
      },
      interruptBuffer: interrupt,
    });
    post({
      type: 'ready',
      pyodideVersion: host.version,
      snapshot: host.fromSnapshot ?? null,
      bootMs: performance.now() - started,
      snapshotNeeded: host.snapshotNeeded,
      snapshotSkipped: host.snapshotSkipped ?? null,
    });
    return host;
  } catch (error) {
    post({ type: 'boot-error', message: describeError(error) });
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
  currentRunId = request.id;
  // An interrupt meant for an earlier run that ended before it landed must not hit this one.
  if (interrupt) Atomics.store(interrupt, 0, 0);
  try {
    const { id } = request;
    const result = await host.run(request, {
      display: (item) => {
        output.flush();
        post({ type: 'display', id, item });
      },
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
    if (result.ok) post({ type: 'result', id, value: result.value, repr: result.repr, rich: result.rich });
    else post({ type: 'error', id: request.id, error: result.error });
  } catch (error) {
    output.flush();
    if (isFatal(error)) post({ type: 'crashed', id: request.id, message: describeError(error) });
    else post({ type: 'error', id: request.id, error: workerError(describeError(error)) });
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
