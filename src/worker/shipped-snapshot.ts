/**
 * Downloads the gzipped memory snapshot shipped beside the bundle. It saves about a second and a
 * half of booting, but is several megabytes on top of Pyodide's own files: on a slow network it
 * would cost more than it saves, so its first bytes decide whether the rest is worth fetching.
 */
import { describeError } from '../shared/describe-error.js';
import { MIN_SNAPSHOT_BYTES } from './snapshot-cache.js';

/** The speed check: the first PROBE_BYTES must arrive within PROBE_MS of the request (≈ 34 Mbit/s). */
export const PROBE_BYTES = 1024 * 1024;
export const PROBE_MS = 250;

export interface ShippedDownload {
  /** Resolves true when the download goes on, false when it was given up (too slow, or failed): boot normally. */
  readonly worthIt: Promise<boolean>;
  /** The snapshot, decompressed; rejects if the download or the decompression fails. */
  readonly bytes: Promise<Uint8Array>;
  cancel(reason: string): void;
}

/** Whether `received` bytes after `elapsedMs` (or the whole file, `done`) pass the speed check. */
export function fastEnough(received: number, elapsedMs: number, done: boolean): boolean | undefined {
  if (received >= PROBE_BYTES || done) return elapsedMs <= PROBE_MS;
  return elapsedMs > PROBE_MS ? false : undefined;
}

/** Starts the download now; with `onlyIfFast`, gives it up if the speed check fails. */
export function downloadShippedSnapshot(url: string, onlyIfFast: boolean): ShippedDownload {
  const controller = new AbortController();
  const started = performance.now();
  let settleWorth: (worth: boolean) => void = () => undefined;
  const worthIt = new Promise<boolean>((resolve) => (settleWorth = resolve));
  if (!onlyIfFast) settleWorth(true); // boot from it at once, fetching it alongside Pyodide's files
  const cancel = (reason: string) => {
    console.debug(`[py-worker-run] not using the shipped snapshot ${url}: ${reason}.`);
    settleWorth(false);
    controller.abort();
  };

  /** `promise`'s value, or undefined if the speed check's time runs out first (never, without the check). */
  const inTime = <T>(promise: Promise<T>): Promise<T | undefined> => {
    if (!onlyIfFast) return promise;
    const timeLeft = Math.max(0, PROBE_MS - (performance.now() - started));
    return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, timeLeft))]);
  };
  const giveUp = (reason: string) => {
    cancel(reason);
    return new Error('given up');
  };

  const bytes = (async () => {
    const response = await inTime(fetch(url, { signal: controller.signal }));
    if (!response) throw giveUp(`no answer within ${PROBE_MS} ms`);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.getReader();
    const head: Uint8Array[] = [];
    let received = 0;
    let done = false;
    // Read the first bytes, timing them, unless every byte is wanted whatever the speed.
    let reading: Promise<ReadableStreamReadResult<Uint8Array>> | undefined; // kept across a timeout: no chunk is lost
    while (onlyIfFast) {
      reading ??= reader.read();
      const chunk = await inTime(reading);
      if (chunk) {
        reading = undefined;
        if (chunk.value) {
          head.push(chunk.value);
          received += chunk.value.length;
        }
        done = chunk.done;
      }
      const verdict = fastEnough(received, performance.now() - started, done);
      if (verdict === undefined) continue;
      if (!verdict) {
        void reader.cancel();
        throw giveUp(`too slow a network (${received} bytes in ${PROBE_MS} ms)`);
      }
      break;
    }
    settleWorth(true);
    const rest = new ReadableStream<Uint8Array>({
      start(stream) {
        for (const chunk of head) stream.enqueue(chunk);
        if (done) stream.close();
      },
      async pull(stream) {
        const { value, done: end } = await reader.read();
        if (end) stream.close();
        else stream.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    });
    const decompressed = rest.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
    const snapshot = new Uint8Array(await new Response(decompressed).arrayBuffer());
    if (snapshot.length < MIN_SNAPSHOT_BYTES) throw new Error(`only ${snapshot.length} bytes, too small to be a snapshot`);
    return snapshot;
  })();
  bytes.catch((error: unknown) => {
    if (!controller.signal.aborted) cancel(describeError(error));
  });
  return { worthIt, bytes, cancel };
}
