/**
 * The shared worker's entry: owns Pyodide and runs one request at a time.
 * The message handler is installed before anything is awaited, so nothing sent during boot is lost.
 */
import { describeError } from '../shared/describe-error.js';
import type { BootRequest, FromWorker, RunRequest, ToWorker } from '../shared/protocol.js';
import { RunnerErrorType } from '../shared/protocol.js';
import { OutputBatcher } from './output-batcher.js';
import { bootPython, isFatal, type PythonHost } from './python-host.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let currentRunId = -1;
const output = new OutputBatcher((stream, text, dropped) => post({ type: 'output', id: currentRunId, stream, text, dropped }));
let python: Promise<PythonHost> | undefined;
let interrupt: Int32Array | undefined;
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
        python = boot(message);
        python.catch(() => undefined); // reported to the page as 'boot-error'
      }
      break;
    case 'run':
      queue = queue.then(() => run(message));
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

async function boot({ indexURL, packages, lockFileURL }: BootRequest): Promise<PythonHost> {
  try {
    const host = await bootPython(indexURL, {
      packages,
      lockFileURL,
      write: (stream, bytes) => output.write(stream, bytes),
      onFatal: (message) => {
        output.flush();
        post({ type: 'crashed', id: currentRunId, message });
      },
      interruptBuffer: interrupt,
    });
    post({ type: 'ready', pyodideVersion: host.version });
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
            post({ type: 'input-request', id, prompt });
            return new Promise((resolve) => inputWaiting.set(id, resolve));
          }
        : undefined,
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

function workerError(message: string) {
  return { type: RunnerErrorType.worker, message, traceback: '' };
}
