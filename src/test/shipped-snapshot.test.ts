// The memory snapshot `npm run build` ships beside dist/py-worker-run.js, booted from by the bundle
// served from another origin, as from a CDN. This file must not import the source.
import { expect, fixture, html } from '@open-wc/testing';
import { checksOnBoot, checksOnFreshWorker } from './boot-checks.js';
import { crossOrigin, loadBundle, setIndexURLMeta, type BundleModule } from './bundle-helpers.js';

describe('the snapshot shipped beside dist/py-worker-run.js', () => {
  let bundle: BundleModule;

  before(async () => {
    await caches.delete('py-worker-run-snapshots'); // a cached snapshot would be used first
    const origin = await crossOrigin();
    setIndexURLMeta(`${origin}/pyodide/`);
    bundle = await loadBundle(`${origin}/py-worker-run.js`);
  });

  it('is booted from by default, with the same results as a normal boot, and random reseeded per worker', async () => {
    const first = await checksOnBoot(bundle.asyncRun);
    expect(first.ready).to.include({ fromSnapshot: true, snapshot: 'shipped' });
    const second = await checksOnFreshWorker(bundle.asyncRun);
    expect(second.ready.snapshot).to.equal('shipped');
    expect(second.results[3], 'two workers from one snapshot draw different random numbers').not.to.equal(first.results[3]);
  });

  it('loads a package from a wheel URL after booting from it', async () => {
    const el = await fixture(html`
      <py-worker-run packages="${location.origin}/test-packages/pwr_extra-0.1-py3-none-any.whl">import pwr_extra\npwr_extra.ANSWER</py-worker-run>
    `);
    const event = await new Promise<CustomEvent>((resolve) => {
      el.addEventListener('py-result', (e) => resolve(e as CustomEvent), { once: true });
      el.addEventListener('py-error', (e) => resolve(e as CustomEvent), { once: true });
    });
    expect(event.detail.value, event.detail.message).to.equal(42);
  });
});
