import { expect } from '@open-wc/testing';
import { asyncRun } from '../index.js';
import { READ_MARK, useLocalPyodide } from './helpers.js';

useLocalPyodide();

describe('asyncRun', () => {
  it("runs the example of Pyodide's web-worker guide verbatim", async () => {
    const script = `
    import statistics
    from js import A_rank
    statistics.stdev(A_rank)
`;
    const context = {
      A_rank: [0.8, 0.4, 1.2, 3.7, 2.6, 5.8],
    };
    const { results, error } = await asyncRun(script, context);
    expect(error).to.equal(undefined);
    expect(results).to.be.closeTo(2.0634, 1e-4);
  });

  it('stops a call at its timeout option, and refuses one that is not a number of seconds', async () => {
    const { error } = await asyncRun('while True: pass', undefined, { timeout: 0.3 });
    expect(error).to.contain('timeout of 0.3 s');
    const bad = await asyncRun('1', undefined, { timeout: 'soon' as unknown as number });
    expect(bad.error).to.equal('The timeout must be a number of seconds, like timeout="5", not "soon" (asyncRun() options).');
  });

  it('gives each of 20 concurrent calls its own answer', async () => {
    const calls = Array.from({ length: 20 }, (_, i) => asyncRun('print(i)\ni * 3', { i }));
    const answers = await Promise.all(calls);
    answers.forEach((answer, i) => {
      expect(answer.results).to.equal(i * 3);
      expect(answer.stdout).to.equal(`${i}\n`);
      expect(answer.error).to.equal(undefined);
    });
  });

  it('answers an error with the traceback text', async () => {
    const { results, error, stderr } = await asyncRun('import sys\nprint("w", file=sys.stderr)\nraise ValueError("bad value")');
    expect(results).to.equal(undefined);
    expect(stderr).to.equal('w\n');
    expect(error).to.contain('line 3');
    expect(error).to.contain('ValueError: bad value');
  });

  it('reports SystemExit instead of losing the run', async () => {
    const { error } = await asyncRun('import sys\nsys.exit(3)');
    expect(error).to.contain('SystemExit: 3');
    const after = await asyncRun('1 + 1');
    expect(after.results).to.equal(2);
  });
});

describe('errors outside a run', () => {
  it('reports an exception raised in a JS callback on stderr and keeps the worker', async () => {
    const first = await asyncRun(`
      import asyncio, js, string
      from pyodide.ffi import create_once_callable
      string.worker_mark = "kept"

      def boom():
          raise ValueError("from a callback")

      done = asyncio.get_running_loop().create_future()
      js.setTimeout(create_once_callable(boom), 0)
      js.setTimeout(create_once_callable(lambda: done.set_result(None)), 1)
      await done
    `);
    expect(first.error).to.equal(undefined);
    expect(first.stderr).to.contain('ValueError: from a callback');
    const second = await asyncRun(READ_MARK);
    expect(second.results).to.equal('kept');
  });
});
