/**
 * Shows the text of an output stream in a `<pre>` as blocks of whole lines, appending what arrives
 * instead of replacing the text: the browser lays out only what changed, and (with
 * `content-visibility: auto`) only the blocks in view. Replacing a 200,000-character text on every
 * output message made a print flood hold the main thread for up to 190 ms at a time.
 */
const BLOCK_CHARS = 4096;

export class StreamView {
  #host: HTMLElement | undefined;
  #shown = '';
  #last: Text | undefined;
  readonly #lines = new WeakMap<Text, number>();

  /** Makes `host` show `text`: appends when `text` continues what is shown, else starts over. */
  show(host: HTMLElement, text: string): void {
    if (host !== this.#host || !text.startsWith(this.#shown)) {
      this.#host = host;
      this.#shown = '';
      this.#last = undefined;
      host.replaceChildren();
    }
    this.#append(text.slice(this.#shown.length));
    this.#shown = text;
  }

  #append(text: string): void {
    let rest = text;
    while (rest) {
      let last = this.#last;
      if (!last || (last.length >= BLOCK_CHARS && last.data.endsWith('\n'))) {
        const block = document.createElement('div');
        block.className = 'lines';
        last = this.#last = block.appendChild(document.createTextNode(''));
        this.#host!.append(block);
      }
      // Fill the block up to its size, then to the end of that line: a line never spans two blocks.
      const room = BLOCK_CHARS - last.length;
      const lineEnd = rest.length <= room ? -1 : rest.indexOf('\n', Math.max(0, room - 1));
      const take = lineEnd < 0 ? rest.length : lineEnd + 1;
      const part = rest.slice(0, take);
      last.appendData(part);
      rest = rest.slice(take);
      // The height a block not yet laid out is given (then its last laid-out height): about one line per newline.
      const lines = (this.#lines.get(last) ?? 1) + part.split('\n').length - 1;
      this.#lines.set(last, lines);
      last.parentElement!.style.containIntrinsicBlockSize = `auto ${lines * 1.2}em`;
    }
  }
}
