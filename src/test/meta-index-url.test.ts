import { expect } from '@open-wc/testing';
import { asyncRun } from '../index.js';
import { LOCAL_INDEX_URL } from './helpers.js';

describe('<meta name="py-worker-run:index-url">', () => {
  it('sets where Pyodide is loaded from when configure() does not', async () => {
    const meta = document.createElement('meta');
    meta.name = 'py-worker-run:index-url';
    meta.content = LOCAL_INDEX_URL;
    document.head.append(meta);
    const { results, error } = await asyncRun('import sys\nsys.version_info[:2]');
    expect(error).to.equal(undefined);
    expect(results).to.deep.equal([3, 14]);
  });
});
