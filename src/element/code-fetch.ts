import { RunInputError } from '../runner/outcome.js';
import { describeError } from '../shared/describe-error.js';
import { RunnerErrorType } from '../shared/protocol.js';
import { dedent } from '../runner/run-input.js';

/** The code named by `src`: ready once fetched, with the code or why it could not be had. */
export interface FetchedSource {
  ready: Promise<void>;
  code?: string;
  error?: string;
  /** SourceError, or RunTimeoutError / RunStoppedError when the fetch was given up (a new run fetches again). */
  errorType?: string;
}

/** Fetches the code at `url`, giving up when `stop` aborts or after `timeoutMs`, as a run would. */
export function fetchCode(url: string, stop: AbortSignal, timeoutMs: number | undefined): FetchedSource {
  const source: FetchedSource = { ready: Promise.resolve() };
  const signal = timeoutMs === undefined ? stop : AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
  source.ready = fetch(url, { signal })
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
  return source;
}

/** An element's `src`: the code fetched from it; a run after a fetch given up fetches again. */
export class SourceLoader {
  #source: FetchedSource | undefined;

  constructor(private readonly onLoaded: () => void) {}

  /** Fetches `src` (none: the element's own code is run). */
  load(src: string | undefined, stop: AbortSignal, timeoutMs: number | undefined): void {
    if (!src) {
      this.#source = undefined;
      return;
    }
    const source = fetchCode(new URL(src, document.baseURI).href, stop, timeoutMs);
    void source.ready.then(() => {
      if (this.#source === source) this.onLoaded();
    });
    this.#source = source;
  }

  /** The fetched code ('' until it is fetched, or if it could not be); undefined without `src`. */
  get code(): string | undefined {
    return this.#source && (this.#source.code ?? '');
  }

  get pending(): boolean {
    return this.#source !== undefined && this.#source.code === undefined && this.#source.error === undefined;
  }

  get failed(): boolean {
    return this.#source?.error !== undefined;
  }

  /** Given up at a timeout or a stop: the next run fetches again. */
  get givenUp(): boolean {
    const type = this.#source?.errorType;
    return type === RunnerErrorType.timeout || type === RunnerErrorType.stopped;
  }

  /** Resolves when the fetch in progress ends; undefined when none is in progress. */
  get ready(): Promise<void> | undefined {
    return this.pending ? this.#source!.ready : undefined;
  }

  /** Throws why the code could not be fetched, as the run's error. */
  check(): void {
    if (this.#source?.error) throw new RunInputError(this.#source.errorType ?? RunnerErrorType.source, this.#source.error);
  }
}
