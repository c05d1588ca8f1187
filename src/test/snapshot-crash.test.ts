// A memory snapshot that crashes Python while the worker boots from it (damaged, or from a browser that
// restores it differently): the page boots once without that snapshot, answers every waiting run, and
// never loops. The test server makes such a snapshot (/crashing.snapshot.zst): its compile() recurses
// through C past the stack, which kills Python as soon as the worker sets up in it.
import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { snapshotSecret } from '../runner/snapshot/snapshot-secret.js';
import { PROTOCOL_VERSION } from '../shared/protocol.js';
import { saveSnapshot, snapshotKey } from '../shared/snapshot-cache.js';
import { CRASH_CODE, type ReadyDetail } from './boot-checks.js';
import { LOCAL_INDEX_URL, useLocalPyodide } from './helpers.js';

const CACHE = 'py-worker-run-snapshots';

async function crashingSnapshot(): Promise<Uint8Array> {
  return new Uint8Array(await (await fetch('/crashing.plain.snapshot')).arrayBuffer());
}

/** Counts the workers the page starts, and the ready events, while `body` runs. */
async function watchingWorkers<T>(body: () => Promise<T>): Promise<{ value: T; workers: number; readies: ReadyDetail[] }> {
  const RealWorker = window.Worker;
  let workers = 0;
  window.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      workers++;
    }
  };
  const readies: ReadyDetail[] = [];
  const onReady = (event: Event) => readies.push((event as CustomEvent<ReadyDetail>).detail);
  window.addEventListener('py-worker-run:ready', onReady);
  try {
    return { value: await body(), workers, readies };
  } finally {
    window.Worker = RealWorker;
    window.removeEventListener('py-worker-run:ready', onReady);
  }
}

const RUNS = ['6 * 7', 'import json\njson.dumps([1])', 'print("out")'];

describe('a memory snapshot that crashes Python', () => {
  before(async () => {
    await caches.delete(CACHE);
    useLocalPyodide();
  });

  it('in Cache Storage: is deleted, and the runs waiting for it get a normal boot', async () => {
    const key = snapshotKey(new URL(LOCAL_INDEX_URL, location.href).href, PROTOCOL_VERSION);
    await saveSnapshot(key, await crashingSnapshot(), snapshotSecret()!); // signed: as if our own worker had made it
    configure({ snapshot: 'cache' });
    const { value: answers, workers, readies } = await watchingWorkers(() => Promise.all(RUNS.map((code) => asyncRun(code))));
    expect(answers.map((answer) => answer.error)).to.deep.equal([undefined, undefined, undefined]);
    expect(answers.map((answer) => answer.results)).to.deep.equal([42, '[1]', null]);
    expect(workers, 'the worker that crashed, and one booted normally').to.equal(2);
    expect(readies).to.have.length(1);
    expect(readies[0]!.snapshot).to.equal(null);
    expect(readies[0]!.snapshotSkipped).to.match(/booting from the cache snapshot failed \((Maximum call stack size exceeded\.?|too much recursion)\)/);
    expect(await (await caches.open(CACHE)).match(key), 'the crashing snapshot is deleted').to.equal(undefined);
  });

  it('shipped: the page boots without it from then on', async () => {
    await asyncRun(CRASH_CODE); // the next run needs a new worker
    configure({ snapshot: 'shipped', snapshotURL: '/crashing.snapshot.zst' });
    const first = await watchingWorkers(() => Promise.all(RUNS.map((code) => asyncRun(code))));
    expect(first.value.map((answer) => answer.results)).to.deep.equal([42, '[1]', null]);
    expect(first.workers).to.equal(2);
    expect(first.readies.map((ready) => ready.snapshot)).to.deep.equal([null]);
    expect(first.readies[0]!.snapshotSkipped).to.match(/booting from the shipped snapshot failed \((Maximum call stack size exceeded\.?|too much recursion)\)/);

    // A later worker does not try it again.
    const second = await watchingWorkers(async () => {
      await asyncRun(CRASH_CODE);
      return asyncRun('6 * 7');
    });
    expect(second.value.results).to.equal(42);
    expect(second.workers).to.equal(1);
  });
});
