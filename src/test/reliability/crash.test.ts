import { expect } from '@open-wc/testing';
import { asyncRun } from '../../index.js';
import { READ_MARK, setup, useLocalPyodide, WORKER_MARK } from '../helpers.js';

useLocalPyodide();

describe(`crashes (${setup})`, () => {
  it('reports a crash of Python (recursion through C past the stack) and starts a fresh one for the next run', async () => {
    await asyncRun(WORKER_MARK);
    const crash = await asyncRun(`
      import sys
      sys.setrecursionlimit(1_000_000)
      def deeper(n):
          return list(map(deeper, [n + 1]))
      deeper(0)
    `);
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
});
