import { expect, html } from '@open-wc/testing';
import { configure } from '../index.js';
import { LOCAL_INDEX_URL, mount } from './helpers.js';

describe('configure() after elements started loading Python', () => {
  it('redirects a load still under way to the new index URL, keeping the waiting runs', async () => {
    // A load from here never finishes (its .wasm is served as text/plain): only a redirect can answer.
    configure({ indexURL: '/bad-mime-pyodide/' });
    const { outcome } = await mount(html`<py-worker-run>6 * 7</py-worker-run>`);
    configure({ indexURL: LOCAL_INDEX_URL });
    const event = await outcome;
    expect(event.type, event.detail.message).to.equal('py-result');
    expect(event.detail.value).to.equal(42);
  });
});
