import { expect, fixture, html } from '@open-wc/testing';
import { createApp, h, nextTick, ref } from 'vue/dist/vue.runtime.esm-browser.prod.js';
import '../index.js';
import type { PyWorkerRun } from '../py-worker-run.js';
import { useLocalPyodide } from './helpers.js';

useLocalPyodide();

describe('in a Vue 3 app', () => {
  it('takes context as a property, reports py-result, and re-runs when the context changes', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const samples = ref({ A_rank: [1, 2, 3, 6] });
    const results: unknown[] = [];
    let onResult: () => void = () => {};
    const app = createApp({
      setup: () => () =>
        h(
          'py-worker-run',
          {
            context: samples.value,
            onPyResult: (event: CustomEvent) => {
              results.push(event.detail.value);
              onResult();
            },
          },
          'import statistics\nstatistics.mean(A_rank)',
        ),
    });
    const nextResult = () => new Promise<void>((resolve) => (onResult = resolve));
    let result = nextResult();
    app.mount(host);
    await result;
    const el = host.querySelector('py-worker-run') as PyWorkerRun;
    expect(el.context).to.deep.equal({ A_rank: [1, 2, 3, 6] }); // set as a property, not an attribute
    expect(el.hasAttribute('context')).to.equal(false);

    result = nextResult();
    samples.value = { A_rank: [10, 20] };
    await nextTick();
    await result;
    expect(results).to.deep.equal([3, 15]);
    app.unmount();
  });
});
