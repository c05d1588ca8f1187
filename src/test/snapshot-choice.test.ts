// configure({ snapshot, snapshotURL }): when the shipped snapshot is used, and the normal boot that
// replaces it whenever it is missing, damaged, or too slow to download.
import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { checksOnBoot, checksOnFreshWorker } from './boot-checks.js';
import { useLocalPyodide } from './helpers.js';

describe('choosing the snapshot to boot from', () => {
  before(async () => {
    await caches.delete('py-worker-run-snapshots');
    useLocalPyodide();
  });

  it('gives the shipped snapshot up when its first bytes come too slowly, and boots normally', async () => {
    configure({ snapshotURL: '/slow-snapshot.gz' }); // about 2 Mbit/s
    const { ready } = await checksOnBoot(asyncRun);
    expect(ready.snapshot).to.equal(null);
  });

  it("boots from the snapshot at snapshotURL with snapshot: 'shipped'", async () => {
    const { snapshotFile } = (await (await fetch('/__env.json')).json()) as { snapshotFile: string };
    configure({ snapshot: 'shipped', snapshotURL: `/self-hosted/${snapshotFile}` });
    const { ready } = await checksOnFreshWorker(asyncRun);
    expect(ready.snapshot).to.equal('shipped');
  });

  for (const [what, url] of [
    ['missing', '/no-such-snapshot.gz'],
    ['damaged', '/damaged-snapshot.gz'],
  ]) {
    it(`boots normally when the shipped snapshot is ${what}`, async () => {
      configure({ snapshot: 'shipped', snapshotURL: url });
      const { ready } = await checksOnFreshWorker(asyncRun);
      expect(ready.snapshot).to.equal(null);
    });
  }

  it('refuses a snapshot setting it does not know', () => {
    expect(() => configure({ snapshot: 'always' as never })).to.throw(TypeError, /true, false, 'cache' or 'shipped'/);
    expect(() => configure({ snapshotURL: 42 as never })).to.throw(TypeError, /snapshotURL/);
  });
});
