// A second worker instantiates the wasm the first one compiled (sent to it by the page) instead of
// fetching and compiling Pyodide's wasm again. Pyodide is served here uncached, counting wasm fetches.
import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import type { PythonReadyDetail } from '../runner/pool/worker-pool-types.js';
import { hold } from './helpers.js';

const token = `${Date.now()}`;
configure({ indexURL: `/counted-pyodide/${token}/`, workers: 2, snapshot: false });

const wasmFetches = async () => Number(await (await fetch(`/__wasm-fetches?token=${token}`)).text());

describe('a second worker', () => {
  it('boots from the wasm module the first one compiled, fetching no wasm', async () => {
    const ready: PythonReadyDetail[] = [];
    addEventListener('py-worker-run:ready', (event) => ready.push((event as CustomEvent<PythonReadyDetail>).detail));
    expect((await asyncRun('1 + 1')).results).to.equal(2);
    expect(await wasmFetches()).to.equal(1);
    const busy = hold();
    const held = asyncRun(busy.code);
    // Waits behind the held run until a second worker starts and takes it.
    expect((await asyncRun('import statistics\nstatistics.mean([1, 2, 6])')).results).to.equal(3);
    expect(ready.map((detail) => detail.worker)).to.deep.equal([1, 2]);
    expect(await wasmFetches(), 'the second worker fetched the wasm again').to.equal(1);
    await busy.release();
    expect((await held).results).to.equal('released');
  });
});
