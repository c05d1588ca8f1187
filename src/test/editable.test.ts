// editable: the code in a CodeMirror editor (loaded on demand), run with Ctrl+Enter or Run, left
// with Escape, reset with Reset; edits survive re-renders and re-runs; the error line is marked.
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../index.js';
import { press, typeText } from './engine.js';
import { element, mount, nextOutcome, part, useLocalPyodide } from './helpers.js';

async function editorOf(el: PyWorkerRun): Promise<HTMLElement> {
  await waitUntil(() => el.shadowRoot!.querySelector('.cm-content'), 'the editor loads', { timeout: 30_000 });
  return el.shadowRoot!.querySelector<HTMLElement>('.cm-content')!;
}

const editorText = (content: HTMLElement) => [...content.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n');

describe('editable', () => {
  before(useLocalPyodide);

  it('shows the code with Python highlighting, a Run and a Reset button', async () => {
    const { el, outcome } = await mount(html`<py-worker-run editable>import math\nmath.floor(2.5)</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(2);
    const content = await editorOf(el);
    expect(editorText(content)).to.equal('import math\nmath.floor(2.5)');
    expect(content.getAttribute('aria-label')).to.equal('Python code');
    const keyword = [...content.querySelectorAll('span')].find((span) => span.textContent === 'import')!;
    expect(getComputedStyle(keyword).color, 'keywords are coloured').not.to.equal(getComputedStyle(content).color);
    expect(part(el, 'run-button')?.textContent).to.equal('Run');
    expect((part(el, 'reset-button') as HTMLButtonElement).disabled, 'nothing to reset yet').to.equal(true);
  });

  it('runs the edited code with Ctrl+Enter, leaves with Escape, and goes back with Reset', async () => {
    const { el, outcome } = await mount(html`<py-worker-run editable manual>1 + 1</py-worker-run>`);
    void outcome;
    const content = await editorOf(el);
    content.focus();
    await press('End', 'Control');
    await typeText(' + 40');
    expect(editorText(content)).to.equal('1 + 1 + 40');
    const result = nextOutcome(el);
    await press('Enter', 'Control');
    expect((await result).detail.value).to.equal(42);

    await press('Escape');
    expect(el.shadowRoot!.activeElement, 'Escape moves focus to the Run button').to.equal(part(el, 'run-button'));

    const reset = part(el, 'reset-button') as HTMLButtonElement;
    expect(reset.disabled).to.equal(false);
    reset.click();
    expect(editorText(content)).to.equal('1 + 1');
    expect(reset.disabled).to.equal(true);
    const again = nextOutcome(el);
    (part(el, 'run-button') as HTMLButtonElement).click();
    expect((await again).detail.value).to.equal(2);
  });

  it('keeps the edits when the element re-renders and re-runs', async () => {
    const { el, outcome } = await mount(html`<py-worker-run editable>from js import n\nn</py-worker-run>`);
    el.context = { n: 1 };
    await outcome;
    const content = await editorOf(el);
    content.focus();
    await press('End', 'Control');
    await typeText(' * 10');
    const rerun = nextOutcome(el);
    el.context = { n: 5 }; // a change of context re-runs (and re-renders) the element
    expect((await rerun).detail.value, 'the re-run used the edited code').to.equal(50);
    expect(editorText(content)).to.equal('from js import n\nn * 10');
    expect(el.code, 'the author\'s code is unchanged').to.equal('from js import n\nn');
  });

  it('removes the editor and Reset when editable is turned off, and brings the edits back when turned on', async () => {
    const { el, outcome } = await mount(html`<py-worker-run editable manual>"a"</py-worker-run>`);
    void outcome;
    let content = await editorOf(el);
    content.focus();
    await press('End', 'Control');
    await typeText(' * 2');
    el.editable = false;
    await el.updateComplete;
    expect(part(el, 'editor')).to.equal(null);
    expect(part(el, 'reset-button')).to.equal(null);
    expect(part(el, 'run-button'), 'manual still shows Run').not.to.equal(null);
    el.editable = true;
    await el.updateComplete;
    content = await editorOf(el);
    expect(editorText(content)).to.equal('"a" * 2');
    expect((part(el, 'reset-button') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('marks the line the error happened on, and unmarks it when the code is edited', async () => {
    const { el, outcome } = await mount(html`<py-worker-run editable>x = 1\ny = x / 0\nprint(y)</py-worker-run>`);
    expect((await outcome).detail.type).to.equal('ZeroDivisionError');
    const content = await editorOf(el);
    await waitUntil(() => content.querySelector('.cm-error-line'), 'the failing line is marked');
    expect(content.querySelector('.cm-error-line')!.textContent).to.equal('y = x / 0');
    content.focus();
    await typeText('#');
    expect(content.querySelector('.cm-error-line')).to.equal(null);
  });

  it('shows the traceback in a collapsible section, the error message first', async () => {
    const { el, outcome } = await mount(html`<py-worker-run>def f():\n    raise ValueError("bad")\nf()</py-worker-run>`);
    await outcome;
    expect(part(el, 'error-message')?.textContent).to.equal('ValueError: bad');
    const details = part(el, 'traceback-details') as HTMLDetailsElement;
    expect(details.tagName).to.equal('DETAILS');
    expect(details.querySelector('summary')?.textContent).to.equal('Traceback');
    expect(part(el, 'traceback')?.textContent).to.contain('line 2, in f');
  });

  it('marks the output aria-busy while the code runs', async () => {
    const el = element('import time\ntime.sleep(0.3)\n"done"');
    const started = oneEvent(el, 'py-run');
    const outcome = nextOutcome(el);
    document.body.append(el);
    try {
      await started;
      await el.updateComplete;
      expect(part(el, 'output')?.getAttribute('aria-busy')).to.equal('true');
      await outcome;
      await el.updateComplete;
      expect(part(el, 'output')?.getAttribute('aria-busy')).to.equal('false');
    } finally {
      el.remove();
    }
  });
});
