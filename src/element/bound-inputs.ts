import type { ReactiveControllerHost } from 'lit';
import { RunInputError } from '../runner/job/outcome.js';
import { describeError } from '../shared/describe-error.js';
import { RunnerErrorType } from '../shared/protocol.js';
import type { InputBinding } from './input-binding.js';

/**
 * An element's `inputs`: the binding (input-binding.ts, a chunk of its own) is loaded when the
 * attribute is first set, and runs wait for it, and for the page's controls to be parsed.
 */
export class BoundInputs {
  #binding: InputBinding | undefined;
  #loading: Promise<void> | undefined;
  #failure: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly text: () => string | undefined,
    private readonly onChange: () => void,
  ) {}

  /** The attribute changed. */
  update(): void {
    if (this.#binding) this.#binding.set(this.text());
    else if (this.text()) {
      this.#loading ??= import('./input-binding.js').then(
        ({ InputBinding }) => {
          this.#binding = new InputBinding(this.host, this.onChange);
          this.#binding.set(this.text());
        },
        (error: unknown) => {
          this.#failure = `The inputs attribute could not load its code (${describeError(error)}): check that the files beside the bundle are served.`;
        },
      );
    }
  }

  /** What a run must wait for before it reads the values, if anything. */
  pending(): Promise<void> | undefined {
    if (!this.text() || this.#failure) return undefined;
    if (!this.#binding) return this.#loading;
    // Controls further down a page still being parsed are not there yet.
    if (document.readyState === 'loading') return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
    return undefined;
  }

  /** The controls' values by Python name (undefined without inputs); throws a RunInputError saying what is wrong. */
  values(): Record<string, unknown> | undefined {
    if (!this.text()) return undefined;
    if (this.#failure) throw new RunInputError(RunnerErrorType.input, this.#failure);
    try {
      return this.#binding?.values();
    } catch (error) {
      throw new RunInputError(RunnerErrorType.input, (error as Error).message);
    }
  }
}
