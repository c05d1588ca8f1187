// Options written into the page before any script (a CDN page cannot call configure() before the
// bundle's elements start Python): they apply to the first boot.
import { expect } from '@open-wc/testing';
import { LOCAL_INDEX_URL } from './helpers.js';

const block = document.createElement('script');
block.type = 'application/json';
block.dataset.pyWorkerRunConfig = '';
block.textContent = JSON.stringify({ indexURL: '/bad-mime-pyodide/', loadTimeout: 3 });
document.head.append(block);
// Imported after the block exists, as the bundle would be after it in the HTML.
const { asyncRun, configure } = await import('../index.js');
const { configFromPage } = await import('../runner/page-runner.js');

describe('configuration in the page', () => {
  it('applies the data-py-worker-run-config block to the first boot', async () => {
    // Served with its .wasm as text/plain, Pyodide's load never settles: only the block's load timeout ends it.
    const { error } = await asyncRun('1 + 1');
    expect(error).to.contain(`Python could not be loaded from ${new URL('/bad-mime-pyodide/', location.href).href}`);
    expect(error).to.contain('did not finish loading within 3 s');
  });

  it('applies a load timeout configured while Python loads to that load', async () => {
    const pending = asyncRun('1 + 1');
    configure({ loadTimeout: 1 });
    expect((await pending).error).to.contain('did not finish loading within 1 s');
    configure({ indexURL: LOCAL_INDEX_URL, loadTimeout: 120 });
    expect((await asyncRun('1 + 1')).results).to.equal(2);
  });

  it('reports a block that is not JSON, or names an unknown option, on the console and ignores it', () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (message: string) => logged.push(message);
    try {
      for (const text of ['{ timeout: 5 }', '{"timeOut": 5}']) {
        block.textContent = text;
        expect(configFromPage(), text).to.deep.equal({});
      }
    } finally {
      console.error = original;
    }
    expect(logged[0]).to.contain('not valid JSON');
    expect(logged[1]).to.contain('no option "timeOut"');
  });
});
