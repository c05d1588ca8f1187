import { INPUT_BUFFER_BYTES, PROTOCOL_VERSION, type BootRequest, type FromWorker, type ToWorker } from '../../shared/protocol.js';
import { describeError } from '../../shared/describe-error.js';
import type { CachedSnapshot } from '../../shared/snapshot-cache.js';
import { startFailure, type LoadFailure } from './load-messages.js';

/** A started worker and the page's end of its private channel. */
export interface WorkerConnection {
  worker: Worker;
  /** Python can post to the worker's global scope, never to this port: only it is listened to. */
  port: MessagePort;
  /** Where the page writes 2 to interrupt Python (cross-origin isolated pages only). */
  interruptBuffer: Int32Array | undefined;
  /** Where the page writes a line for a blocked input() (cross-origin isolated pages only). */
  inputBuffer: SharedArrayBuffer | undefined;
  /** Terminates the worker, and revokes its lifeline so that Python still running in it ends too (WebKit). */
  terminate(): void;
}

export interface ConnectionHandlers {
  onMessage: (message: FromWorker) => void;
  /** The worker failed (its script, or a message that could not be read); `failure` when it said why it could not start. */
  onFailure: (detail: string, failure?: LoadFailure) => void;
}

type BootOptions = Omit<BootRequest, 'type' | 'interruptBuffer' | 'inputBuffer' | 'lifeline'>;

/**
 * Boots `worker`: its first message is the boot request carrying a MessagePort, over which all later
 * messages travel. With `snapshot.cache`, the page then reads the cached snapshot, checks its
 * signature with `secret` (which the worker never sees), and sends it.
 */
export function connectWorker(worker: Worker, boot: BootOptions, secret: string | undefined, handlers: ConnectionHandlers): WorkerConnection {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event: MessageEvent<FromWorker>) => handlers.onMessage(event.data);
  channel.port1.onmessageerror = () => handlers.onFailure('a message from the worker could not be read');
  worker.addEventListener('error', (event) => {
    handlers.onFailure(event.message || 'the worker script failed', startFailure(event.error));
  });
  // Interrupting running Python, and input() without stack switching, need memory shared with the worker.
  const isolated = globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function';
  const interrupt = isolated ? new SharedArrayBuffer(4) : undefined;
  const inputBuffer = isolated ? new SharedArrayBuffer(8 + INPUT_BUFFER_BYTES) : undefined;
  const snapshot = boot.snapshot && { ...boot.snapshot, cache: boot.snapshot.cache && secret !== undefined };
  const lifeline = URL.createObjectURL(new Blob());
  const request: ToWorker = { ...boot, type: 'boot', snapshot, interruptBuffer: interrupt, inputBuffer, lifeline };
  worker.postMessage(request, [channel.port2]);
  if (snapshot?.cache) void sendCachedSnapshot(channel.port1, boot.indexURL, secret!);
  const terminate = () => {
    worker.terminate();
    URL.revokeObjectURL(lifeline);
  };
  return { worker, port: channel.port1, interruptBuffer: interrupt && new Int32Array(interrupt), inputBuffer, terminate };
}

async function sendCachedSnapshot(port: MessagePort, indexURL: string, secret: string): Promise<void> {
  let cached: CachedSnapshot;
  try {
    // A chunk of its own in the CDN bundle (as snapshot-policy.ts's use of it).
    const { loadSnapshot, snapshotKey } = await import('../../shared/snapshot-cache.js');
    cached = await loadSnapshot(snapshotKey(indexURL, PROTOCOL_VERSION), secret);
  } catch (error) {
    cached = { skipped: `the snapshot cache's code could not be loaded (${describeError(error)})` };
  }
  const { bytes, skipped } = cached;
  const message: ToWorker = { type: 'cached-snapshot', ...(bytes ? { bytes } : {}), ...(skipped ? { skipped } : {}) };
  port.postMessage(message, bytes ? [bytes] : []); // a closed port (a replaced worker) drops it
}
