import { html, nothing, type TemplateResult } from 'lit';
import type { RunOutcome } from '../runner/job/outcome.js';
import type { RichItem } from '../shared/protocol.js';
import { describeError } from '../shared/describe-error.js';
import { refusedByTrustedTypes, TRUSTED_TYPES_ADVICE } from '../runner/start/load-messages.js';

/**
 * HTML ready to show (or why it cannot be), per item, untrusted then trusted: its nodes, made once
 * whatever the re-renders (Lit leaves a node it already shows in place). While the chunk loads, the
 * elements showing the item, to render again.
 */
type Shown = HTMLElement | Error | Set<() => void>;
const shownHtml = [new WeakMap<RichItem, Shown>(), new WeakMap<RichItem, Shown>()] as const;
let richHtml: Promise<typeof import('./rich-html.js')> | undefined;

function htmlHolder(): HTMLElement {
  const holder = document.createElement('div');
  holder.setAttribute('part', 'html');
  return holder;
}

/**
 * HTML the author trusts, as written. A page that enforces Trusted Types refuses the string: it then
 * goes through the element's policy (a chunk of its own), or is shown as text if the page does not
 * allow the policy.
 */
function trustedHtml(markup: string): HTMLElement | Promise<HTMLElement | Error> {
  const holder = htmlHolder();
  try {
    holder.innerHTML = markup;
    return holder;
  } catch (error) {
    if (!refusedByTrustedTypes(error)) throw error;
  }
  return import('../runner/start/trusted-types.js')
    .catch(() => undefined)
    .then((policy) => (policy?.showTrustedHtml(holder, markup) ? holder : new Error(`this page's Content Security Policy ${TRUSTED_TYPES_ADVICE}`)));
}

/** HTML or Markdown, sanitised unless `trusted` (the sanitiser and Markdown parser are a chunk of their own); its text until then. */
function htmlPart(item: RichItem, trusted: boolean, rerender: () => void): TemplateResult {
  const cache = shownHtml[trusted ? 1 : 0];
  /** Trusted HTML the page's Trusted Types refused: it is shown once through the policy's chunk. */
  let refused: Promise<HTMLElement | Error> | undefined;
  if (trusted && item.mime === 'text/html' && !cache.has(item)) {
    const holder = trustedHtml(item.data); // at once, unless the page's Trusted Types refuse it
    if (holder instanceof HTMLElement) cache.set(item, holder);
    else refused = holder;
  }
  const shown = cache.get(item);
  if (shown instanceof HTMLElement) return html`${shown}`;
  if (shown instanceof Error) return html`<pre>${item.text}</pre><p>(Shown as text: ${shown.message}.)</p>`;
  if (shown) shown.add(rerender);
  else {
    const waiting = new Set([rerender]);
    cache.set(item, waiting);
    const show = async (): Promise<HTMLElement | Error> => {
      let chunk: typeof import('./rich-html.js');
      try {
        chunk = await (richHtml ??= import('./rich-html.js'));
      } catch (error) {
        return new Error(`the HTML sanitiser could not be loaded: ${describeError(error)}`);
      }
      const markup = item.mime === 'text/markdown' ? chunk.markdownToHtml(item.data) : item.data;
      if (trusted) return trustedHtml(markup);
      const holder = htmlHolder();
      holder.append(chunk.sanitizedHtml(markup));
      return holder;
    };
    void (refused ?? show()).then((nodes) => {
      cache.set(item, nodes);
      waiting.forEach((again) => again());
    });
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
