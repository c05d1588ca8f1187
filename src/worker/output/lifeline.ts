/**
 * How the page reaches running Python without shared memory: through `blob:` URLs it revokes, which
 * Python, while it runs, checks now and then (from its signal checks, see OutputTicks) with a
 * synchronous request.
 * - A run's stop URL: revoked by stop() or a timeout; Python then raises KeyboardInterrupt, so the
 *   worker, other elements' sessions and imported modules are kept (as with shared memory).
 * - The worker's lifeline: in WebKit, `worker.terminate()` does not stop a worker that is running
 *   WebAssembly (a replaced worker's loop kept a core's worth of CPU). The page revokes the lifeline
 *   when it terminates the worker, and Python unwinds with an error it cannot catch.
 */

/** How often running Python checks its URLs. */
export const LIFELINE_MS = 200;

/** Whether `url` still answers: false once the page has revoked it (or where the page's policy forbids reading it). */
export function answers(url: string): boolean {
  try {
    const request = new XMLHttpRequest();
    request.open('GET', url, false);
    request.send();
    return request.status === 200;
  } catch {
    return false;
  }
}

/** Thrown through Python's WebAssembly frames (it cannot be caught in Python): the worker was terminated. */
export class WorkerTerminated extends Error {
  override name = 'WorkerTerminated';
}

/** A check that throws WorkerTerminated once the page has revoked `url` (one that answered when the worker started). */
export function lifelineCheck(url: string): () => void {
  return () => {
    if (!answers(url)) throw new WorkerTerminated('the page terminated this worker');
  };
}
