import { expect, html } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { LOCAL_INDEX_URL, mount, partText } from './helpers.js';

// Test wheels built by the test config, and a lock file listing pwr_demo and pwr_auto (offline).
configure({ indexURL: LOCAL_INDEX_URL, lockFileURL: '/test-packages/pyodide-lock.json' });

describe('packages', () => {
  it('loads a .whl file named by URL before the run', async () => {
    const { outcome } = await mount(html`
      <py-worker-run packages="/test-packages/pwr_extra-0.1-py3-none-any.whl">import pwr_extra\npwr_extra.ANSWER</py-worker-run>
    `);
    const event = await outcome;
    expect(event.type, event.detail.message).to.equal('py-result');
    expect(event.detail.value).to.equal(42);
  });

  it('loads a package named in the lock file, saying so in the status line', async () => {
    const statuses = new Set<string>();
    const { el, outcome } = await mount(html`<py-worker-run packages="pwr_demo, /test-packages/pwr_extra-0.1-py3-none-any.whl">import pwr_demo, pwr_extra\npwr_demo.greet(f"{pwr_extra.ANSWER}")</py-worker-run>`);
    const observer = new MutationObserver(() => statuses.add(partText(el, 'status-text')));
    observer.observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
    const event = await outcome;
    observer.disconnect();
    expect(event.type, event.detail.message).to.equal('py-result');
    expect(event.detail.value).to.equal("hello 42");
    expect([...statuses].some((text) => /Loading .*pwr[-_]demo/.test(text)), [...statuses].join(' / ')).to.equal(true);
  });

  it('loads the packages that the code imports', async () => {
    const { results, error } = await asyncRun('import pwr_auto\npwr_auto.LOADED_BY');
    expect(error).to.equal(undefined);
    expect(results).to.equal('import');
  });

  it('names a package that cannot be found', async () => {
    const { outcome, el } = await mount(html`<py-worker-run packages="no-such-package">1</py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('PackageError');
    expect(detail.message).to.contain('no-such-package');
    expect(partText(el, 'error')).to.contain('no-such-package');
  });

  it('names a wheel that cannot be fetched', async () => {
    const { outcome } = await mount(html`<py-worker-run packages="/test-packages/pwr_missing-1.0-py3-none-any.whl">1</py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('PackageError');
    expect(detail.message).to.contain('pwr_missing');
  });
});
