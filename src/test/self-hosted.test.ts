// Self-hosting: the bundle and the Pyodide files listed in the README, served from the page's own
// origin, with configure({ indexURL }) pointing at them.
import { expect, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../py-worker-run.js';
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

  it('says which files are missing when only py-worker-run.js was copied', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/no-chunks/page.html';
    document.body.append(frame);
    await waitUntil(() => frame.contentDocument?.querySelector('py-worker-run'), 'the page loads');
    const el = frame.contentDocument!.querySelector('py-worker-run') as PyWorkerRun;
    await waitUntil(() => el.status === 'error', 'the element fails', { timeout: 30_000 });
    expect(el.error!.type).to.equal('PyodideLoadError');
    // The first file missing is the pool's chunk, loaded by import() (WebKit's message does not name it).
    expect(el.error!.message).to.match(/^Python could not start: the Python worker's code could not be loaded \(.+\)\. /);
    expect(el.error!.message).to.contain('every dist/py-worker-run-*.js');
    frame.remove();
  });
});
