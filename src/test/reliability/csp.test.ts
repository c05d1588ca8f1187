// Pages with a Content Security Policy: the one the README gives works; a stricter one gets an
// error in the element that names the directive it lacks, instead of "Loading Python…" forever.
import { expect, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../../py-worker-run.js';
import { crossOrigin } from '../bundle-helpers.js';
import { setup } from '../helpers.js';

/** Opens the test server's page holding one element (the self-hosted bundle) under `policy`, and waits for its outcome. */
async function elementUnder(policy: string, fromCDN = false): Promise<PyWorkerRun> {
  const frame = document.createElement('iframe');
  frame.src = `/csp/page.html?policy=${encodeURIComponent(policy)}${fromCDN ? '&cdn' : ''}`;
  document.body.append(frame);
  await waitUntil(() => frame.contentDocument?.querySelector('py-worker-run'), 'the page loads');
  const el = frame.contentDocument!.querySelector('py-worker-run') as PyWorkerRun;
  await waitUntil(() => el.status === 'done' || el.status === 'error', 'the element settles', { timeout: 60_000 });
  return el;
}

describe(`Content Security Policy (${setup})`, () => {
  it("runs under the README's policy for a self-hosted set-up", async () => {
    const el = await elementUnder("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src blob:");
    expect(el.error).to.equal(undefined);
    expect(el.result).to.equal(42);
  });

  it("runs under the README's policy for the CDN (a second origin stands in for it)", async () => {
    const cdn = await crossOrigin();
    const policy = "default-src 'self'; script-src 'self' https://cdn.jsdelivr.net 'wasm-unsafe-eval'; connect-src 'self' https://cdn.jsdelivr.net; worker-src blob:";
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
});
