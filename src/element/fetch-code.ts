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
  if (url.startsWith('data:')) return Promise.resolve(readDataURL(source, url));
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

/**
 * The code of a data: URL (what the Markdown plugins write), decoded here rather than fetched, so a
 * page's connect-src need not allow data:; taken exactly as it is, not dedented.
 */
function readDataURL(source: FetchedSource, url: string): void {
  const comma = url.indexOf(',');
  const data = url.slice(comma + 1);
  try {
    if (comma < 0) throw new Error('it has no comma before the code');
    source.code = /;base64$/i.test(url.slice(0, comma))
      ? new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(data), (char) => char.charCodeAt(0)))
      : decodeURIComponent(data);
  } catch (error) {
    source.error = `The src attribute holds a data: URL that is not valid UTF-8 text in base64 or percent-encoding (${describeError(error)}). Write the code in the element, or let the Markdown plugin write the URL.`;
  }
}
