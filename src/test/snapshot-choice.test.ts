// configure({ snapshot, snapshotURL }): when the shipped snapshot is used, and the normal boot that
// replaces it whenever it is missing, damaged, or too slow to download.
import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { checksOnFreshWorker } from './boot-checks.js';
import { useLocalPyodide } from './helpers.js';

describe('choosing the snapshot to boot from', () => {
  before(async () => {
    await caches.delete('py-worker-run-snapshots');
    useLocalPyodide();
  });

  for (const [what, folder] of [
    ['compressed again by the server (Content-Encoding: gzip)', 'content-encoded'],
    ['decompressed by the browser (as with Content-Encoding: zstd)', 'decoded'],
  ]) {
    it(`boots from a shipped snapshot ${what}, at a root-relative URL`, async () => {
      const { snapshotFile } = (await (await fetch('/__env.json')).json()) as { snapshotFile: string };
      // 'shipped': this is about the encoding and the URL, not the speed check (which a loaded machine can fail).
      configure({ snapshot: 'shipped', snapshotURL: `/${folder}/${snapshotFile}` });
      const { ready } = await checksOnFreshWorker(asyncRun);
      expect(ready.snapshot, ready.snapshotSkipped ?? '').to.equal('shipped');
      expect(ready.snapshotSkipped).to.equal(null);
    });
  }

  it('keeps the shipped snapshot on a fast link while the CPU is busy', async () => {
    const { snapshotFile } = (await (await fetch('/__env.json')).json()) as { snapshotFile: string };
    configure({ snapshot: true, snapshotURL: `/self-hosted/${snapshotFile}` });
    // Both cores busy: one spinning worker here, and the page's own worker booting.
    const spin = new Worker(URL.createObjectURL(new Blob(['for (;;) {}'], { type: 'text/javascript' })));
    try {
      const { ready } = await checksOnFreshWorker(asyncRun);
      expect(ready.snapshot, ready.snapshotSkipped ?? '').to.equal('shipped');
    } finally {
      spin.terminate();
    }
  });

  it("boots from the snapshot at snapshotURL with snapshot: 'shipped'", async () => {
    const { snapshotFile } = (await (await fetch('/__env.json')).json()) as { snapshotFile: string };
    configure({ snapshot: 'shipped', snapshotURL: `/self-hosted/${snapshotFile}` });
    const { ready } = await checksOnFreshWorker(asyncRun);
    expect(ready.snapshot).to.equal('shipped');
  });

  for (const [what, url] of [
    ['missing', '/no-such.snapshot.zst'],
    ['damaged', '/damaged.snapshot.gz'],
    ['cut short', '/cut-short.snapshot.zst'],
  ]) {
    it(`boots normally when the shipped snapshot is ${what}`, async () => {
      configure({ snapshot: 'shipped', snapshotURL: url });
      const { ready } = await checksOnFreshWorker(asyncRun);
      expect(ready.snapshot).to.equal(null);
      expect(ready.snapshotSkipped).to.be.a('string').and.not.equal('');
    });
  }

  it('gives the shipped snapshot up when its first bytes come too slowly, boots normally, and says why', async () => {
    // Last: after a normal boot a snapshot is cached in the background, and later boots would use it.
    configure({ snapshot: true, snapshotURL: '/slow.snapshot.zst' }); // about 0.5 Mbit/s
    const { ready } = await checksOnFreshWorker(asyncRun);
    expect(ready.snapshot).to.equal(null);
    expect(ready.snapshotSkipped).to.match(/too slow a network/);
  });

  it('refuses a snapshot setting it does not know', () => {
    expect(() => configure({ snapshot: 'always' as never })).to.throw(TypeError, /true, false, 'cache' or 'shipped'/);
    expect(() => configure({ snapshotURL: 42 as never })).to.throw(TypeError, /snapshotURL/);
  });
});
