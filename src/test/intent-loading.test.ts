// Nothing downloaded that nobody runs: a page of manual cells fetches nothing of Python (neither
// the pool's chunk nor Pyodide's files) until a reader shows intent; a lazy cell waits until it is
// near the viewport. Each page is an iframe with the CDN bundle and its own count of Pyodide fetches.
import { expect, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../py-worker-run.js';

interface Page {
  frame: HTMLIFrameElement;
  token: string;
  cells: PyWorkerRun[];
  fetches(): Promise<number>;
  /** Resources the page fetched whose URL contains `part`. */
  loaded(part: string): number;
}

/** Opens a page holding `body`, once its cells are defined and rendered. */
async function openPage(body: string, config = '{}'): Promise<Page> {
  const token = `intent-${Math.random().toString(36).slice(2)}`;
  const frame = document.createElement('iframe');
  frame.style.height = '300px';
  frame.src = `/intent/page.html?${new URLSearchParams({ token, body, config })}`;
  document.body.append(frame);
  await waitUntil(() => frame.contentWindow?.customElements?.get('py-worker-run'), 'the bundle defines the element', { timeout: 30_000 });
  const cells = [...frame.contentDocument!.querySelectorAll('py-worker-run')] as PyWorkerRun[];
  await Promise.all(cells.map((cell) => cell.updateComplete));
  return {
    frame,
    token,
    cells,
    fetches: async () => Number(await (await fetch(`/__pyodide-fetches?token=${token}`)).text()),
    loaded: (part) => frame.contentWindow!.performance.getEntriesByType('resource').filter((entry) => entry.name.includes(part)).length,
  };
}

const settled = (cell: PyWorkerRun) => waitUntil(() => cell.status === 'done' || cell.status === 'error', 'the cell settles', { timeout: 60_000 });

describe('loading Python only when it is wanted', () => {
  const pages: Page[] = [];
  afterEach(() => pages.splice(0).forEach((page) => page.frame.remove()));
  const open = async (body: string, config?: string) => {
    const page = await openPage(body, config);
    pages.push(page);
    return page;
  };
  /** Another page boots Python and runs a cell: what the first page would have fetched by then, it has. */
  const whileAnotherPageBoots = async () => {
    const other = await open('<py-worker-run>6 * 7</py-worker-run>');
    await settled(other.cells[0]!);
    expect(other.cells[0]!.result).to.equal(42);
    expect(await other.fetches()).to.be.greaterThan(0);
  };

  it('fetches nothing of Python for manual and editable-manual cells until a pointer comes over one', async () => {
    const page = await open('<py-worker-run manual>1 + 1</py-worker-run><py-worker-run manual editable>2 + 2</py-worker-run>');
    await whileAnotherPageBoots();
    expect(await page.fetches(), "Pyodide's files").to.equal(0);
    expect(page.loaded('py-worker-run-page-pool'), "the pool's chunk").to.equal(0);
    expect(page.cells.map((cell) => cell.status)).to.deep.equal(['idle', 'idle']);

    const ready = new Promise((resolve) => page.frame.contentWindow!.addEventListener('py-worker-run:ready', resolve, { once: true }));
    page.cells[0]!.shadowRoot!.querySelector('[part~="run-button"]')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await ready;
    expect(await page.fetches()).to.be.greaterThan(0);
    expect(page.cells[0]!.status, 'intent loads Python; it does not run the cell').to.equal('idle');
  });

  it('starts loading when focus enters an editor, and a click on Run before Python is ready still runs', async () => {
    const page = await open('<py-worker-run manual editable>3 * 3</py-worker-run>');
    const [cell] = page.cells;
    cell!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="run-button"]')!.focus();
    const outcome = cell!.run(); // at once: the load has only just started
    expect(cell!.status).to.equal('loading');
    expect((await outcome).value).to.equal(9);
  });

  it('loads at once with configure({ preload: true }) in the page config', async () => {
    const page = await open('<py-worker-run manual>1</py-worker-run>', '{"preload": true}');
    await waitUntil(async () => (await page.fetches()) > 0, 'Pyodide is fetched without intent', { timeout: 30_000 });
  });

  it('runs a loading="lazy" cell, and loads Python, only once it is near the viewport', async () => {
    const page = await open('<div style="height: 3000px"></div><py-worker-run loading="lazy">6 * 7</py-worker-run>');
    const [cell] = page.cells;
    await whileAnotherPageBoots();
    expect(await page.fetches()).to.equal(0);
    expect(cell!.status).to.equal('idle');
    cell!.scrollIntoView();
    await settled(cell!);
    expect(cell!.result).to.equal(42);
  });
});
