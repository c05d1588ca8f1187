import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../../index.js';
import { CRASH_CODE } from '../boot-checks.js';
import { LOCAL_INDEX_URL, setup } from '../helpers.js';

describe(`a Pyodide load that hangs (${setup})`, () => {
  it('fails after the load timeout with a clear error, and a later run retries', async () => {
    // Served with its .wasm as text/plain, Pyodide's load never settles.
    configure({ indexURL: '/bad-mime-pyodide/', loadTimeout: 3 });
    const { error } = await asyncRun('1 + 1');
    expect(error).to.contain('did not finish loading within 3 s');
    expect(error).to.contain('application/wasm');
    configure({ indexURL: LOCAL_INDEX_URL, loadTimeout: 120 });
    expect((await asyncRun('1 + 1')).results).to.equal(2);
  });

  it("reports a failed fetch of Pyodide's own files at once, with its URL and status", async () => {
    for (const [folder, file, status] of [
      ['/wasm-500-pyodide/', 'pyodide.asm.wasm', '500'],
      ['/no-stdlib-pyodide/', 'python_stdlib.zip', '404'],
    ] as const) {
      configure({ indexURL: folder, loadTimeout: 120 }); // waiting for the load timeout would fail the test (60 s)
      await asyncRun(CRASH_CODE); // a running worker stays: a crash makes the next run boot from the folder
      const { error } = await asyncRun('1 + 1');
      expect(error, folder).to.contain(`${new URL(folder, location.href).href}${file} answered ${status}`);
    }
    configure({ indexURL: LOCAL_INDEX_URL });
    expect((await asyncRun('1 + 1')).results).to.equal(2);
  });
});
