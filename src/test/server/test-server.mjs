// The test runner's server: the fixtures the tests need, made once per run (the CDN bundle built
// fresh, its snapshots, the framework apps, the parity record, test wheels, a second origin), and the
// routes that serve them to the test pages (middleware for @web/test-runner's Koa server).
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { build } from 'vite';
import { CONTENT_TYPES } from '../../build/chromium.mjs';
import { makeShippedSnapshot, snapshotFileName } from '../../build/make-snapshot.mjs';
import { PARITY_CASES, recordParity } from '../fixtures/parity.mjs';
import { busiestThread } from '../fixtures/threads.mjs';
import { writeTestPackages, zip } from '../fixtures/wheels.mjs';
import { buildFrameworkApps } from '../frameworks/build-apps.mjs';

const root = new URL('../../../', import.meta.url).pathname;

/**
 * Makes the fixtures for a run in `engine` (chromium, firefox or webkit), on pages that are
 * cross-origin `isolated` or not, and returns the middleware that serves them.
 */
/** The files the docs' examples name, relative to the page (docs-examples.test.ts gives its page the base /__docs/). */
const DOCS_FILES = {
  '/__docs/data/cities.csv': () => 'name,country\nLagos,Nigeria\nLima,Peru\n',
  '/__docs/notes.txt': () => 'Notes for the example: cities and shapes.\n',
  '/__docs/shapes.zip': () => zip({ 'square.txt': '4 sides', 'triangle.txt': '3 sides' }),
};

export async function testServer({ engine, isolated }) {
  /** The Pyodide files the README tells self-hosters to copy; the bundle tests get only these. */
  const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

  /**
   * The CDN bundle, built fresh for this test run (tests never depend on an earlier `npm run build`),
   * with Pyodide beside it, as a self-hoster or a CDN serves them: `/py-worker-run.js`, `/pyodide/FILE`.
   */
  const bundleDir = await mkdtemp(join(tmpdir(), 'py-worker-run-bundle-'));
  await build({ configFile: join(root, '.config/vite.config.ts'), logLevel: 'warn', build: { outDir: bundleDir, emptyOutDir: true } });
  /**
   * The memory snapshot shipped beside the bundle (only the plain run has tests that boot from it):
   * made in WebKit for the WebKit run, else in Chromium. Pages name `snapshotFile`; the worker asks
   * for the WebKit one under its own name (src/shared/engine-snapshot.ts).
   */
  const snapshotFile = snapshotFileName();
  const snapshotEngine = engine === 'webkit' ? 'webkit' : 'chromium';
  const engineSnapshotFile = snapshotFileName(undefined, snapshotEngine);
  if (!isolated) await makeShippedSnapshot(bundleDir, { engine: snapshotEngine });

  /**
   * A snapshot that crashes Python as soon as the worker sets up in it (as a damaged one may): the
   * types.ModuleType that our runner's modules are made with recurses through C past the stack, a
   * fatal error. Served at /crashing.snapshot.zst, and as Pyodide made it at /crashing.plain.snapshot.
   */
  const CRASHING_SNAPSHOT = 'crashing.snapshot.zst';
  const CRASHING_PLAIN_SNAPSHOT = 'crashing.plain.snapshot';
  const CRASHING_PREPARE = `
  import sys, types
  sys.setrecursionlimit(1_000_000)
  def module_type(*args):
      return list(map(module_type, [args]))
  types.ModuleType = module_type
  `;
  if (!isolated) await makeShippedSnapshot(bundleDir, { engine: snapshotEngine, prepare: CRASHING_PREPARE, fileName: CRASHING_SNAPSHOT, plainFileName: CRASHING_PLAIN_SNAPSHOT });

  /**
   * The framework test apps (src/test/frameworks/), built against the npm build of the package, served
   * under /frameworks/; the React app's server render at /frameworks/ssr/NAME?values=JSON.
   */
  const frameworksDir = await mkdtemp(join(tmpdir(), 'py-worker-run-frameworks-'));
  const reactServer = isolated ? undefined : await buildFrameworks();

  async function buildFrameworks() {
    const npmDir = join(frameworksDir, 'npm');
    await build({ configFile: join(root, '.config/vite.config.ts'), mode: 'npm', logLevel: 'warn', build: { outDir: npmDir, emptyOutDir: true } });
    return buildFrameworkApps(npmDir, frameworksDir, join(root, 'node_modules'));
  }

  /** What Python prints for each parity case run as a script (src/test/fixtures/parity.mjs), served at /__parity.json. */
  const parity = isolated ? undefined : { cases: PARITY_CASES, expected: await recordParity(join(root, 'node_modules/pyodide/')) };

  /** Test wheels and a lock file listing one of them, served under /test-packages/. */
  const packagesDir = await mkdtemp(join(tmpdir(), 'py-worker-run-packages-'));
  writeTestPackages(packagesDir, join(root, 'node_modules/pyodide'));

  /** Serves `file` with the content type of its extension. */
  function sendFile(context, file) {
    context.type = CONTENT_TYPES[extname(file)];
    context.body = createReadStream(file);
  }

  /** Counts one fetch of `key` in `counts` (the tests read the counts back). */
  const countFetch = (counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1);

  function bundleFile(path) {
    // The bundle, its editor chunk (py-worker-run-*.js), and the snapshot.
    if (/^\/py-worker-run(-[\w-]+)?\.js$/.test(path)) return join(bundleDir, path.slice(1));
    if (path === `/${snapshotFile}` || path === `/${engineSnapshotFile}`) return existsSync(join(bundleDir, engineSnapshotFile)) ? join(bundleDir, engineSnapshotFile) : undefined; // made for the plain run only
    const name = path.startsWith('/pyodide/') ? path.slice('/pyodide/'.length) : '';
    return PYODIDE_FILES.includes(name) ? join(root, 'node_modules/pyodide', name) : undefined;
  }

  /** The bundle on another origin than the test pages, as from a CDN (which allows any origin). */
  const crossOrigin = await new Promise((resolve) => {
    const server = createServer((request, response) => {
      const file = bundleFile(new URL(request.url, 'http://x').pathname);
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      // As jsDelivr answers: a worker booted later (after a crash, a second one) reads the snapshot from the HTTP cache.
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)], 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=31536000, immutable' });
      createReadStream(file).pipe(response);
    });
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });

  /**
   * The same files under /self-hosted/ on the test pages' own origin; Pyodide under /bad-mime-pyodide/
   * with its .wasm as text/plain (which makes Pyodide's load hang); and /__env.json for the tests.
   */
  function bundleRoutes() {
    /** Tokens of the workers a test released (see /__held). */
    const releasedHolds = new Set();
    /** How often each /held-stdlib/ token's standard library was fetched. */
    const stdlibFetches = new Map();
    /** How often each /counted-pyodide/ token's wasm was fetched, and any of its files. */
    const wasmFetches = new Map();
    const pyodideFetches = new Map();
    /** How often each /__files/ path was fetched. */
    const fileFetches = new Map();
    return async (context, next) => {
      // The test snapshots are made in the engine under test; WebKit asks for them as NAME.webkit.snapshot.zst.
      const snapshotPath = context.path.replace(/\.webkit\.snapshot\.(zst|gz)$/, '.snapshot.$1');
      if (context.path === '/__parity.json' && parity) {
        context.body = parity;
        return;
      }
      if (context.path === '/__env.json') {
        context.body = { crossOrigin, isolated, snapshotFile };
        return;
      }
      if (context.path === '/csp/page.html') {
        // One element and the bundle, under the Content-Security-Policy given in ?policy= (if any); the
        // bundle and Pyodide self-hosted, or from the CDN stand-in (another origin) with ?cdn. ?code= and
        // ?attributes= (escaped by the test) change the element's code (6 * 7) and attributes; ?config=
        // is the page's config block.
        const from = context.query.cdn === undefined ? '/self-hosted' : crossOrigin;
        context.type = 'text/html';
        if (context.query.policy) context.set('Content-Security-Policy', context.query.policy);
        const { code = '6 * 7', attributes = '', config = '{}' } = context.query;
        context.body = `<!doctype html><meta name="py-worker-run:index-url" content="${from}/pyodide/">
          <script type="application/json" data-py-worker-run-config>${config}</script>
          <script type="module" src="${from}/py-worker-run.js"></script><py-worker-run ${attributes}>${code}</py-worker-run>`;
        return;
      }
      if (context.path === '/intent/page.html') {
        // The bundle self-hosted, Pyodide under /counted-pyodide/?token, ?body= (escaped by the test) as the page's cells,
        // ?config= as its config block (intent-loading.test.ts).
        const { token, body = '', config = '{}' } = context.query;
        context.type = 'text/html';
        context.body = `<!doctype html><meta name="py-worker-run:index-url" content="/counted-pyodide/${token}/">
          <script type="application/json" data-py-worker-run-config>${config}</script>
          <script type="module" src="/self-hosted/py-worker-run.js"></script>${body}`;
        return;
      }
      if (context.path === '/no-chunks/page.html') {
        // The bundle copied without the files beside it (self-hosted.test.ts).
        context.type = 'text/html';
        context.body = `<!doctype html><meta name="py-worker-run:index-url" content="/self-hosted/pyodide/">
          <script type="module" src="/no-chunks/py-worker-run.js"></script><py-worker-run>6 * 7</py-worker-run>`;
        return;
      }
      if (context.path === '/no-chunks/py-worker-run.js') {
        context.type = 'text/javascript';
        context.body = createReadStream(join(bundleDir, 'py-worker-run.js'));
        return;
      }
      if (context.path === '/__busiest-thread') {
        // The largest share of a core any thread of the browser's content processes used over half a second.
        context.body = await busiestThread(context.query.process, 500);
        return;
      }
      if (context.path === '/__held') {
        // A worker held by a test (workers.test.ts) asks here whether to go on: blocked 25 ms per question, so it barely uses a core.
        await new Promise((resolve) => setTimeout(resolve, 25));
        context.body = releasedHolds.has(context.query.token) ? 'stop' : 'go';
        return;
      }
      if (context.path === '/__release') {
        releasedHolds.add(context.query.token);
        context.body = '';
        return;
      }
      const dataFile = /^\/__files\/[\w-]+\/(.+)$/.exec(context.path);
      if (dataFile) {
        // Data files for files.test.ts, under a token per test, counting each fetch. The test runner makes
        // the browser cache a path with an extension for a year: the counted ones have none ("data").
        countFetch(fileFetches, context.path);
        const name = dataFile[1];
        if (name === 'data.csv' || name === 'data') context.body = 'a,b\n1,2\n3,4\n';
        else if (name === 'archive.zip') context.body = zip({ 'one.txt': 'one', 'inner/two.txt': 'two' });
        else if (name === 'not-a.zip') context.body = 'plain text';
        else if (name === 'big.bin') context.body = Readable.from([Buffer.alloc(1500, 1), Buffer.alloc(1500, 2)]); // no Content-Length
        else if (name === 'big-declared.bin') context.body = Buffer.alloc(3000, 1);
        else return next();
        return;
      }
      const docsFile = DOCS_FILES[context.path];
      if (docsFile) {
        // The data files the examples of docs/usage.md and docs/api.md name (docs-examples.test.ts).
        context.body = docsFile();
        return;
      }
      if (context.path === '/__file-fetches') {
        context.body = String(fileFetches.get(context.query.path) ?? 0);
        return;
      }
      if (context.path === '/hanging.py') {
        // A server that never answers: held until the browser gives the request up.
        await new Promise((resolve) => context.req.once('close', resolve));
        context.status = 504;
        return;
      }
      if (snapshotPath === '/damaged.snapshot.gz') {
        context.type = 'application/gzip';
        context.body = gzipSync(Buffer.alloc(2_000_000, 7));
        return;
      }
      if (snapshotPath === '/cut-short.snapshot.zst') {
        context.type = 'application/zstd';
        const file = readFileSync(join(bundleDir, engineSnapshotFile));
        context.body = file.subarray(0, file.length / 2);
        return;
      }
      if (snapshotPath === `/${CRASHING_SNAPSHOT}` && !isolated) {
        context.type = 'application/zstd';
        context.body = createReadStream(join(bundleDir, CRASHING_SNAPSHOT));
        return;
      }
      if (context.path === `/${CRASHING_PLAIN_SNAPSHOT}` && !isolated) {
        context.type = 'application/octet-stream';
        context.body = createReadStream(join(bundleDir, CRASHING_PLAIN_SNAPSHOT));
        return;
      }
      if (snapshotPath === `/content-encoded/${snapshotFile}`) {
        // As a server that compresses every response: the browser inflates it before the page reads it.
        context.type = 'application/zstd';
        context.set('Content-Encoding', 'gzip');
        context.body = gzipSync(readFileSync(join(bundleDir, engineSnapshotFile)));
        return;
      }
      if (snapshotPath === `/decoded/${snapshotFile}`) {
        // Decompressed, as the browser hands it over when a server sends the file with Content-Encoding: zstd.
        context.type = 'application/octet-stream';
        context.body = Buffer.from(zstdDecompress(readFileSync(join(bundleDir, engineSnapshotFile))));
        return;
      }
      if (snapshotPath === '/slow.snapshot.zst') {
        // The shipped snapshot at about 0.5 Mbit/s: too slow for it to pay off.
        context.type = 'application/zstd';
        context.body = Readable.from(trickle(join(bundleDir, engineSnapshotFile), 16 * 1024, 250));
        return;
      }
      if (reactServer && context.path.startsWith('/frameworks/ssr/')) {
        context.type = 'text/html';
        context.body = reactServer.renderToHTML(context.path.slice('/frameworks/ssr/'.length), JSON.parse(context.query.values));
        return;
      }
      if (context.path === '/frameworks/trusted-types.html') {
        // The React app (the npm build, bundled by Vite) on a page that enforces Trusted Types.
        context.type = 'text/html';
        context.set('Content-Security-Policy', "require-trusted-types-for 'script'");
        context.body = `<!doctype html><div id="root"></div><script type="module">
          const app = await import('/frameworks/react.js');
          app.configure({ indexURL: '/node_modules/pyodide/', snapshot: false });
          app.render('Mean', document.getElementById('root'), [1, 2, 6]);
        </script>`;
        return;
      }
      if (/^\/frameworks\/(react|svelte|vue)\.js$/.test(context.path)) {
        context.type = 'text/javascript';
        context.body = createReadStream(join(frameworksDir, context.path.slice('/frameworks/'.length)));
        return;
      }
      if (context.path.startsWith('/test-packages/')) {
        const name = context.path.slice('/test-packages/'.length);
        if (!/^[\w.-]+\.(whl|json)$/.test(name) || !existsSync(join(packagesDir, name))) return next();
        context.type = name.endsWith('.json') ? 'application/json' : 'application/zip';
        context.body = createReadStream(join(packagesDir, name));
        return;
      }
      const heldStdlib = /^\/held-stdlib\/([\w-]+)\/(.+)$/.exec(context.path);
      if (heldStdlib) {
        // Pyodide whose standard library is sent only once the test releases its token (/__release), counting its fetches.
        const [, token, name] = heldStdlib;
        const file = bundleFile(`/pyodide/${name}`);
        if (!file) return next();
        if (name !== 'python_stdlib.zip') {
          sendFile(context, file);
          return;
        }
        context.type = CONTENT_TYPES[extname(file)];
        countFetch(stdlibFetches, token);
        // The headers at once and the body on release, as a slow download; not stored, so the browser
        // does not hold a second request for it until the first is done.
        context.status = 200;
        context.set('Cache-Control', 'no-store');
        context.flushHeaders();
        context.body = Readable.from(
          (async function* () {
            while (!releasedHolds.has(token)) await new Promise((resolve) => setTimeout(resolve, 25));
            yield await readFile(file);
          })(),
        );
        return;
      }
      const counted = /^\/counted-pyodide\/([\w-]+)\/(.+)$/.exec(context.path);
      if (counted) {
        // Pyodide, never cached, counting the fetches of its wasm by token (compiled-wasm.test.ts).
        const [, token, name] = counted;
        const file = bundleFile(`/pyodide/${name}`);
        if (!file) return next();
        if (name === 'pyodide.asm.wasm') countFetch(wasmFetches, token);
        countFetch(pyodideFetches, token);
        context.set('Cache-Control', 'no-store');
        sendFile(context, file);
        return;
      }
      if (context.path === '/__pyodide-fetches') {
        context.body = String(pyodideFetches.get(context.query.token) ?? 0);
        return;
      }
      if (context.path === '/__wasm-fetches') {
        context.body = String(wasmFetches.get(context.query.token) ?? 0);
        return;
      }
      if (context.path === '/__stdlib-fetches') {
        context.body = String(stdlibFetches.get(context.query.token) ?? 0);
        return;
      }
      const broken = /^\/(wasm-500|no-stdlib)-pyodide\/(.+)$/.exec(context.path);
      if (broken) {
        // Pyodide with one of its files failing: the .wasm answers 500, or the standard library 404.
        const [, fault, name] = broken;
        if (fault === 'wasm-500' && name === 'pyodide.asm.wasm') context.status = 500;
        else if (fault === 'no-stdlib' && name === 'python_stdlib.zip') context.status = 404;
        else {
          const file = bundleFile(`/pyodide/${name}`);
          if (!file) return next();
          sendFile(context, file);
        }
        return;
      }
      if (context.path.startsWith('/bad-mime-pyodide/')) {
        const file = bundleFile(`/pyodide/${context.path.slice('/bad-mime-pyodide/'.length)}`);
        if (!file) return next();
        sendFile(context, file);
        if (file.endsWith('.wasm')) context.type = 'text/plain';
        return;
      }
      const file = context.path.startsWith('/self-hosted/') && bundleFile(context.path.slice('/self-hosted'.length));
      if (!file) return next();
      sendFile(context, file);
    };
  }

  /** The file in chunks of `bytes`, one every `ms`; stops when the reader goes away. */
  async function* trickle(file, bytes, ms) {
    const data = await readFile(file);
    for (let at = 0; at < data.length; at += bytes) {
      yield data.subarray(at, at + bytes);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }

  return bundleRoutes();
}
