import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { asyncRun, PYTHON_READY_EVENT, type PythonReadyDetail } from '../index.js';
import { mount, useLocalPyodide } from './helpers.js';

const CACHE = 'py-worker-run-snapshots';

/** The same checks on any boot: output, errors with lines, context, a wheel loaded after boot, random. */
const CHECKS = `
import random, sys
print("out")
try:
    exec("x = 1\\n1 / 0", {})
except ZeroDivisionError as error:
    line = error.__traceback__.tb_next.tb_lineno
[sys.version_info[:2], line, sum(values), random.random()]
`;

/** Runs the checks on a new worker (a crash replaces the worker); resolves with its boot details. */
async function freshBootAndChecks(): Promise<{ ready: PythonReadyDetail; results: unknown[]; stdout: string }> {
  await asyncRun('import sys\nsys.setrecursionlimit(1_000_000)\ndef f(n): return list(map(f, [n]))\nf(0)');
  const ready = oneEvent(window, PYTHON_READY_EVENT);
  const answer = await asyncRun(CHECKS, { values: [1, 2, 3] });
  expect(answer.error).to.equal(undefined);
  return { ready: ((await ready) as CustomEvent<PythonReadyDetail>).detail, results: answer.results as unknown[], stdout: answer.stdout };
}

async function cachedSnapshots(): Promise<readonly Request[]> {
  return (await caches.open(CACHE)).keys();
}

describe('memory snapshot cache', () => {
  before(async () => {
    await caches.delete(CACHE);
    useLocalPyodide();
  });

  it('keeps a snapshot after a normal boot, and boots from it with the same results', async () => {
    const firstReady = oneEvent(window, PYTHON_READY_EVENT);
    const normal = await asyncRun(CHECKS, { values: [1, 2, 3] });
    expect(normal.error).to.equal(undefined);
    expect(((await firstReady) as CustomEvent<PythonReadyDetail>).detail.fromSnapshot).to.equal(false);
    await waitUntil(async () => (await cachedSnapshots()).length === 1, 'a snapshot is cached', { timeout: 30_000 });

    const fromSnapshot = await freshBootAndChecks();
    expect(fromSnapshot.ready.fromSnapshot).to.equal(true);
    expect(fromSnapshot.stdout).to.equal(normal.stdout);
    expect(fromSnapshot.results.slice(0, 3)).to.deep.equal((normal.results as unknown[]).slice(0, 3));
    expect(fromSnapshot.results[3]).not.to.equal((normal.results as unknown[])[3]); // random is reseeded
    const { outcome } = await mount(html`
      <py-worker-run packages="/test-packages/pwr_extra-0.1-py3-none-any.whl">import pwr_extra\npwr_extra.ANSWER</py-worker-run>
    `);
    const wheel = await outcome;
    expect(wheel.detail.value, `a wheel loaded after a snapshot boot: ${wheel.detail.message}`).to.equal(42);
  });

  it('falls back to a normal boot when the cached snapshot is damaged, and replaces it', async () => {
    const cache = await caches.open(CACHE);
    const [key] = await cache.keys();
    await cache.put(key!, new Response(new Uint8Array(2_000_000).fill(7)));
    const { ready, results } = await freshBootAndChecks();
    expect(ready.fromSnapshot).to.equal(false);
    expect(results.slice(0, 3)).to.deep.equal([[3, 14], 2, 6]);
    await waitUntil(async () => {
      const response = await (await caches.open(CACHE)).match(key!);
      return response !== undefined && (await response.clone().arrayBuffer()).byteLength > 2_000_000;
    }, 'a good snapshot replaces the damaged one', { timeout: 30_000 });
  });
});
