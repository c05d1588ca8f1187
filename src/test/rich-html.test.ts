import { expect, html, waitUntil } from '@open-wc/testing';
import { mount, partText, useLocalPyodide } from './helpers.js';
import type { PyWorkerRun } from '../index.js';

useLocalPyodide();

declare global {
  interface Window {
    pwned?: string[];
  }
}

/** Each vector, if it ran, appends its name to window.pwned. */
const HOSTILE = [
  `<script>(window.pwned ||= []).push("script")</script>`,
  `<img src="/no-such-image.png" onerror="(window.pwned ||= []).push('img onerror')">`,
  `<a id="js-link" href="javascript:(window.pwned ||= []).push('javascript url')">link</a>`,
  `<style>:host { display: none !important }</style>`,
  `<form action="https://example.com/steal"><input name="secret"><button>Send</button></form>`,
  `<base href="https://example.com/">`,
  `<meta http-equiv="refresh" content="0;url=https://example.com/">`,
  `<svg onload="(window.pwned ||= []).push('svg onload')"><script>(window.pwned ||= []).push("svg script")</script>`,
  `<foreignObject><iframe srcdoc="<script>parent.pwned = ['iframe']</script>"></iframe></foreignObject></svg>`,
  `<div id="overlay" style="position: fixed; inset: 0; background: red">covering the page</div>`,
  `<b class="kept">kept</b>`,
].join('\n');

const HOSTILE_CELL = `
class Hostile:
    def _repr_html_(self):
        return ${JSON.stringify(HOSTILE)}
    def __repr__(self):
        return "Hostile()"
Hostile()`;

function shownHtml(el: PyWorkerRun): HTMLElement | null {
  return el.shadowRoot!.querySelector('[part~="html"]');
}

describe('rich HTML and Markdown', () => {
  afterEach(() => delete window.pwned);

  it('shows _repr_html_ sanitised by default: no vector survives, nothing reaches beyond the output', async () => {
    const { el, outcome } = await mount(html`<py-worker-run .code=${HOSTILE_CELL}></py-worker-run>`);
    expect((await outcome).detail.repr).to.equal('Hostile()');
    await waitUntil(() => shownHtml(el), 'the sanitised HTML is shown', { timeout: 30_000 });
    const shown = shownHtml(el)!;
    expect(shown.querySelector('b.kept')!.textContent).to.equal('kept');
    expect(shown.querySelector('script, style, link, base, meta, form, input, button, iframe, foreignObject')).to.equal(null);
    const withHandlers = [...shown.querySelectorAll('*')].filter((node) => [...node.attributes].some((a) => a.name.startsWith('on')));
    expect(withHandlers.map((node) => node.outerHTML)).to.deep.equal([]);
    expect(shown.querySelector('#js-link')!.getAttribute('href')).to.equal(null);
    (shown.querySelector('#js-link') as HTMLAnchorElement).click();
    expect(getComputedStyle(el).display).to.equal('block');
    // Positioned content stays inside the output's box instead of covering the page.
    const box = shown.getBoundingClientRect();
    const overlay = shown.querySelector('#overlay')!.getBoundingClientRect();
    expect(overlay.width <= box.width && overlay.top >= box.top - 1, JSON.stringify({ box, overlay })).to.equal(true);
    await new Promise((resolve) => requestAnimationFrame(resolve)); // an image error or load event would have fired by now
    expect(window.pwned).to.equal(undefined);
  });

  it('shows it as written with allow-html (the trusted path): the same vectors are live there', async () => {
    const { el, outcome } = await mount(html`<py-worker-run allow-html .code=${HOSTILE_CELL}></py-worker-run>`);
    await outcome;
    const shown = shownHtml(el)!;
    expect(shown.querySelector('form input[name="secret"]')).to.not.equal(null);
    expect(shown.querySelector('img')!.getAttribute('onerror')).to.contain('img onerror');
    // Its <style> restyles the element itself: what the sanitised path keeps out.
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('renders Markdown from _repr_markdown_ and py_worker_run.Markdown, sanitised', async () => {
    const code = `
from py_worker_run import Markdown, HTML, display
display(Markdown("# Title\\n\\n**bold** and [a link](javascript:alert(1))\\n\\n<img src=x onerror=alert(1)>\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |"))
display(HTML("<i>italic</i>"))
class Note:
    def _repr_markdown_(self):
        return "*note*"
Note()`;
    const { el, outcome } = await mount(html`<py-worker-run .code=${code}></py-worker-run>`);
    const { type, detail } = await outcome;
    expect(type, detail.message).to.equal('py-result');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="html"]').length === 3, 'three rendered parts', { timeout: 30_000 });
    const [markdown, italic, note] = el.shadowRoot!.querySelectorAll('[part~="html"]');
    expect(markdown!.querySelector('h1')!.textContent).to.equal('Title');
    expect(markdown!.querySelector('strong')!.textContent).to.equal('bold');
    expect(markdown!.querySelector('a')!.getAttribute('href')).to.equal(null);
    expect(markdown!.querySelector('img')!.getAttribute('onerror')).to.equal(null);
    expect(markdown!.querySelectorAll('table td').length).to.equal(2);
    expect(italic!.querySelector('i')!.textContent).to.equal('italic');
    expect(note!.closest('[part~="result"]')).to.not.equal(null);
    expect(note!.querySelector('em')!.textContent).to.equal('note');
    expect(partText(el, 'stdout')).to.equal('');
  });
});
