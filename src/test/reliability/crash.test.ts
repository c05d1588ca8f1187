import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { asyncRun } from '../../index.js';
import { CRASH_PYTHON, element, nextOutcome, partText, READ_MARK, setup, useLocalPyodide, WORKER_MARK } from '../helpers.js';

useLocalPyodide();

describe(`crashes (${setup})`, () => {
  it('reports a crash of Python (recursion through C past the stack) and starts a fresh one for the next run', async () => {
    await asyncRun(WORKER_MARK);
    const crash = await asyncRun(CRASH_PYTHON);
    expect(crash.error).to.contain('Python crashed');
    expect(crash.error).to.contain('fresh Python starts with the next run');
    const after = await asyncRun(READ_MARK);
    expect(after.error).to.equal(undefined);
    expect(after.results).to.equal('gone');
  });

  it('turns deep recursion in Python into a RecursionError and keeps the worker', async () => {
    await asyncRun(WORKER_MARK);
    const { error } = await asyncRun('def f(n):\n    return f(n + 1)\nf(0)');
    expect(error).to.contain('RecursionError');
    expect((await asyncRun(READ_MARK)).results).to.equal('kept');
  });

  it('refuses js.close(), which would end the shared worker silently', async () => {
    const { error } = await asyncRun('import js\njs.close()');
    expect(error).to.contain('close() is not available in py-worker-run');
    expect((await asyncRun('1 + 1')).results).to.equal(2);
  });

  it('settles every run when a timer left by an earlier run crashes Python, whatever run is current then', async () => {
    const crasher = `
import js, sys
from pyodide.ffi import create_proxy
def crash():
    sys.setrecursionlimit(1_000_000)
    def deeper(n):
        return list(map(deeper, [n + 1]))
    deeper(0)
js.setTimeout(create_proxy(crash), 50)
"left a timer"`;
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const cells = [element(crasher), element('import asyncio\nawait asyncio.sleep(1)\n"waited"'), element('"queued"')];
    const outcomes = cells.map((cell) => nextOutcome(cell));
    container.append(...cells);
    const [first, during, after] = await Promise.all(outcomes);
    expect(first!.detail.value).to.equal('left a timer');
    // The crash lands while the second run waits (it then fails, saying so), or between runs (it then runs on a fresh worker).
    if (during!.type === 'py-error') expect(during!.detail.message).to.contain('Python crashed');
    else expect(during!.detail.value).to.equal('waited');
    expect(after!.detail.value).to.equal('queued');
  });

  it('re-runs a run that had not begun when a leftover of another run crashed Python, and tells the leftover its crash', async () => {
    // Each delay crashes the worker the one before left: every round starts in a fresh worker.
    for (const delay of [0, 0, 1, 2, 3, 5]) {
      const crasher = element(`
import js, sys
from pyodide.ffi import create_proxy
def crash():
    sys.setrecursionlimit(1_000_000)
    def deeper(n):
        return list(map(deeper, [n + 1]))
    deeper(0)
js.setTimeout(create_proxy(crash), ${delay})
"left a timer"`);
      const innocent = element('6 * 7');
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const crashed = oneEvent(crasher, 'py-error');
      const answered = nextOutcome(crasher);
      const outcome = nextOutcome(innocent);
      container.append(crasher, innocent);
      expect((await answered).detail.value, `delay ${delay}`).to.equal('left a timer');
      const innocentOutcome = await outcome;
      expect(innocentOutcome.type, `delay ${delay}: ${JSON.stringify(innocentOutcome.detail)}`).to.equal('py-result');
      expect(innocentOutcome.detail.value).to.equal(42);
      const { detail } = await crashed;
      expect(detail.type).to.equal('WorkerError');
      expect(detail.message).to.contain('left behind');
      expect(detail.message).to.contain('crashed Python');
      await waitUntil(() => partText(crasher, 'stderr').includes('crashed Python'), 'the crash shows in the element whose timer crashed');
      container.remove();
    }
  });
});
