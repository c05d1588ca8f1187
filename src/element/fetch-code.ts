// The code of an element's `src`, fetched: a chunk of its own in the CDN bundle, loaded by the first
// element that has a `src` (most pages have none).
import { describeError } from '../shared/describe-error.js';
import { RunnerErrorType } from '../shared/protocol.js';
import { dedent } from '../runner/job/run-input.js';

/** The code named by `src`: ready once fetched, with the code or why it could not be had. */
export interface FetchedSource {
  ready: Promise<void>;
  code?: string;
  error?: string;
  /** SourceError, or RunTimeoutError / RunStoppedError when the fetch was given up (a new run fetches again). */
  errorType?: string;
}

/** Fetches the code at `url` into `source`, giving up when `stop` aborts or after `timeoutMs`, as a run would; never rejects. */
export function fetchCode(source: FetchedSource, url: string, stop: AbortSignal, timeoutMs: number | undefined): Promise<void> {
  const signal = timeoutMs === undefined ? stop : AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
  return fetch(url, { signal })
    .then(async (response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
      source.code = dedent(await response.text());
    })
    .catch((error: unknown) => {
      if (stop.aborted) {
        source.errorType = RunnerErrorType.stopped;
        source.error = `Loading the code from ${url} was stopped.`;
      } else if (signal.aborted) {
        source.errorType = RunnerErrorType.timeout;
        source.error = `The code could not be loaded from ${url} within the timeout of ${timeoutMs! / 1000} s. Check the src URL and its server, or raise the timeout.`;
      } else {
        source.error = `The code could not be loaded from ${url} (${describeError(error)}). Check the src attribute: it is a URL relative to the page.`;
      }
    });
}
