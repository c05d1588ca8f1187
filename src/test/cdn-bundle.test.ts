// The CDN case: page on one origin, dist/py-worker-run.js and Pyodide on another. A Worker cannot
// be constructed from a cross-origin URL, so this passes only if the bundle carries its worker.
// This file must not import the source (the bundle defines the element itself).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { crossOrigin, loadBundle, setIndexURLMeta, type BundleModule } from './bundle-helpers.js';

describe('dist/py-worker-run.js from another origin', () => {
  let bundle: BundleModule;
  let origin: string;

  before(async () => {
    origin = await crossOrigin();
    expect(origin).not.to.equal(location.origin);
    setIndexURLMeta(`${origin}/pyodide/`);
    bundle = await loadBundle(`${origin}/py-worker-run.js`);
  });

  it('defines <py-worker-run> and exports asyncRun and configure', () => {
    expect(customElements.get('py-worker-run')).to.equal(bundle.PyWorkerRun);
    expect(typeof bundle.asyncRun).to.equal('function');
    expect(typeof bundle.configure).to.equal('function');
  });

  it('runs the example of the spec in a worker started from the bundle', async () => {
    const el = await fixture(html`
      <py-worker-run context='{"A_rank": [0.8, 0.4, 1.2, 3.7, 2.6, 5.8]}'>
        import statistics
        from js import A_rank
        statistics.stdev(A_rank)
      </py-worker-run>
    `);
    const value = await new Promise((resolve, reject) => {
      const settle = (event: Event) => {
        const { type, detail } = event as CustomEvent;
        if (type === 'py-result') resolve(detail.value);
        else reject(new Error(detail.message));
      };
      // The run needs Pyodide to boot, so it cannot have finished before these listeners exist.
      el.addEventListener('py-result', settle);
      el.addEventListener('py-error', settle);
    });
    expect(value).to.be.closeTo(2.0634, 1e-4);
  });

  it('makes a snapshot in the background with the chunk from beside the bundle', async () => {
    const cache = await caches.open('py-worker-run-snapshots');
    const ours = async () => (await cache.keys()).filter((key) => key.url.startsWith(`${origin}/pyodide/`));
    for (const key of await ours()) await cache.delete(key);
    const frame = document.createElement('iframe');
    frame.src = `/csp/page.html?cdn&config=${encodeURIComponent('{"snapshot": "cache"}')}`;
    document.body.append(frame);
    await waitUntil(async () => (await ours()).length === 1, 'a snapshot is cached', { timeout: 45_000 });
    frame.remove();
  });

  it('runs in a sandboxed iframe, an opaque origin (as code playgrounds embed pages)', async () => {
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts');
    // No localStorage, no Cache Storage, every fetch cross-origin, and only a classic worker from a blob: URL.
    frame.srcdoc = `<!doctype html><meta name="py-worker-run:index-url" content="${origin}/pyodide/">
      <script type="module" src="${origin}/py-worker-run.js"></script>
      <py-worker-run>import statistics\nprint("out")\nstatistics.mean([40, 44])</py-worker-run>
      <script>
        document.addEventListener('py-result', (event) => parent.postMessage({ value: event.detail.value, stdout: event.detail.stdout }, '*'));
        document.addEventListener('py-error', (event) => parent.postMessage({ error: event.detail.message }, '*'));
      </script>`;
    const answer = new Promise((resolve) => {
      const listen = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listen);
        resolve(event.data);
      };
      addEventListener('message', listen);
    });
    document.body.append(frame);
    const got = await answer;
    expect(got, JSON.stringify(got)).to.deep.equal({ value: 42, stdout: 'out\n' });
    frame.remove();
  });

  it('loads the editor of an editable element from beside the bundle', async () => {
    const el = await fixture(html`<py-worker-run editable manual>print("hi")</py-worker-run>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.cm-content'), 'the editor chunk loads from the other origin', { timeout: 30_000 });
    expect(el.shadowRoot!.querySelector('.cm-content')!.textContent).to.equal('print("hi")');
  });

  it("runs an element's src with the chunk from beside the bundle, which uses the bundle's own module", async () => {
    const el = await fixture(html`<py-worker-run src="/src/demo/hello.py"></py-worker-run>`);
    const { type, detail } = await new Promise<CustomEvent>((resolve) => {
      el.addEventListener('py-result', (event) => resolve(event as CustomEvent));
      el.addEventListener('py-error', (event) => resolve(event as CustomEvent));
    });
    expect(type, detail.message).to.equal('py-result');
    expect(detail.stdout).to.equal('hello from a file\n');
    const loads = (name: string) => performance.getEntriesByType('resource').filter((entry) => entry.name === `${origin}/${name}`).length;
    expect(loads('py-worker-run-fetch-code.js')).to.equal(1);
    expect(loads('py-worker-run.js'), 'the chunk imports the bundle already loaded, not a second copy').to.equal(1);
  });

  it('answers asyncRun through the same worker', async () => {
    const { results, error } = await bundle.asyncRun('import sys\nsys.version_info[:2]');
    expect(error).to.equal(undefined);
    expect(results).to.deep.equal([3, 14]);
  });
});
