import { expect, fixture, html } from '@open-wc/testing';
import type { PyWorkerRun } from '../../py-worker-run.js';
import { nextOutcome, setup, useLocalPyodide } from '../helpers.js';

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

  it('settles 1,000 elements connected at once, re-rendering only those in view while they wait', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const renders = new Map<Element, number>();
    const proto = customElements.get('py-worker-run')!.prototype as { render: (this: Element) => unknown };
    const render = proto.render;
    proto.render = function (this: Element) {
      renders.set(this, (renders.get(this) ?? 0) + 1);
      return render.call(this);
    };
    try {
      const elements = Array.from({ length: 1_000 }, (_, n) => {
        const el = document.createElement('py-worker-run') as PyWorkerRun;
        el.context = { n };
        el.textContent = 'import time\nend = time.monotonic() + 0.002\nwhile time.monotonic() < end:\n    pass\nn * 2';
        return el;
      });
      const values = Promise.all(elements.map((el) => nextOutcome(el).then((event) => event.detail.value as number)));
      container.append(...elements);
      expect(await values).to.deep.equal(elements.map((_, n) => n * 2));
      // Each element renders a handful of times (connected, loading, running, done); the elapsed-time
      // clock re-renders only the few in view, however long the others wait.
      const ticked = elements.filter((el) => (renders.get(el) ?? 0) > 8);
      const inView = elements.filter((el) => el.getBoundingClientRect().top < window.innerHeight);
      expect(ticked.length, `${ticked.length} elements rendered more than 8 times`).to.be.at.most(inView.length + 50);
    } finally {
      proto.render = render;
    }
  });
});

