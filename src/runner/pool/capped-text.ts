import { OUTPUT_LIMIT_CHARS } from '../../shared/protocol.js';

/** The text of one output stream, keeping about the last `limit` characters and counting the rest. */
export class CappedText {
  #text = '';
  #dropped = 0;

  readonly #limit: number;

  constructor(limit = OUTPUT_LIMIT_CHARS) {
    this.#limit = limit;
  }

  append(chunk: string, droppedBefore = 0): void {
    this.#dropped += droppedBefore;
    this.#text += chunk;
    // Trimming only at a quarter over the limit keeps the copying proportional to what arrives.
    if (this.#text.length > this.#limit * 1.25) {
      this.#dropped += this.#text.length - this.#limit;
      this.#text = this.#text.slice(-this.#limit);
    }
  }

  /** The kept text, after a line saying how much was dropped, if any was. */
  toString(): string {
    if (this.#dropped === 0) return this.#text;
    return `[… ${this.#dropped.toLocaleString('en-US')} earlier characters of output were dropped …]\n${this.#text}`;
  }
}
