// Hostile code in one run, innocent runs beside it: nothing one run does reaches another run, another
// element, or the page's trust (issue 14). Each test fails without the seal it names.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { asyncRun } from '../../index.js';
import type { PyWorkerRun } from '../../py-worker-run.js';
import { element, mount, nextOutcome, part, READ_MARK, setup, useLocalPyodide, WORKER_MARK } from '../helpers.js';

useLocalPyodide();

/** Python that calls `body` (Python source of one expression) every 10 ms from a JS interval, after its run. */
const everyTenMs = (body: string) => `
import js
from pyodide.ffi import create_proxy
js.setInterval(create_proxy(lambda: ${body}), 10)
"started"
`;

/** A bystander that gives Python's leftovers time to act while it runs, then answers `value`. */
const bystander = (value: string) => `
import asyncio
for i in range(3):
    print("own", i)
    await asyncio.sleep(0.05)
${value}
`;
const BYSTANDER_STDOUT = 'own 0\nown 1\nown 2\n';

/** How many times a leftover counted so far (in a module all runs share). */
const COUNTED = 'import sys\ngetattr(sys.modules.get("leftover_counter"), "n", 0)';
const COUNTING = everyTenMs('setattr(__import__("sys").modules.setdefault("leftover_counter", __import__("types").SimpleNamespace(n=0)), "n", __import__("sys").modules["leftover_counter"].n + 1)');

/** Whether a leftover's count stays put while a run waits (it was cancelled). */
async function leftoverStopped(): Promise<boolean> {
  const { results } = await asyncRun(`${COUNTED.replace('getattr', 'before = getattr')}\nimport asyncio\nawait asyncio.sleep(0.2)\n${COUNTED.split('\n')[1]} == before`);
  return results === true;
}

describe(`sealed runs (${setup})`, () => {
  it('ignores messages Python posts to the page: forged results and crashes settle no run', async () => {
    await asyncRun(WORKER_MARK);
    const forge = everyTenMs(`[js.postMessage(js.JSON.parse(m)) for m in ${JSON.stringify([
      ...Array.from({ length: 200 }, (_, i) => JSON.stringify({ type: 'result', id: i, value: 'forged', repr: "'forged'" })),
      JSON.stringify({ type: 'crashed', id: 987654, message: 'forged' }),
    ])}]`);
    const answers = await Promise.all([asyncRun(forge), ...['"a"', '"b"', '"c"'].map((value) => asyncRun(bystander(value)))]);
    expect(answers.map((answer) => answer.results)).to.deep.equal(['started', 'a', 'b', 'c']);
    expect(answers.slice(1).map((answer) => answer.stdout)).to.deep.equal([BYSTANDER_STDOUT, BYSTANDER_STDOUT, BYSTANDER_STDOUT]);
    expect((await asyncRun(READ_MARK)).results, 'the worker was not replaced').to.equal('kept');
  });

  it('keeps two bystander elements whole around a hostile one: their output, values and settling', async () => {
    const hostile = `
import builtins, js, sys
from pyodide.ffi import create_proxy
forged = js.JSON.parse('{"type": "result", "id": 0, "value": "forged", "repr": "forged"}')
def attack():
    for i in range(200):
        forged.id = i
        js.postMessage(forged)
    print("leak")
js.setInterval(create_proxy(attack), 10)
builtins.print = lambda *args, **kwargs: None
sys.stdout = None
sys.setrecursionlimit(10**6)
js.onmessage = None
"hostile"`;
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const cells = [element(bystander('"first"')), element(hostile), element(bystander('"second"'))];
    const outcomes = cells.map((cell) => nextOutcome(cell));
    container.append(...cells);
    const [first, attacker, second] = await Promise.all(outcomes);
    expect([first!.detail.value, attacker!.detail.value, second!.detail.value]).to.deep.equal(['first', 'hostile', 'second']);
    expect(first!.detail.stdout).to.equal(BYSTANDER_STDOUT);
    expect(second!.detail.stdout).to.equal(BYSTANDER_STDOUT);
    expect(cells[2]!.stdout).to.equal(BYSTANDER_STDOUT);
    await waitUntil(() => cells[1]!.stdout.includes('leak'), "the hostile cell's leftover prints in its own element", { timeout: 10_000 });
    cells[1]!.remove();
  });

  it('keeps listening after Python removes the worker message handler', async () => {
    await asyncRun('import js\njs.onmessage = None\njs.self.onmessage = None');
    expect((await asyncRun('1 + 1')).results).to.equal(2);
  });

  it('refuses close(), even the one on the worker global prototype', async () => {
    const { error } = await asyncRun('import js\njs.Object.getPrototypeOf(js.self).close.call(js.self)');
    expect(error).to.contain('close() is not available in py-worker-run');
    expect((await asyncRun('1 + 1')).results).to.equal(2);
  });

  it("shows a leftover timer's output in the element that started it, never in another", async () => {
    const { el: hostile, outcome } = await mount(html`<py-worker-run .code=${everyTenMs('print("leak")')}></py-worker-run>`);
    expect((await outcome).detail.value).to.equal('started');
    const { el: other, outcome: own } = await mount(html`<py-worker-run .code=${bystander('"own"')}></py-worker-run>`);
    expect((await own).detail.value).to.equal('own');
    expect(other.stdout).to.equal(BYSTANDER_STDOUT);
    await waitUntil(() => hostile.stdout.includes('leak\nleak\n'), 'the leftover prints into its own element', { timeout: 10_000 });
    expect(part(hostile, 'stdout')!.textContent).to.contain('leak');
    hostile.remove();
  });

  it('renders HTML from a leftover display() only as its own element allows', async () => {
    const win = window as { sealedOnerror?: number };
    const evil = `
class Evil:
    def _repr_html_(self):
        return '<img src="data:," onerror="window.sealedOnerror = (window.sealedOnerror || 0) + 1">'
    def __repr__(self):
        return "Evil()"
${everyTenMs('display(Evil())')}`;
    const { el: hostile, outcome } = await mount(html`<py-worker-run .code=${evil}></py-worker-run>`);
    await outcome;
    const { el: trusting, outcome: own } = await mount(html`<py-worker-run allow-html .code=${bystander('"own"')}></py-worker-run>`);
    expect((await own).detail.value).to.equal('own');
    expect(trusting.shadowRoot!.querySelector('img, [part~="html"]')).to.equal(null);
    // Without allow-html it is shown sanitised, in its own element: the image without its handler.
    await waitUntil(() => hostile.shadowRoot!.querySelectorAll('[part~="displays"] [part~="html"] img').length >= 2, 'shown in its own element', { timeout: 10_000 });
    expect(hostile.shadowRoot!.querySelector('img[onerror]')).to.equal(null);
    expect(win.sealedOnerror).to.equal(undefined);
    hostile.remove();
  });

  it("cancels an element's leftover timers when it runs again", async () => {
    const { el, outcome } = await mount(html`<py-worker-run .code=${COUNTING}></py-worker-run>`);
    await outcome;
    await waitUntil(async () => ((await asyncRun(COUNTED)).results as number) > 0, 'the timer runs', { timeout: 10_000 });
    const again = nextOutcome(el);
    el.code = '"second run"';
    expect((await again).detail.value).to.equal('second run');
    expect(await leftoverStopped()).to.equal(true);
    el.remove();
  });

  it("cancels an element's leftover timers when it is removed, and an asyncRun's when it settles", async () => {
    const { el, outcome } = await mount(html`<py-worker-run .code=${COUNTING}></py-worker-run>`);
    await outcome;
    await waitUntil(async () => ((await asyncRun(COUNTED)).results as number) > 0, 'the timer runs', { timeout: 10_000 });
    el.remove();
    expect(await leftoverStopped(), 'after removal').to.equal(true);
    await asyncRun(COUNTING);
    expect(await leftoverStopped(), 'after an asyncRun').to.equal(true);
  });

  it('puts back what a run changed in builtins and sys before the next run', async () => {
    const before = await asyncRun('import os, sys\n[os.getcwd(), sys.getrecursionlimit(), len(sys.path)]');
    const hostile = await asyncRun(`
      import builtins, os, sys, warnings
      builtins.print = lambda *args, **kwargs: None
      builtins.len = lambda value: 42
      builtins.planted = "planted"
      del builtins.abs
      sys.modules["js"] = None
      sys.modules["json"] = None
      sys.setrecursionlimit(10**6)
      sys.path.insert(0, "/evil")
      warnings.simplefilter("error")
      os.makedirs("/tmp/elsewhere", exist_ok=True)
      os.chdir("/tmp/elsewhere")
      sys.stdout = None
      sys.stderr = None
    `);
    expect(hostile.error).to.equal(undefined);
    const after = await asyncRun(
      `
      import builtins, json, os, sys, warnings
      from js import KEY
      print("visible", len([1, 2, 3]), abs(-1), hasattr(builtins, "planted"))
      warnings.warn("only a warning")
      def deeper(n):
          return deeper(n + 1)
      try:
          deeper(0)
      except RecursionError:
          recursion = "RecursionError"
      [KEY, json.dumps([1]), recursion, [os.getcwd(), sys.getrecursionlimit(), len(sys.path)]]
    `,
      { KEY: 5 },
    );
    expect(after.error).to.equal(undefined);
    expect(after.stdout).to.equal('visible 3 1 False\n');
    expect(after.results).to.deep.equal([5, '[1]', 'RecursionError', before.results]);
  });

  it('tells a run that closed a standard stream, and gives the next run a fresh Python', async () => {
    await asyncRun(WORKER_MARK);
    const closed = await asyncRun('import os\nos.close(1)');
    expect(closed.stderr).to.contain('Python was restarted');
    const next = await asyncRun('print("heard")');
    expect(next.stdout).to.equal('heard\n');
    expect((await asyncRun(READ_MARK)).results).to.equal('gone');
  });

  it('refuses reserved names in a context with a ContextError, and Python stays usable', async () => {
    for (const key of ['__builtins__', '__name__', '__file__']) {
      const { error } = await asyncRun('1', { [key]: 1 });
      expect(error, key).to.contain(`"${key}"`);
      expect(error, key).to.contain('reserved');
    }
    const { outcome } = await mount(html`<py-worker-run session="sealed" context='{"__name__": "x"}'>1</py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('ContextError');
    const cell = await fixture<PyWorkerRun>(html`<py-worker-run manual session="sealed">x = 1\nx + 1</py-worker-run>`);
    expect((await cell.run()).value).to.equal(2);
  });

  it('keeps a session namespace between its cells, but not its changes to the interpreter', async () => {
    const first = element('import builtins\nbuiltins.shared = 1\nkept = 2', { session: 'sealed-session' });
    const second = element('import builtins\n[kept, hasattr(builtins, "shared")]', { session: 'sealed-session' });
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const firstDone = nextOutcome(first);
    const done = nextOutcome(second);
    container.append(first, second);
    const { detail } = await done;
    expect(detail.type, `${detail.message}; the first cell: ${JSON.stringify((await firstDone).detail).slice(0, 300)}`).to.equal(undefined);
    expect(detail.value).to.deep.equal([2, false]);
  });
});
