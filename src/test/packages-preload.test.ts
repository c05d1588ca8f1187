import { expect } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { LOCAL_INDEX_URL } from './helpers.js';

describe('configure({ packages })', () => {
  it('loads the packages while Python boots, before any run asks for them', async () => {
    configure({ indexURL: LOCAL_INDEX_URL, packages: ['/test-packages/pwr_extra-0.1-py3-none-any.whl'] });
    const { results, error } = await asyncRun('import sys, pyodide_js\n("pwr_extra" in pyodide_js.loadedPackages.to_py(), "pwr_extra" in sys.modules)');
    expect(error).to.equal(undefined);
    expect(results).to.deep.equal([true, false]); // installed, not yet imported
  });
});
