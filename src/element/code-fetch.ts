import { RunInputError } from '../runner/job/outcome.js';
import { describeError } from '../shared/describe-error.js';
import { RunnerErrorType } from '../shared/protocol.js';
import type { FetchedSource } from './fetch-code.js';

/** The chunk that fetches code, once any element has asked for it. */
let fetcher: Promise<typeof import('./fetch-code.js')> | undefined;

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
    const url = new URL(src, document.baseURI).href;
    const source: FetchedSource = { ready: Promise.resolve() };
    // One import for every element: their code then arrives in the order they asked (cells of a session
    // given data: URLs, as the Markdown plugins write them, run in the page's order).
    fetcher ??= import('./fetch-code.js');
    source.ready = fetcher.then(
      ({ fetchCode }) => fetchCode(source, url, stop, timeoutMs),
      (error: unknown) => {
        fetcher = undefined; // a later src tries again
        source.error = `The code of ${url} could not be fetched: the bundle's code that fetches it could not be loaded (${describeError(error)}). Serve the bundle's other files beside it (every dist/py-worker-run-*.js).`;
      },
    );
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
