import { html, nothing, type TemplateResult } from 'lit';
import type { RunOutcome } from '../runner/outcome.js';
import type { RichItem } from '../shared/protocol.js';

/** A rich value: an image, HTML where the author allowed it, else its text. */
export function richItem(item: RichItem, allowHtml: boolean): TemplateResult {
  switch (item.mime) {
    case 'image/png':
    case 'image/jpeg':
      return html`<img part="image" alt=${item.text} src=${`data:${item.mime};base64,${item.data}`} />`;
    case 'image/svg+xml':
      // As an image, an SVG's scripts do not run.
      return html`<img part="image" alt=${item.text} src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(item.data)}`} />`;
    case 'text/html':
      // Only where the author allowed it: the page trusts this code with its DOM.
      if (allowHtml) return html`<div part="html" .innerHTML=${item.data}></div>`;
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
