import { expect, fixture, html } from '@open-wc/testing';
import { asyncRun, configure } from '../../index.js';
import type { PyWorkerRun } from '../../py-worker-run.js';
import { mount, partText, setup, useLocalPyodide } from '../helpers.js';

useLocalPyodide();

async function manual(code: string): Promise<PyWorkerRun> {
  const el = await fixture<PyWorkerRun>(html`<py-worker-run manual></py-worker-run>`);
  el.code = code;
  return el;
}

describe(`bad input (${setup})`, () => {
  it('answers an element without code, and run() of it, with a clear error, and runs nothing', async () => {
    let runs = 0;
    const el = await fixture<PyWorkerRun>(html`<py-worker-run @py-run=${() => runs++}>   </py-worker-run>`);
    await asyncRun('1'); // anything the empty element had queued would have run before this
    expect(el.status).to.equal('error'); // it says it has no code, rather than staying blank (issue 12)
    expect(el.error!.type).to.equal('InputError');
    const outcome = await el.run();
    expect(outcome.error!.type).to.equal('InputError');
    expect(outcome.error!.message).to.contain('There is no code to run');
    expect(partText(el, 'error')).to.contain('There is no code to run');
    expect(runs).to.equal(0);
  });

  it('treats sys.exit() and sys.exit(0) as success, and another code as an error', async () => {
    for (const code of ['import sys\nprint("bye")\nsys.exit()', 'import sys\nsys.exit(0)']) {
      const outcome = await (await manual(code)).run();
      expect(outcome.ok, code).to.equal(true);
    }
    const failed = await (await manual('import sys\nsys.exit(2)')).run();
    expect(failed.error!.type).to.equal('SystemExit');
    expect(failed.error!.message).to.equal('2');
  });

  it('shows a syntax error with its line and a caret', async () => {
    const { outcome, el } = await mount(html`<py-worker-run>x = 1\nprint(x +)</py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('SyntaxError');
    expect(detail.traceback).to.contain('File "<py-worker-run>", line 2');
    expect(detail.traceback).to.contain('print(x +)');
    expect(detail.traceback).to.match(/\^/);
    expect(partText(el, 'traceback')).to.contain('line 2');
  });

  it('gives values that cannot convert as undefined, with their repr', async () => {
    const cases: Array<[string, RegExp]> = [
      ['import math\nmath', /^<module 'math'/],
      ['def f(): pass\nf', /^<function f at/],
      ['(i for i in range(3))', /^<generator object/],
      ['x = [1]\nx.append(x)\nx', /^\[1, \[\.\.\.\]\]$/],
    ];
    for (const [code, repr] of cases) {
      const outcome = await (await manual(code)).run();
      expect(outcome.ok, code).to.equal(true);
      expect(outcome.repr, code).to.match(repr);
      if (!code.includes('append')) expect(outcome.value, code).to.equal(undefined);
    }
    const cyclic = await (await manual('x = [1]\nx.append(x)\nx')).run();
    expect(cyclic.value).to.deep.equal([1, undefined]);
  });

  it('converts NaN and infinities, bytes, sets and big ints', async () => {
    const outcome = await (
      await manual('{"nan": float("nan"), "inf": float("inf"), "bytes": b"\\x00\\xff", "set": {3}, "big": 2**64, "small": -(2**40)}')
    ).run();
    const value = outcome.value as Record<string, unknown>;
    expect(Number.isNaN(value.nan)).to.equal(true);
    expect(value.inf).to.equal(Infinity);
    expect(value.bytes).to.be.instanceOf(Uint8Array);
    expect(Array.from(value.bytes as Uint8Array)).to.deep.equal([0, 255]);
    expect(value.set).to.deep.equal([3]);
    expect(value.big).to.equal(undefined);
    expect(value.small).to.equal(-(2 ** 40));
    expect(outcome.repr).to.contain('18446744073709551616');
  });

  it('explains a timeout attribute that is not a number of seconds', async () => {
    const { outcome } = await mount(html`<py-worker-run timeout="soon">1</py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('InputError');
    expect(detail.message).to.contain('timeout="5"');
  });

  it('throws a clear TypeError from configure() for unusable values', () => {
    expect(() => configure({ timeout: -1 })).to.throw(TypeError, /number of seconds/);
    expect(() => configure({ loadTimeout: 'long' as unknown as number })).to.throw(TypeError, /number of seconds/);
    expect(() => configure({ indexURL: 42 as unknown as string })).to.throw(TypeError, /URL string/);
    expect(() => configure({ preload: 'yes' as unknown as boolean })).to.throw(TypeError, /true or false/);
    expect(() => configure({ workers: 0 })).to.throw(TypeError, /whole number of workers, 1 or more/);
    expect(() => configure({ workers: 1.5 })).to.throw(TypeError, /whole number of workers/);
    expect(() => configure({ idleWorkerTimeout: -1 })).to.throw(TypeError, /number of seconds/);
  });

  it('throws a clear TypeError from configure() for an unknown option or no object', () => {
    expect(() => configure({ timeOut: 5 } as never)).to.throw(TypeError, /no option "timeOut".*timeout/);
    expect(() => configure(null as never)).to.throw(TypeError, /takes an object of options/);
    expect(() => configure('fast' as never)).to.throw(TypeError, /takes an object of options/);
  });

  it('answers asyncRun() called with something other than code, or a context that is not an object', async () => {
    for (const script of [null, 42, undefined]) {
      const { error } = await asyncRun(script as never);
      expect(error, String(script)).to.contain('asyncRun(script, context) takes the Python code as a string');
    }
    for (const context of ['{"a": 1}', [1, 2]]) {
      const { error } = await asyncRun('1', context as never);
      expect(error, JSON.stringify(context)).to.contain('must be an object whose keys become Python names');
    }
  });

  it('refuses code holding a lone surrogate, naming where it is', async () => {
    const { outcome } = await mount(html`<py-worker-run .code=${'x = 1\ny = "a\ud800b"'}></py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('SyntaxError');
    expect(detail.message).to.contain('line 2, column 7');
    expect(detail.message).to.contain('U+D800');
  });

  it('treats timeouts beyond what browser timers can count as no limit, not as zero', async () => {
    const { outcome } = await mount(html`<py-worker-run timeout="2147484">6 * 7</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(42);
    configure({ timeout: 3e6 });
    try {
      expect((await asyncRun('6 * 7')).results).to.equal(42);
    } finally {
      configure({ timeout: 0 });
    }
  });

  it('ends the wait for a src that never answers at the timeout, at stop() and at removal', async () => {
    const timed = await mount(html`<py-worker-run src="/hanging.py" timeout="0.5"></py-worker-run>`);
    const { detail } = await timed.outcome;
    expect(detail.type).to.equal('RunTimeoutError');
    expect(detail.message).to.contain('/hanging.py');

    const stopped = await fixture<PyWorkerRun>(html`<py-worker-run manual src="/hanging.py"></py-worker-run>`);
    const running = stopped.run();
    stopped.stop();
    expect((await running).error!.type).to.equal('RunStoppedError');

    const removed = await mount(html`<py-worker-run src="/hanging.py"></py-worker-run>`);
    removed.el.remove();
    expect((await removed.outcome).detail.type).to.equal('RunStoppedError');
  });

  it('reports a stop or timeout that lands in __repr__ as such, never as a success', async () => {
    const { outcome } = await mount(html`
      <py-worker-run timeout="1">
        class Slow:
            def __repr__(self):
                while True:
                    pass
        Slow()
      </py-worker-run>
    `);
    expect((await outcome).detail.type).to.equal('RunTimeoutError');
  });
});
