// What frameworks hand the element: JSON strings as properties, server-rendered markup that is
// hydrated later, text their compilers trimmed or dropped.
import { expect, html } from '@open-wc/testing';
import type { PyWorkerRun } from '../py-worker-run.js';
import { mount, nextOutcome, partText, useLocalPyodide } from './helpers.js';

useLocalPyodide();

describe('what frameworks hand the element', () => {
  it('takes a JSON string as the context property (React passes strings as properties)', async () => {
    const { el, outcome } = await mount(html`<py-worker-run .context=${'{"values": [1, 2, 6]}'}>import statistics\nstatistics.mean(values)</py-worker-run>`);
    const event = await outcome;
    expect(event.detail.value).to.equal(3);
    expect(el.context).to.deep.equal({ values: [1, 2, 6] });
  });

  it('names the context property when a JSON string set there is invalid', async () => {
    const { outcome } = await mount(html`<py-worker-run .context=${'{"values": [1,'}>1</py-worker-run>`);
    const event = await outcome;
    expect(event.detail.type).to.equal('ContextError');
    expect(event.detail.message).to.contain('context property is not valid JSON');
  });

  it('does not re-run for a new context object holding the same values (a framework re-rendering)', async () => {
    const values = [1, 2];
    const runs: unknown[] = [];
    const { el, outcome } = await mount(html`<py-worker-run .context=${{ values }} @py-run=${() => runs.push(1)}>sum(values)</py-worker-run>`);
    await outcome;
    el.context = { values };
    await el.updateComplete;
    expect(el.isUpdatePending).to.equal(false);
    const next = nextOutcome(el);
    el.context = { values: [5] };
    expect((await next).detail.value).to.equal(5);
    expect(runs).to.have.length(2);
  });

  it('does not re-run for a context equal in value, new arrays and objects included (Preact, Solid, Vue re-rendering)', async () => {
    const runs: unknown[] = [];
    const { el, outcome } = await mount(html`<py-worker-run .context=${{ values: [1, 2], meta: { n: 'a' } }} @py-run=${() => runs.push(1)}>sum(values)</py-worker-run>`);
    await outcome;
    el.context = { values: [1, 2], meta: { n: 'a' } };
    await el.updateComplete;
    expect(el.isUpdatePending).to.equal(false);
    const next = nextOutcome(el);
    el.context = { values: [1, 2, 3], meta: { n: 'a' } };
    expect((await next).detail.value).to.equal(6);
    expect(runs).to.have.length(2);
  });

  it('compares typed arrays and other non-plain values by identity: a new one re-runs', async () => {
    const { el, outcome } = await mount(html`<py-worker-run .context=${{ data: new Uint8Array([1, 2]) }}>sum(data)</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(3);
    const next = nextOutcome(el);
    el.context = { data: new Uint8Array([1, 2]) };
    expect((await next).detail.value).to.equal(3);
  });

  it('says what to write when a server renderer wrote an object context as "[object Object]"', async () => {
    const { outcome } = await mount(html`<py-worker-run context="[object Object]">1</py-worker-run>`);
    const event = await outcome;
    expect(event.detail.type).to.equal('ContextError');
    expect(event.detail.message).to.contain('a server renderer wrote an object as text');
    expect(event.detail.message).to.contain('context={JSON.stringify(data)}');
  });

  it('runs the code attribute a server renderer writes for a code binding, byte for byte (tabs, braces, <, &)', async () => {
    const code = 'x = {"a": "<b>&amp;</b>"}\nif x:\n\tprint(f"{{x}} {x[\'a\']}")\n';
    const holder = document.createElement('div');
    holder.innerHTML = `<py-worker-run code="${code.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')}">ignored text</py-worker-run>`;
    const el = holder.firstElementChild as PyWorkerRun;
    const outcome = nextOutcome(el);
    document.body.append(holder);
    const event = await outcome;
    expect(el.code).to.equal(code.slice(0, -1), 'as the code property: dedented, the final newline dropped');
    expect(event.detail.stdout).to.equal("{x} <b>&amp;</b>\n");
    holder.remove();
  });

  it('waits while it has defer-hydration, then runs once with the properties set before its removal', async () => {
    const runs: string[] = [];
    const { el, outcome } = await mount(
      html`<py-worker-run defer-hydration @py-run=${(e: CustomEvent) => runs.push(e.detail.code)}>sum(values)</py-worker-run>`,
    );
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(runs).to.deep.equal([]);
    expect(el.status).to.equal('idle');
    el.context = { values: [4, 5] };
    el.removeAttribute('defer-hydration');
    const event = await outcome;
    expect(event.type).to.equal('py-result');
    expect(event.detail.value).to.equal(9);
    expect(runs).to.have.length(1);
  });

  it('runs text whose first line a compiler trimmed (Svelte)', async () => {
    const { outcome } = await mount(html`<py-worker-run>${'import statistics\n  statistics.mean([1, 2])\n'}</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(1.5);
  });

  it('says so when it has no code to run, instead of staying blank', async () => {
    const { el, outcome } = await mount(html`<py-worker-run></py-worker-run>`);
    const event = await outcome;
    expect(event.detail.type).to.equal('InputError');
    expect(event.detail.message).to.contain('no code to run');
    expect(event.detail.message).to.contain('code property');
    expect(partText(el, 'error')).to.contain('no code to run');
  });

  it('runs code set after it reported having none', async () => {
    const { el, outcome } = await mount(html`<py-worker-run></py-worker-run>`);
    await outcome;
    const next = nextOutcome(el);
    (el as PyWorkerRun).code = '6 * 7';
    expect((await next).detail.value).to.equal(42);
  });

  it('waits quietly for the reader when an editable element starts empty', async () => {
    const { el } = await mount(html`<py-worker-run editable></py-worker-run>`);
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(el.status).to.equal('idle');
    expect(partText(el, 'error').trim()).to.equal('');
  });
});
