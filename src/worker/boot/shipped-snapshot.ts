/**
 * Downloads the memory snapshot shipped beside the bundle (compressed: snapshot-delta.ts). It saves about a second and a
 * half of booting, but is several megabytes on top of Pyodide's own files: on a slow network it
 * would cost more than it saves, so its first bytes decide whether the rest is worth fetching.
 */
import { describeError } from '../../shared/describe-error.js';
import { MIN_SNAPSHOT_BYTES } from '../../shared/snapshot-cache.js';
import { decompressSnapshot } from './snapshot-delta.js';

/**
 * The speed check: the first PROBE_BYTES must come within PROBE_MS of waiting for the network
 * (≈ 4 Mbit/s). Only time spent waiting for bytes counts, not time the worker was too busy to read
 * them: on a busy CPU the bytes queue up and the waits are short. The snapshot (3.3 MB) costs about
 * 0.8 MB more than the standard library a boot from it no longer waits for (deferred-stdlib.ts), and
 * saves 1.5 s of booting here: it pays off down to about 4 Mbit/s.
 */
export const PROBE_BYTES = 128 * 1024;
export const PROBE_MS = 250;
/** How long the response may take to start (latency, not bandwidth: a busy CPU delays it too). */
export const RESPONSE_MS = 1000;

export interface ShippedDownload {
  /** Resolves true when the download goes on, false when it was given up (too slow, or failed): boot normally. */
  readonly worthIt: Promise<boolean>;
  /** The snapshot file, decompressed (snapshot-delta.ts opens it); rejects if the download or the decompression fails. */
  readonly bytes: Promise<Uint8Array>;
  /** Why it was given up, once it was (a reason is logged with console.info). */
  readonly skipped: string | undefined;
  /** Gives it up; without a reason, quietly (another snapshot is used). */
  cancel(reason?: string): void;
}

/** Whether `received` bytes after waiting `waitedMs` for them (or the whole file, `done`) pass the speed check. */
export function fastEnough(received: number, waitedMs: number, done: boolean): boolean | undefined {
  if (received >= PROBE_BYTES || done) return waitedMs <= PROBE_MS;
  return waitedMs > PROBE_MS ? false : undefined;
}

/** Starts the download now; with `onlyIfFast`, gives it up if the speed check fails. */
export function downloadShippedSnapshot(url: string, onlyIfFast: boolean): ShippedDownload {
  const controller = new AbortController();
  let settleWorth: (worth: boolean) => void = () => undefined;
  const worthIt = new Promise<boolean>((resolve) => (settleWorth = resolve));
  if (!onlyIfFast) settleWorth(true); // boot from it at once, fetching it alongside Pyodide's files
  let skipped: string | undefined;
  const cancel = (reason?: string) => {
    if (reason && !controller.signal.aborted) {
      skipped = reason;
      console.info(`[py-worker-run] not using the shipped snapshot ${url}: ${reason}.`);
    }
    settleWorth(false);
    controller.abort();
  };

  /** `promise`'s value, or undefined if `ms` run out first. */
  const inTime = <T>(promise: Promise<T>, ms: number): Promise<T | undefined> =>
    Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, Math.max(0, ms)))]);
  const giveUp = (reason: string) => {
    cancel(reason);
    return new Error(reason);
  };

  const bytes = (async () => {
    const fetching = fetch(url, { signal: controller.signal });
    const response = onlyIfFast ? await inTime(fetching, RESPONSE_MS) : await fetching;
    if (!response) throw giveUp(`no response within ${RESPONSE_MS} ms`);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const reader = response.body.getReader();
    const head: Uint8Array[] = [];
    let received = 0;
    let waited = 0;
    let done = false;
    let reading: Promise<ReadableStreamReadResult<Uint8Array>> | undefined; // kept across a timeout: no chunk is lost
    // Read the first bytes: enough to tell how it is compressed, and with the speed check enough to time the network.
    while (!done) {
      const start = performance.now();
      reading ??= reader.read();
      const chunk = onlyIfFast ? await inTime(reading, PROBE_MS - waited) : await reading;
      waited += performance.now() - start;
      if (chunk) {
        reading = undefined;
        if (chunk.value) head.push(chunk.value);
        received += chunk.value?.length ?? 0;
        done = chunk.done;
      }
      if (!onlyIfFast) {
        if (received >= 4) break;
        continue;
      }
      const verdict = fastEnough(received, waited, done);
      if (verdict === undefined) continue;
      if (!verdict) {
        void reader.cancel();
        throw giveUp(`too slow a network (${received} bytes in ${Math.round(waited)} ms of waiting)`);
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
    const start = new Uint8Array(head.flatMap((chunk) => [...chunk.subarray(0, 4)]).slice(0, 4));
    const snapshot = await decompressSnapshot(start, rest);
    if (snapshot.length < MIN_SNAPSHOT_BYTES) throw new Error(`only ${snapshot.length} bytes, too small to be a snapshot`);
    return snapshot;
  })();
  bytes.catch((error: unknown) => cancel(describeError(error)));
  return {
    worthIt,
    bytes,
    get skipped() {
      return skipped;
    },
    cancel,
  };
}
