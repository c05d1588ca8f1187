// A boot from a memory snapshot does not wait for the standard library's zip: the modules imported
// before the snapshot are in memory. The test server holds the zip (under /held-stdlib/TOKEN/) until
// the test releases it, and counts its fetches.
import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { CRASH_CODE } from './boot-checks.js';
import { useLocalPyodide } from './helpers.js';

const release = (token: string) => fetch(`/__release?token=${token}`);
const fetches = async (token: string) => Number(await (await fetch(`/__stdlib-fetches?token=${token}`)).text());

/** Resolves once the server has seen `count` fetches of the token's zip (each answered only on release). */
async function fetched(token: string, count: number): Promise<void> {
  while ((await fetches(token)) < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A fresh worker booting from the shipped snapshot, its zip held under a new token. */
async function bootHeld(): Promise<string> {
  await asyncRun(CRASH_CODE); // the next run boots a new worker
  const token = `t${crypto.randomUUID()}`;
  const { snapshotFile } = (await (await fetch('/__env.json')).json()) as { snapshotFile: string };
  configure({ indexURL: `/held-stdlib/${token}/`, snapshot: 'shipped', snapshotURL: `/self-hosted/${snapshotFile}` });
  return token;
}

describe('the standard library after a boot from a snapshot', () => {
  before(async () => {
    await caches.delete('py-worker-run-snapshots');
    useLocalPyodide();
  });
  after(() => useLocalPyodide());

  it('is not waited for by code that imports only modules imported before the snapshot; other imports wait for it', async () => {
    const token = await bootHeld();
    // The zip is held: these answer only if they do not wait for it.
    const imported = await asyncRun('import sys, statistics\n[statistics.mean([1, 2, 3]), "colorsys" in sys.modules]');
    expect(imported.error).to.equal(undefined);
    expect(imported.results).to.deep.equal([2, false]);
    const later = asyncRun('import colorsys\ncolorsys.rgb_to_hsv(1, 0, 0)');
    await release(token);
    const { results, error } = await later;
    expect(error).to.equal(undefined);
    expect(results).to.deep.equal([0, 1, 1]);
    expect(await fetches(token), 'fetched once, after the boot').to.equal(1);
  });

  it('when it cannot be fetched, fails only the imports that need it, with an ImportError naming its URL', async () => {
    await asyncRun(CRASH_CODE);
    const { snapshotFile } = (await (await fetch('/__env.json')).json()) as { snapshotFile: string };
    configure({ indexURL: '/no-stdlib-pyodide/', snapshot: 'shipped', snapshotURL: `/self-hosted/${snapshotFile}` });
    const imported = await asyncRun('import statistics\nstatistics.mean([1, 2, 3])');
    expect(imported.error).to.equal(undefined);
    expect(imported.results).to.equal(2);
    const { results, error } = await asyncRun('try:\n    import colorsys\nexcept ImportError as e:\n    message = str(e)\nmessage');
    expect(error).to.equal(undefined);
    expect(results).to.contain(`${new URL('/no-stdlib-pyodide/python_stdlib.zip', location.href).href} answered 404`);
    expect(results).to.contain('so colorsys cannot be imported');
  });

  it('is fetched at once, synchronously, by an import the code does not show', async () => {
    const token = await bootHeld();
    expect((await asyncRun('6 * 7')).results).to.equal(42); // booted
    await fetched(token, 1); // the download after the boot, held
    const hidden = asyncRun('__import__("colorsys").rgb_to_hsv(1, 0, 0)');
    await fetched(token, 2); // the worker could not wait for the first: it asked again
    await release(token);
    const { results, error } = await hidden;
    expect(error).to.equal(undefined);
    expect(results).to.deep.equal([0, 1, 1]);
  });
});
