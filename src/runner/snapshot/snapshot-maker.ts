import type { FromWorker, ToWorker } from '../../shared/protocol.js';

/**
 * A short-lived second worker boots Pyodide only to cache a memory snapshot, so later boots are fast
 * and the reader never waits for one to be made. It runs no user code, so it alone gets the secret
 * that signs the snapshot.
 */
export function makeSnapshotInBackground(
  createWorker: () => Worker,
  timeoutMs: number,
  { indexURL, secret, lockFileURL }: { indexURL: string; secret: string; lockFileURL?: string | undefined },
): void {
  let maker: Worker;
  try {
    maker = createWorker();
  } catch {
    return;
  }
  const done = () => {
    clearTimeout(timer);
    maker.terminate();
  };
  const timer = setTimeout(done, timeoutMs);
  maker.addEventListener('message', (event: MessageEvent<FromWorker>) => event.data.type === 'snapshot-done' && done());
  maker.addEventListener('error', done);
  maker.postMessage({ type: 'make-snapshot', indexURL, secret, ...(lockFileURL ? { lockFileURL } : {}) } satisfies ToWorker);
}
