import { expect, fixture, html } from '@open-wc/testing';
import type { PyWorkerRun } from '../../py-worker-run.js';
import { setup, useLocalPyodide } from '../helpers.js';

useLocalPyodide();

describe(`stress (${setup})`, () => {
  it('gives 100 elements × 10 overlapping runs each its own correct answer', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const elements = Array.from({ length: 100 }, (_, i) => {
      const el = document.createElement('py-worker-run') as PyWorkerRun;
      el.manual = true;
      el.context = { i };
      return el;
    });
    container.append(...elements);
    const runs: Array<Promise<{ value: unknown }>> = [];
    const expected: number[] = [];
    for (let k = 0; k < 10; k++) {
      for (const [i, el] of elements.entries()) {
        el.code = `print(i)\ni * 1000 + ${k}`;
        runs.push(el.run());
        expected.push(i * 1000 + k);
      }
    }
    const outcomes = await Promise.all(runs);
    expect(outcomes.map((o) => o.value)).to.deep.equal(expected);
    expect(elements.every((el, i) => el.stdout === `${i}\n`)).to.equal(true);
  });
});
