import { expect, fixture, html } from '@open-wc/testing';
import { asyncRun } from '../index.js';
import type { PyWorkerRun } from '../py-worker-run.js';
import { mount, nextOutcome, part, partText, useLocalPyodide } from './helpers.js';

useLocalPyodide();

describe('<py-worker-run>', () => {
  it('runs the example of the spec and shows the standard deviation', async () => {
    const { el, outcome } = await mount(html`
      <py-worker-run context='{"A_rank": [0.8, 0.4, 1.2, 3.7, 2.6, 5.8]}'>
        import statistics
        from js import A_rank
        statistics.stdev(A_rank)
      </py-worker-run>
    `);
    const event = await outcome;
    expect(event.type).to.equal('py-result');
    expect(event.detail.value).to.be.closeTo(2.0634, 1e-4);
    expect(partText(el, 'result')).to.match(/^2\.0634/);
    expect(el.status).to.equal('done');
    expect(part(el, 'status')!.hidden).to.equal(true);
  });

  it('makes each context key a converted Python global and a js name', async () => {
    const { outcome } = await mount(html`
      <py-worker-run context='{"A_rank": [1, 2], "meta": {"n": null}}'>
        import js
        from js import A_rank as from_js
        (type(A_rank).__name__, A_rank, meta["n"] is None, list(from_js), js.meta.n)
      </py-worker-run>
    `);
    const event = await outcome;
    expect(event.detail.value).to.deep.equal(['list', [1, 2], true, [1, 2], null]);
  });

  it('streams stdout and stderr and returns a structured result', async () => {
    const outputs: string[] = [];
    const { el, outcome } = await mount(html`
      <py-worker-run @py-output=${(e: CustomEvent) => outputs.push(`${e.detail.stream}:${e.detail.text}`)}>
        import sys
        print("hello")
        print("careful", file=sys.stderr)
        {"a": [1, (2, 3)], "b": None, "c": "text", "d": True, "e": 1.5}
      </py-worker-run>
    `);
    const event = await outcome;
    expect(event.detail.value).to.deep.equal({ a: [1, [2, 3]], b: null, c: 'text', d: true, e: 1.5 });
    expect(event.detail.stdout).to.equal('hello\n');
    expect(event.detail.stderr).to.equal('careful\n');
    expect(outputs.join('')).to.equal('stdout:hello\nstderr:careful\n');
    expect(partText(el, 'stdout')).to.equal('hello\n');
    expect(partText(el, 'stderr')).to.equal('careful\n');
    expect(el.stdout).to.equal('hello\n');
  });

  it('gives ints beyond 2^53 and unconvertible values as undefined, with their repr', async () => {
    const el = await fixture<PyWorkerRun>(html`<py-worker-run manual></py-worker-run>`);
    el.code = '2**60';
    const big = await el.run();
    expect(big.ok).to.equal(true);
    expect(big.value).to.equal(undefined);
    expect(big.repr).to.equal('1152921504606846976');
    el.code = 'import math\n[math, 2**53 - 1, None]';
    const mixed = await el.run();
    expect(mixed.value).to.deep.equal([undefined, 2 ** 53 - 1, null]);
    expect(mixed.repr).to.match(/^\[<module 'math'/);
  });

  it('reports an error with the line of the user code and no internal frames', async () => {
    const { el, outcome } = await mount(html`
      <py-worker-run>
        def divide(a, b):
            return a / b

        print("before")
        divide(1, 0)
      </py-worker-run>
    `);
    const event = await outcome;
    expect(event.type).to.equal('py-error');
    const { type, message, traceback, stdout } = event.detail;
    expect(type).to.equal('ZeroDivisionError');
    expect(message).to.equal('division by zero');
    expect(stdout).to.equal('before\n');
    expect(traceback).to.contain('File "<py-worker-run>", line 5, in <module>');
    expect(traceback).to.contain('File "<py-worker-run>", line 2, in divide');
    expect(traceback).to.contain('return a / b');
    expect(traceback).not.to.match(/_pyodide|_py_worker_run|\/lib\/python/);
    expect(partText(el, 'error-message')).to.equal('ZeroDivisionError: division by zero');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(el.status).to.equal('error');
  });

  it('reports a syntax error with its line', async () => {
    const { outcome } = await mount(html`<py-worker-run>x = 1\ny = (</py-worker-run>`);
    const event = await outcome;
    expect(event.detail.type).to.equal('SyntaxError');
    expect(event.detail.traceback).to.contain('File "<py-worker-run>", line 2');
  });

  it('does not run with invalid context JSON, and names the attribute in the error', async () => {
    let runs = 0;
    const { el, outcome } = await mount(html`<py-worker-run context='{"a": [1, 2' @py-run=${() => runs++}>a</py-worker-run>`);
    const event = await outcome;
    expect(event.type).to.equal('py-error');
    expect(event.detail.type).to.equal('ContextError');
    expect(event.detail.message).to.contain('context attribute is not valid JSON');
    expect(partText(el, 'error')).to.contain('context attribute');
    expect(runs).to.equal(0);
  });

  it('refuses context JSON that is not an object', async () => {
    const { outcome } = await mount(html`<py-worker-run context="[1, 2]">1</py-worker-run>`);
    const event = await outcome;
    expect(event.detail.type).to.equal('ContextError');
    expect(event.detail.message).to.contain('must be an object');
  });

  it('explains a context property that cannot be sent to the worker', async () => {
    const { outcome } = await mount(html`<py-worker-run .context=${{ callback: () => 1 }}>1</py-worker-run>`);
    const event = await outcome;
    expect(event.type).to.equal('py-error');
    expect(event.detail.type).to.equal('ContextError');
    expect(event.detail.message).to.contain('could not be sent to Python');
    const after = await asyncRun('2');
    expect(after.results).to.equal(2);
  });

  it('shows output that looks like HTML as text', async () => {
    const { el, outcome } = await mount(html`
      <py-worker-run>
        <script type="text/x-python">
          print("<img src=x onerror=alert(1)><b>bold</b>")
          "<i>result</i>"
        </script>
      </py-worker-run>
    `);
    await outcome;
    expect(partText(el, 'stdout')).to.equal('<img src=x onerror=alert(1)><b>bold</b>\n');
    expect(partText(el, 'result')).to.equal(`'<i>result</i>'`);
    expect(el.shadowRoot!.querySelector('img, b, i')).to.equal(null);
  });

  it('reads code with < and & from a script child', async () => {
    const { el, outcome } = await mount(html`
      <py-worker-run>
        <script type="text/x-python">
          a = 1 < 2 & 3
          b = "&amp; <b>"
          (a, b)
        </script>
      </py-worker-run>
    `);
    const event = await outcome;
    expect(event.detail.value).to.deep.equal([true, '&amp; <b>']);
    expect(el.code).to.equal('a = 1 < 2 & 3\nb = "&amp; <b>"\n(a, b)');
  });

  it('re-runs once when the context property changes several times in one task', async () => {
    const runs: string[] = [];
    const { el, outcome } = await mount(html`<py-worker-run .context=${{ x: 1 }} @py-run=${() => runs.push('run')}>x * 2</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(2);
    el.context = { x: 10 };
    el.context = { x: 21 };
    expect((await nextOutcome(el)).detail.value).to.equal(42);
    // Runs are first-in first-out: a second automatic run would come before this one.
    const explicit = await el.run();
    expect(explicit.value).to.equal(42);
    expect(runs).to.have.length(3); // the first run, one coalesced re-run, the explicit run
  });

  it('re-runs when its code text changes', async () => {
    const { el, outcome } = await mount(html`<py-worker-run>1 + 1</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(2);
    el.textContent = '40 + 2';
    expect((await nextOutcome(el)).detail.value).to.equal(42);
  });

  it('keeps runs isolated: no leftover globals or js names', async () => {
    const el = await fixture<PyWorkerRun>(html`<py-worker-run manual></py-worker-run>`);
    el.code = 'leak = 1\nfrom js import secret\nsecret';
    el.context = { secret: 's3' };
    expect((await el.run()).value).to.equal('s3');
    el.code = `
      import js
      found = []
      if "leak" in globals(): found.append("global")
      if "secret" in globals(): found.append("context global")
      if hasattr(js, "secret"): found.append("js name")
      found
    `;
    el.context = {};
    expect((await el.run()).value).to.deep.equal([]);
  });

  it('does not run by itself with manual, and shows a Run button', async () => {
    let runs = 0;
    const el = await fixture<PyWorkerRun>(html`<py-worker-run manual @py-run=${() => runs++}>6 * 7</py-worker-run>`);
    const button = part(el, 'run-button')!;
    expect(button).not.to.equal(null);
    expect(el.status).to.equal('idle');
    const done = nextOutcome(el);
    button.click();
    expect((await done).detail.value).to.equal(42);
    expect(runs).to.equal(1);
  });

  it('resolves every explicit run() with its own outcome', async () => {
    const el = await fixture<PyWorkerRun>(html`<py-worker-run manual></py-worker-run>`);
    const outcomes = [1, 2, 3].map((n) => {
      el.code = `${n} * 100`;
      return el.run();
    });
    expect((await Promise.all(outcomes)).map((o) => o.value)).to.deep.equal([100, 200, 300]);
  });

  it('fires bubbling, composed events', async () => {
    const el = await fixture<PyWorkerRun>(html`<py-worker-run manual>print("x")</py-worker-run>`);
    const seen: string[] = [];
    for (const type of ['py-run', 'py-output', 'py-result'] as const) {
      document.addEventListener(type, (e) => {
        if (e.composed && e.bubbles && e.target === el) seen.push(type);
      });
    }
    await el.run();
    expect(seen).to.deep.equal(['py-run', 'py-output', 'py-result']);
  });

  it('gives 40 elements on one page each its own answer', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const elements = Array.from({ length: 40 }, (_, i) => {
      const el = document.createElement('py-worker-run');
      el.setAttribute('context', JSON.stringify({ n: i }));
      el.textContent = 'print(n)\nn * n';
      return el;
    });
    const outcomes = elements.map((el) => nextOutcome(el));
    container.append(...elements);
    const events = await Promise.all(outcomes);
    events.forEach((event, i) => {
      expect(event.detail.value).to.equal(i * i);
      expect(event.detail.stdout).to.equal(`${i}\n`);
    });
  });
});
