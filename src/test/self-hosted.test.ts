// Self-hosting: the bundle and the Pyodide files listed in the README, served from the page's own
// origin, with configure({ indexURL }) pointing at them.
import { expect } from '@open-wc/testing';
import { loadBundle } from './bundle-helpers.js';

describe('a self-hosted Pyodide', () => {
  it('runs the bundle with only the files the README lists', async () => {
    const bundle = await loadBundle('/self-hosted/py-worker-run.js');
    bundle.configure({ indexURL: '/self-hosted/pyodide/' });
    const { results, error, stdout } = await bundle.asyncRun('import json\nprint(json.dumps({"a": 1}))\n6 * 7');
    expect(error).to.equal(undefined);
    expect(stdout).to.equal('{"a": 1}\n');
    expect(results).to.equal(42);
  });
});
