import { html, nothing, type TemplateResult } from 'lit';
import { until } from 'lit/directives/until.js';
import type { RunOutcome } from '../runner/outcome.js';
import type { RichItem } from '../shared/protocol.js';

/** HTML ready to show, per item, untrusted then trusted (sanitising is done once, whatever the re-renders). */
const shownHtml = [new WeakMap<RichItem, Promise<TemplateResult>>(), new WeakMap<RichItem, Promise<TemplateResult>>()] as const;

/** HTML or Markdown, sanitised unless `trusted` (the sanitiser and Markdown parser are a chunk of their own); its text meanwhile. */
function htmlPart(item: RichItem, trusted: boolean): unknown {
  if (trusted && item.mime === 'text/html') return html`<div part="html" .innerHTML=${item.data}></div>`;
  const cache = shownHtml[trusted ? 1 : 0];
  let shown = cache.get(item);
  if (!shown) {
    shown = import('./rich-html.js').then(
      ({ markdownHtml, sanitizeHtml }) =>
        html`<div part="html" .innerHTML=${item.mime === 'text/markdown' ? markdownHtml(item.data, trusted) : sanitizeHtml(item.data)}></div>`,
      (error: unknown) => html`<pre>${item.text}</pre><p>(Shown as text: the HTML sanitiser could not be loaded: ${String(error)}.)</p>`,
    );
    cache.set(item, shown);
  }
  return until(shown, html`<pre>${item.text}</pre>`);
}

/** A rich value: HTML or Markdown (sanitised unless the author trusts the code), an image, else its text. */
export function richItem(item: RichItem, allowHtml: boolean): unknown {
  switch (item.mime) {
    case 'image/png':
    case 'image/jpeg':
      return html`<img part="image" alt=${item.text} src=${`data:${item.mime};base64,${item.data}`} />`;
    case 'image/svg+xml':
      // As an image, an SVG's scripts do not run.
      return html`<img part="image" alt=${item.text} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(item.data)}`} />`;
    case 'text/html':
    case 'text/markdown':
      return htmlPart(item, allowHtml);
  }
  return html`<pre>${item.text}</pre>`;
}

/** The last expression's value: rich when it can be, else its repr (nothing for None). */
export function resultPart(outcome: RunOutcome | undefined, allowHtml: boolean): TemplateResult | typeof nothing {
  if (outcome?.rich) return html`<div part="result">${richItem(outcome.rich, allowHtml)}</div>`;
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
