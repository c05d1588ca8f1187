import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../index.js';
import { hold, nextOutcome, partText, useLocalPyodide } from './helpers.js';

useLocalPyodide();

/** A page fragment with controls and one element bound to them; resolves once its first run settled. */
async function page(template: ReturnType<typeof html>): Promise<{ root: HTMLElement; el: PyWorkerRun; first: CustomEvent; runs: () => number }> {
  const root = await fixture<HTMLDivElement>(html`<div></div>`);
  const holder = document.createElement('div');
  const { render } = await import('lit');
  render(template, holder);
  const el = holder.querySelector('py-worker-run')!;
  let runs = 0;
  el.addEventListener('py-run', () => runs++);
  const first = nextOutcome(el);
  root.append(...holder.childNodes);
  return { root, el, first: await first, runs: () => runs };
}

function change(control: HTMLInputElement | HTMLSelectElement, value: string, type: 'input' | 'change' = 'input'): void {
  control.value = value;
  control.dispatchEvent(new Event(type, { bubbles: true }));
}

describe('inputs', () => {
  it('makes each control a Python global of its type: numbers, booleans, strings, lists', async () => {
    const { first } = await page(html`
      <input id="count" type="number" value="3" />
      <input id="ratio" type="range" min="0" max="1" step="0.25" value="0.5" />
      <input id="shown" type="checkbox" checked />
      <input id="title-text" value="hi" />
      <select name="size"><option>s</option><option selected>m</option></select>
      <select id="tags" multiple><option selected>a</option><option>b</option><option selected>c</option></select>
      <input type="radio" name="flavour" value="plain" /><input type="radio" name="flavour" value="salted" checked />
      <py-worker-run inputs="#count #ratio #shown #title-text select[name=size] #tags choice=input[name=flavour]">
        [count, type(count).__name__, ratio, shown, title_text, size, tags, choice]
      </py-worker-run>
    `);
    expect(first.type, first.detail.message).to.equal('py-result');
    expect(first.detail.value).to.deep.equal([3, 'int', 0.5, true, 'hi', 'm', ['a', 'c'], 'salted']);
  });

  it('re-runs when a control changes, with its new value, also read through from js import', async () => {
    const { root, el, first } = await page(html`
      <input id="n" type="number" value="2" />
      <py-worker-run inputs="#n" context='{"k": 10}'>from js import n as m\nn * k + m</py-worker-run>
    `);
    expect(first.detail.value).to.equal(22);
    const next = nextOutcome(el);
    change(root.querySelector('#n')!, '5');
    expect((await next).detail.value).to.equal(55);
  });

  it('coalesces changes during a run into one run with the latest values, without stopping the run', async () => {
    const held = hold();
    const code = `if n == 1:\n${held.code.replace(/^/gm, '    ')}\nn`;
    const root = await fixture<HTMLDivElement>(html`<div><input id="n" type="number" value="1" /></div>`);
    const el = document.createElement('py-worker-run');
    el.setAttribute('inputs', '#n');
    el.code = code;
    let runs = 0;
    el.addEventListener('py-run', () => runs++);
    const started = oneEvent(el, 'py-run');
    const firstOutcome = nextOutcome(el);
    root.append(el);
    await started;
    const input = root.querySelector<HTMLInputElement>('#n')!;
    for (const value of ['2', '3', '4', '5', '6']) change(input, value);
    await held.release();
    const first = await firstOutcome;
    expect(first.detail.value, 'the first run was not stopped').to.equal(1);
    expect((await nextOutcome(el)).detail.value).to.equal(6);
    await el.run(); // runs after any run still queued
    expect(runs).to.equal(3); // the held one, one for five changes, and this one
  });

  it('runs on the next change after stop() dropped a queued automatic run', async () => {
    const held = hold();
    const root = await fixture<HTMLDivElement>(html`<div><input id="n" type="number" value="1" /></div>`);
    const el = document.createElement('py-worker-run');
    el.setAttribute('inputs', '#n');
    el.code = `if n == 1:\n${held.code.replace(/^/gm, '    ')}\nn`;
    const started = oneEvent(el, 'py-run');
    root.append(el);
    await started;
    const input = root.querySelector<HTMLInputElement>('#n')!;
    change(input, '2'); // queued behind the held run
    const stops: string[] = [];
    el.addEventListener('py-error', (event) => stops.push(event.detail.type));
    el.stop();
    // The queued run is dropped at once; the held one is interrupted where it is.
    await waitUntil(() => stops.length === 2, 'both runs report the stop', { timeout: 10_000 });
    expect(stops).to.deep.equal(['RunStoppedError', 'RunStoppedError']);
    const next = nextOutcome(el);
    change(input, '3');
    expect((await next).detail.value).to.equal(3);
    await held.release();
  });

  it('with inputs-interrupt, a change stops the run in progress and runs with the new value', async () => {
    const held = hold();
    const root = await fixture<HTMLDivElement>(html`<div><input id="n" type="number" value="1" /></div>`);
    const el = document.createElement('py-worker-run');
    el.setAttribute('inputs', '#n');
    el.toggleAttribute('inputs-interrupt', true);
    el.code = `if n == 1:\n${held.code.replace(/^/gm, '    ')}\nn`;
    const started = oneEvent(el, 'py-run');
    const stopped = nextOutcome(el);
    root.append(el);
    await started;
    change(root.querySelector('#n')!, '2');
    expect((await stopped).detail.type).to.equal('RunStoppedError');
    expect((await nextOutcome(el)).detail.value).to.equal(2);
    await held.release();
  });

  it('follows a control a framework re-renders, and no longer listens to the removed one', async () => {
    const { root, el, runs } = await page(html`
      <input id="n" type="number" value="1" />
      <py-worker-run inputs="#n">n</py-worker-run>
    `);
    const old = root.querySelector<HTMLInputElement>('#n')!;
    const replacement = Object.assign(document.createElement('input'), { id: 'n', type: 'number', value: '7' });
    old.replaceWith(replacement);
    change(old, '100'); // detached: nobody hears it
    await el.run();
    expect(runs()).to.equal(2);
    const next = nextOutcome(el);
    change(replacement, '8', 'change');
    expect((await next).detail.value).to.equal(8);
  });

  it('does not run on changes when manual; Run reads the current values', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><input id="n" type="number" value="1" /><py-worker-run manual inputs="#n">n</py-worker-run></div>`);
    const el = root.querySelector('py-worker-run')!;
    let runs = 0;
    el.addEventListener('py-run', () => runs++);
    change(root.querySelector('#n')!, '4');
    expect((await el.run()).value).to.equal(4);
    expect(runs).to.equal(1);
  });

  it('says which selector finds no control, or is not one', async () => {
    for (const [inputs, message] of [
      ['#nowhere', '"#nowhere" matches no element in this page'],
      ['#[', '"#[" is not a CSS selector'],
      ['#para', '"#para" finds a <p>, not a form control'],
      ['#bad-name-2x', 'not a Python name'],
    ]) {
      const root = await fixture<HTMLDivElement>(html`<div><p id="para"></p><input id="bad-name-2x" name="2x" /></div>`);
      const el = document.createElement('py-worker-run');
      el.setAttribute('inputs', inputs!);
      el.textContent = '1';
      const outcome = nextOutcome(el);
      root.append(el);
      const { detail } = await outcome;
      expect(detail.type, inputs).to.equal('InputError');
      expect(detail.message, inputs).to.contain(message);
      expect(partText(el, 'error'), inputs).to.contain('inputs attribute');
    }
  });
});
