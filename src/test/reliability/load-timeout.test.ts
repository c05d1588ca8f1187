import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../../index.js';
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
});
