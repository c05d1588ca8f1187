import { expect, fixture, html } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import type { PyWorkerRun } from '../py-worker-run.js';
import { LOCAL_INDEX_URL, nextOutcome, part, partText } from './helpers.js';

const MISSING = '/no-pyodide-here/';
const missingURL = new URL(MISSING, location.href).href;

describe('an unreachable Pyodide', () => {
  before(() => configure({ indexURL: MISSING }));

  it('answers asyncRun with an error naming the URL', async () => {
    const { results, error } = await asyncRun('1 + 1');
    expect(results).to.equal(undefined);
    expect(error).to.contain(`Python could not be loaded from ${missingURL}`);
  });

  it('fails every waiting element with an error naming the URL, and a later run retries', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const elements = [1, 2].map((n) => {
      const el = document.createElement('py-worker-run');
      el.textContent = String(n);
      return el;
    });
    const events = elements.map((el) => nextOutcome(el));
    container.append(...elements);
    for (const [i, event] of (await Promise.all(events)).entries()) {
      expect(event.type).to.equal('py-error');
      expect(event.detail.type).to.equal('PyodideLoadError');
      expect(event.detail.message).to.contain(missingURL);
      expect(partText(elements[i]!, 'error')).to.contain(missingURL);
      expect(elements[i]!.status).to.equal('error');
    }

    configure({ indexURL: LOCAL_INDEX_URL });
    const outcome = await (elements[1] as PyWorkerRun).run();
    expect(outcome.ok).to.equal(true);
    expect(outcome.value).to.equal(2);
    expect(part(elements[1]!, 'error')!.hidden).to.equal(true);
  });
});
