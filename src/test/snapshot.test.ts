import { expect, html, waitUntil } from '@open-wc/testing';
import { asyncRun } from '../index.js';
import { checksOnBoot, checksOnFreshWorker } from './boot-checks.js';
import { mount, useLocalPyodide } from './helpers.js';

const CACHE = 'py-worker-run-snapshots';

async function cachedSnapshots(): Promise<readonly Request[]> {
  return (await caches.open(CACHE)).keys();
}

describe('memory snapshot cache', () => {
  before(async () => {
    await caches.delete(CACHE);
    useLocalPyodide();
  });

  it('keeps a snapshot after a normal boot, and boots from it with the same results', async () => {
    const normal = await checksOnBoot(asyncRun);
    expect(normal.ready.snapshot).to.equal(null);
    await waitUntil(async () => (await cachedSnapshots()).length === 1, 'a snapshot is cached', { timeout: 30_000 });

    const fromSnapshot = await checksOnFreshWorker(asyncRun);
    expect(fromSnapshot.ready).to.include({ fromSnapshot: true, snapshot: 'cache' });
    expect(fromSnapshot.results[3]).not.to.equal(normal.results[3]); // random is reseeded
    const { outcome } = await mount(html`
      <py-worker-run packages="/test-packages/pwr_extra-0.1-py3-none-any.whl">import pwr_extra\npwr_extra.ANSWER</py-worker-run>
    `);
    const wheel = await outcome;
    expect(wheel.detail.value, `a wheel loaded after a snapshot boot: ${wheel.detail.message}`).to.equal(42);
  });

  it('refuses a snapshot that Python planted in Cache Storage, and replaces it', async () => {
    const [key] = await cachedSnapshots();
    // Python rewrites the cached snapshot with a forged signature: it cannot sign without the page's secret.
    const planted = await asyncRun(`
      import js
      from pyodide.ffi import to_js
      cache = await js.caches.open("${CACHE}")
      body = await (await cache.match(js.KEY)).arrayBuffer()
      options = to_js({"headers": {"X-Py-Worker-Run-Signature": "0" * 64}}, dict_converter=js.Object.fromEntries)
      await cache.put(js.KEY, js.Response.new(body, options))
    `, { KEY: key!.url });
    expect(planted.error).to.equal(undefined);
    const { ready } = await checksOnFreshWorker(asyncRun);
    expect(ready.snapshot).to.equal(null);
    expect(ready.snapshotSkipped).to.contain('signature does not match');
    await waitUntil(async () => {
      const response = await (await caches.open(CACHE)).match(key!);
      return response?.headers.get('X-Py-Worker-Run-Signature')?.startsWith('0000') === false;
    }, 'a signed snapshot replaces the planted one', { timeout: 30_000 });
  });

  it('falls back to a normal boot when the cached snapshot is damaged, and replaces it', async () => {
    const cache = await caches.open(CACHE);
    const [key] = await cache.keys();
    await cache.put(key!, new Response(new Uint8Array(2_000_000).fill(7)));
    const { ready } = await checksOnFreshWorker(asyncRun);
    expect(ready.snapshot).to.equal(null);
    await waitUntil(async () => {
      const response = await (await caches.open(CACHE)).match(key!);
      return response !== undefined && (await response.clone().arrayBuffer()).byteLength > 2_000_000;
    }, 'a good snapshot replaces the damaged one', { timeout: 30_000 });
  });
});
