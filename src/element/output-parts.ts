import { html, nothing, type TemplateResult } from 'lit';
import type { RunOutcome } from '../runner/outcome.js';
import type { RichItem } from '../shared/protocol.js';

/**
 * HTML ready to show (or why it cannot be), per item, untrusted then trusted: sanitised once, whatever
 * the re-renders. While the chunk loads, the elements showing the item, to render again.
 */
const shownHtml = [new WeakMap<RichItem, string | Error | Set<() => void>>(), new WeakMap<RichItem, string | Error | Set<() => void>>()] as const;
let richHtml: Promise<typeof import('./rich-html.js')> | undefined;

/** HTML or Markdown, sanitised unless `trusted` (the sanitiser and Markdown parser are a chunk of their own); its text until then. */
function htmlPart(item: RichItem, trusted: boolean, rerender: () => void): TemplateResult {
  if (trusted && item.mime === 'text/html') return html`<div part="html" .innerHTML=${item.data}></div>`;
  const cache = shownHtml[trusted ? 1 : 0];
  const shown = cache.get(item);
  if (typeof shown === 'string') return html`<div part="html" .innerHTML=${shown}></div>`;
  if (shown instanceof Error) return html`<pre>${item.text}</pre><p>(Shown as text: the HTML sanitiser could not be loaded: ${shown.message})</p>`;
  if (shown) shown.add(rerender);
  else {
    const waiting = new Set([rerender]);
    cache.set(item, waiting);
    void (richHtml ??= import('./rich-html.js'))
      .then(
        ({ markdownHtml, sanitizeHtml }) => cache.set(item, item.mime === 'text/markdown' ? markdownHtml(item.data, trusted) : sanitizeHtml(item.data)),
        (error: unknown) => cache.set(item, error instanceof Error ? error : new Error(String(error))),
      )
      .then(() => waiting.forEach((again) => again()));
  }
  return html`<pre>${item.text}</pre>`;
}

/** A rich value: HTML or Markdown (sanitised unless the author trusts the code), an image, else its text. */
export function richItem(item: RichItem, allowHtml: boolean, rerender: () => void): TemplateResult {
  switch (item.mime) {
    case 'image/png':
    case 'image/jpeg':
      return html`<img part="image" alt=${item.text} src=${`data:${item.mime};base64,${item.data}`} />`;
    case 'image/svg+xml':
      // As an image, an SVG's scripts do not run.
      return html`<img part="image" alt=${item.text} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(item.data)}`} />`;
    case 'text/html':
    case 'text/markdown':
      return htmlPart(item, allowHtml, rerender);
  }
  return html`<pre>${item.text}</pre>`;
}

/** The last expression's value: rich when it can be, else its repr (nothing for None). */
export function resultPart(outcome: RunOutcome | undefined, allowHtml: boolean, rerender: () => void): TemplateResult | typeof nothing {
  if (outcome?.rich) return html`<div part="result">${richItem(outcome.rich, allowHtml, rerender)}</div>`;
  return outcome?.repr ? html`<pre part="result">${outcome.repr}</pre>` : nothing;
}

/** The field where the reader answers input(). */
export function inputForm(prompt: string, answer: (line: string) => void): TemplateResult {
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const field = (event.target as HTMLFormElement).elements.namedItem('line') as HTMLInputElement;
    answer(field.value);
  };
  return html`<form part="input" @submit=${submit}>
    <label>${prompt || 'Input for the program'} <input part="input-field" name="line" autocomplete="off" /></label>
    <button part="input-button" type="submit">Enter</button>
  </form>`;
}
