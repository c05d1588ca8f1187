/**
 * In WebKit, `worker.terminate()` does not stop a worker that is running WebAssembly: a stopped or
 * timed-out Python loop on a page without shared memory kept its thread spinning, a core's worth of
 * CPU each. The page gives each worker a `blob:` URL and revokes it when it terminates the worker;
 * Python, while it runs, checks now and then (from its signal checks, see OutputTicks) that the URL
 * still answers a synchronous request, which needs no shared memory, and unwinds when it does not.
 */

/** How often running Python checks that the page still wants this worker. */
export const LIFELINE_MS = 200;

function answers(url: string): boolean {
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

/**
 * A check that throws WorkerTerminated once the page has revoked `url`; undefined where the URL
 * cannot be read even now (a Content-Security-Policy without blob: in connect-src), so no check.
 */
export function lifelineCheck(url: string): (() => void) | undefined {
  if (!answers(url)) return undefined;
  return () => {
    if (!answers(url)) throw new WorkerTerminated('the page terminated this worker');
  };
}
