// axe-core finds no accessibility violations in any state of the element, in light and dark;
// theming through custom properties and ::part() reaches the shadow DOM.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../index.js';
import { emulateColorScheme } from './engine.js';
import { mount, part, useLocalPyodide } from './helpers.js';

interface AxeResults {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
}
declare global {
  interface Window {
    axe: { run(context: Element, options?: object): Promise<AxeResults> };
  }
}

async function loadAxe(): Promise<void> {
  if (window.axe) return;
  const script = document.createElement('script');
  script.src = '/node_modules/axe-core/axe.min.js';
  const loaded = new Promise((resolve, reject) => {
    script.addEventListener('load', resolve);
    script.addEventListener('error', reject);
  });
  document.head.append(script);
  await loaded;
}

async function expectNoViolations(el: Element, state: string): Promise<void> {
  const { violations } = await window.axe.run(el);
  const described = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')})`);
  expect(described, `axe in the ${state} state`).to.deep.equal([]);
}

const DATAFRAME_LIKE = `
class Frame:
    def _repr_html_(self):
        return '''<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>
<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>x</th><th>y</th></tr></thead>
<tbody><tr><th>0</th><td>1</td><td>2.5</td></tr><tr><th>1</th><td>2</td><td>5.0</td></tr></tbody></table></div>'''
Frame()`;

/** Every state the element shows: loading, a result with output, an error, and editable. */
async function checkEveryState(scheme: string): Promise<void> {
  const loading = await fixture<PyWorkerRun>(html`<py-worker-run>import time\ntime.sleep(1)</py-worker-run>`);
  await waitUntil(() => loading.status === 'loading' || loading.status === 'running', 'busy');
  await expectNoViolations(loading, `${scheme} loading/running`);
  loading.stop();

  const result = await mount(html`<py-worker-run>import sys\nprint("out")\nprint("warn", file=sys.stderr)\n[1, 2]</py-worker-run>`);
  await result.outcome;
  await expectNoViolations(result.el, `${scheme} result`);

  const error = await mount(html`<py-worker-run>1 / 0</py-worker-run>`);
  await error.outcome;
  await expectNoViolations(error.el, `${scheme} error`);

  // As pandas writes a DataFrame's _repr_html_ (shown sanitised: its <style> goes, our table styles apply).
  const table = await mount(html`<py-worker-run .code=${DATAFRAME_LIKE}></py-worker-run>`);
  await table.outcome;
  await waitUntil(() => table.el.shadowRoot!.querySelector('[part~="html"] table'), 'the table is shown (the sanitiser is a chunk of its own)', { timeout: 30_000 });
  await expectNoViolations(table.el, `${scheme} table`);

  const editable = await mount(html`<py-worker-run editable manual>print("hi")</py-worker-run>`);
  await waitUntil(() => editable.el.shadowRoot!.querySelector('.cm-content'), 'the editor loads', { timeout: 30_000 });
  await expectNoViolations(editable.el, `${scheme} editable`);
}

describe('accessibility', () => {
  before(async () => {
    useLocalPyodide();
    await loadAxe();
  });
  after(() => emulateColorScheme('light'));

  // Without media emulation (Firefox, WebKit here) a theme runs only if it is the browser's own.
  it('has no axe violations in any state, light theme', async function () {
    if (!(await emulateColorScheme('light'))) this.skip();
    await checkEveryState('light');
  });

  it('has no axe violations in any state, dark theme', async function () {
    if (!(await emulateColorScheme('dark'))) this.skip();
    await checkEveryState('dark');
  });
});

describe('theming', () => {
  before(useLocalPyodide);

  it('takes colours from --py-worker-run-* custom properties, and follows prefers-color-scheme', async function () {
    const { el, outcome } = await mount(html`<py-worker-run>1 / 0</py-worker-run>`);
    await outcome;
    const error = part(el, 'error')!;
    el.style.setProperty('--py-worker-run-error-color', 'rgb(1, 2, 3)');
    expect(getComputedStyle(error).color).to.equal('rgb(1, 2, 3)');
    el.style.removeProperty('--py-worker-run-error-color');
    // Switching schemes needs media emulation, which only Chromium's driver has here.
    if (!(await emulateColorScheme('light'))) this.skip();
    const light = getComputedStyle(error).color;
    if (!(await emulateColorScheme('dark'))) this.skip();
    expect(getComputedStyle(error).color, 'dark mode changes the colours').not.to.equal(light);
    await emulateColorScheme('light');
  });

  it('lets the page style every region with ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = 'py-worker-run::part(output) { border-color: rgb(4, 5, 6) } py-worker-run::part(stdout) { color: rgb(7, 8, 9) }';
    document.head.append(style);
    try {
      const { el, outcome } = await mount(html`<py-worker-run>print("x")</py-worker-run>`);
      await outcome;
      expect(getComputedStyle(part(el, 'output')!).borderTopColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(part(el, 'stdout')!).color).to.equal('rgb(7, 8, 9)');
    } finally {
      style.remove();
    }
  });
});
