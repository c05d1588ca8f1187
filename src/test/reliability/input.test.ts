import { expect, html, waitUntil } from '@open-wc/testing';
import { configure } from '../../index.js';
import { canWaitForInput } from '../engine.js';
import { answerInput, isolated, mount, part, setup, useLocalPyodide } from '../helpers.js';

useLocalPyodide();
// On isolated pages this makes input() block the worker on shared memory (the way for browsers
// without JSPI); elsewhere it has no effect and Python is suspended with JSPI.
configure({ interactiveInput: 'atomics' });

describe(`interactive input() (${setup}: ${isolated ? 'shared memory and Atomics' : 'stack switching'})`, () => {
  // Where neither can wait (WebKit on a plain page; WebKitGTK without JSC_useSharedArrayBuffer=1),
  // python-features.test.ts checks the error that says so.
  before(function () {
    if (!canWaitForInput) this.skip();
  });

  it('waits for the lines the reader types, in order, including non-ASCII text', async () => {
    const { el, outcome } = await mount(html`
      <py-worker-run>
        first = input("First: ")
        second = input("Second: ")
        print(f"{first} + {second}")
      </py-worker-run>
    `);
    await answerInput(el, 'Ada');
    await answerInput(el, 'Grace ✓ 漢字');
    const { detail } = await outcome;
    expect(detail.type, detail.message).to.equal(undefined);
    expect(detail.stdout).to.equal('First: Ada\nSecond: Grace ✓ 漢字\nAda + Grace ✓ 漢字\n');
  });

  it('can be stopped while it waits', async () => {
    const { el, outcome } = await mount(html`<py-worker-run>input("Never answered: ")</py-worker-run>`);
    await waitUntil(() => part(el, 'input-field'), 'input() shows a text field', { timeout: 30_000 });
    el.stop();
    expect((await outcome).detail.type).to.equal('RunStoppedError');
  });
});
