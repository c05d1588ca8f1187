// Pages with a Content Security Policy: the one the README gives works; a stricter one gets an
// error in the element that names the directive it lacks, instead of "Loading Python…" forever.
// Pages enforcing Trusted Types run it too, through its policy.
import { expect, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../../py-worker-run.js';
import { crossOrigin } from '../bundle-helpers.js';
import { setup } from '../helpers.js';

/** Opens the test server's page holding one element (the self-hosted bundle) under `policy`, and waits for its outcome. */
async function elementUnder(policy: string, fromCDN = false, element: { code?: string; attributes?: string } = {}): Promise<PyWorkerRun> {
  const frame = document.createElement('iframe');
  const code = element.code?.replaceAll('&', '&amp;').replaceAll('<', '&lt;'); // the server writes it into the page as it is
  const query = new URLSearchParams({ policy, ...element, ...(code ? { code } : {}) });
  if (fromCDN) query.set('cdn', '');
  frame.src = `/csp/page.html?${query}`;
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.querySelector('py-worker-run'), 'the page loads');
  const el = frame.contentDocument!.querySelector('py-worker-run') as PyWorkerRun;
  await waitUntil(() => el.status === 'done' || el.status === 'error', 'the element settles', { timeout: 60_000 });
  return el;
}

describe(`Content Security Policy (${setup})`, () => {
  it("runs under the README's policy for a self-hosted set-up", async () => {
    const el = await elementUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' blob:; worker-src blob:");
    expect(el.error).to.equal(undefined);
    expect(el.result).to.equal(42);
  });

  it('runs the code of a data: URL (the Markdown plugins) where connect-src does not allow data:', async () => {
    const src = `data:text/x-python;charset=utf-8;base64,${btoa('6 * 7')}`;
    const el = await elementUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' blob:; worker-src blob:", false, { attributes: `src="${src}"` });
    expect(el.error).to.equal(undefined);
    expect(el.result).to.equal(42);
  });

  it("runs under the README's policy for the CDN (a second origin stands in for it)", async () => {
    const cdn = await crossOrigin();
    const policy = "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net 'wasm-unsafe-eval'; connect-src 'self' https://cdn.jsdelivr.net blob:; worker-src blob:";
    const el = await elementUnder(policy.replaceAll('https://cdn.jsdelivr.net', cdn), true);
    expect(el.error).to.equal(undefined);
    expect(el.result).to.equal(42);
  });

  it("names 'wasm-unsafe-eval' when the policy forbids WebAssembly", async () => {
    const el = await elementUnder("default-src 'self'; script-src 'self'; worker-src blob:");
    expect(el.error!.type).to.equal('PyodideLoadError');
    expect(el.error!.message).to.contain("'wasm-unsafe-eval'");
    expect(el.error!.message).to.contain('script-src');
  });

  it('names worker-src blob: when the policy forbids the worker', async () => {
    const el = await elementUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
    expect(el.error!.type, el.error!.message).to.equal('PyodideLoadError');
    expect(el.error!.message).to.contain('worker-src blob:');
  });

  it('stops a run with KeyboardInterrupt, keeping the worker, where connect-src allows blob: (otherwise it replaces the worker)', async function () {
    if (crossOriginIsolated) this.skip(); // isolated pages interrupt through shared memory, whatever the policy
    const loop = { code: 'while True: pass', attributes: 'timeout="0.5"' };
    const allowed = await elementUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' blob:; worker-src blob:", false, loop);
    expect(allowed.error!.type).to.equal('RunTimeoutError');
    expect(allowed.error!.message).to.contain('KeyboardInterrupt');
    const refused = await elementUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:", false, loop);
    expect(refused.error!.type).to.equal('RunTimeoutError');
    // Without blob: a page that is not cross-origin isolated has no way to reach running Python.
    expect(refused.error!.message).to.contain('worker was replaced');
  });

  describe('a page enforcing Trusted Types', function () {
    // Its waits add up to more than mocha's 60 s (the element settling, then the sanitiser's and the
    // editor's chunks): beside the leak test's 2,000 runs on 2 cores, one ran out of test time in CI.
    this.timeout(120_000);
    const README = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:";
    const code = [
      'from py_worker_run import HTML, Markdown, display',
      'display(HTML("<b>bold</b><img src=x onerror=alert(1)>"))',
      'display(Markdown("*marked*"))',
      '6 * 7',
    ].join('\n');
    /** Waits until both displays are shown (as HTML, or as text when they cannot be). */
    const displays = async (el: PyWorkerRun) => {
      await waitUntil(() => el.shadowRoot!.querySelectorAll('[part=displays] > :not(pre)').length === 2, 'the displays are shown', { timeout: 30_000 });
      return el.shadowRoot!.querySelector('[part=displays]')!;
    };

    for (const list of ['', '; trusted-types py-worker-run lit-html dompurify']) {
      it(`runs, shows sanitised HTML and Markdown, and loads the editor${list ? ' (the policies the README lists)' : ''}`, async () => {
        const el = await elementUnder(`${README}; require-trusted-types-for 'script'${list}`, false, { code, attributes: 'editable' });
        expect(el.error?.message).to.equal(undefined);
        expect(el.result).to.equal(42);
        const shown = await displays(el);
        expect(shown.querySelector('b')?.textContent, shown.innerHTML).to.equal('bold');
        expect(shown.querySelector('em')?.textContent).to.equal('marked');
        expect(shown.querySelector('img')?.hasAttribute('onerror')).to.equal(false);
        await waitUntil(() => el.shadowRoot!.querySelector('.cm-content'), 'the editor loads', { timeout: 30_000 });
      });
    }

    it('shows trusted HTML with allow-html when the directive names py-worker-run', async () => {
      const policy = `${README}; require-trusted-types-for 'script'; trusted-types py-worker-run lit-html dompurify`;
      const el = await elementUnder(policy, false, { code, attributes: 'allow-html' });
      expect(el.result).to.equal(42);
      const shown = await displays(el);
      expect(shown.querySelector('img')?.getAttribute('onerror'), shown.innerHTML).to.equal('alert(1)');
      expect(shown.querySelector('em')?.textContent).to.equal('marked');
    });

    it('says to name py-worker-run in trusted-types when the directive leaves it out', async () => {
      const el = await elementUnder(`${README}; require-trusted-types-for 'script'; trusted-types lit-html dompurify`);
      expect(el.error!.type, el.error!.message).to.equal('PyodideLoadError');
      expect(el.error!.message).to.contain('add py-worker-run to its trusted-types directive');
    });
  });
});
