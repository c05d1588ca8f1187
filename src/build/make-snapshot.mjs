// Makes the memory snapshot shipped beside the CDN bundle: Pyodide booted in a module worker of
// headless Chromium (the browser the tests use), snapshotted right after boot, before any code of
// ours or of a user runs in it, then gzipped. Run by `npm run build`; the tests call it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, CONTENT_TYPES } from './chromium.mjs';

const root = new URL('../../', import.meta.url).pathname;
const pyodideDir = join(root, 'node_modules/pyodide');

const page = `<!doctype html><script type="module">
  const worker = new Worker('/maker.mjs', { type: 'module' });
  window.done = new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
</script>`;

/** The same preparation as the snapshots the worker caches (src/worker/python-host.ts). */
const preimport = readFileSync(join(root, 'src/worker/python/preimport.py'), 'utf8');

const maker = (prepare) => `
import { loadPyodide } from '/pyodide/pyodide.mjs';
try {
  const pyodide = await loadPyodide({ indexURL: '/pyodide/', _makeSnapshot: true });
  pyodide.runPython(${JSON.stringify(prepare)});
  const response = await fetch('/snapshot', { method: 'POST', body: pyodide.makeMemorySnapshot() });
  postMessage(response.ok ? 'ok' : 'upload failed: ' + response.status);
} catch (error) {
  postMessage(String(error?.stack ?? error));
}
`;

/** The Pyodide build the snapshot belongs to (Pyodide refuses a snapshot of another build). */
export function pyodideBuild() {
  const { version } = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8'));
  const buildId = /BUILD_ID:"([0-9a-f]+)"/.exec(readFileSync(join(pyodideDir, 'pyodide.mjs'), 'utf8'))?.[1];
  if (!buildId) throw new Error('no BUILD_ID found in node_modules/pyodide/pyodide.mjs');
  return { version, buildId };
}

/** The snapshot's file name: it carries the Pyodide version and the start of its build id. */
export function snapshotFileName({ version, buildId } = pyodideBuild()) {
  return `pyodide-${version}-${buildId.slice(0, 12)}.snapshot.gz`;
}

/**
 * Makes the snapshot and writes it, gzipped, into `outDir`; resolves with its path and sizes.
 * `prepare` (Python run before the snapshot is taken) and `fileName` are for tests.
 */
export async function makeShippedSnapshot(outDir, { prepare = preimport, fileName = snapshotFileName() } = {}) {
  let snapshot;
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (request.method === 'POST' && path === '/snapshot') {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        snapshot = Buffer.concat(chunks);
        response.writeHead(204).end();
      });
      return;
    }
    const send = (type, body) => response.writeHead(200, { 'Content-Type': type }).end(body);
    if (path === '/') return send('text/html', page);
    if (path === '/maker.mjs') return send('text/javascript', maker(prepare));
    const name = path.startsWith('/pyodide/') ? path.slice('/pyodide/'.length) : '';
    if (/^[\w.-]+$/.test(name) && CONTENT_TYPES[extname(name)]) {
      try {
        return send(CONTENT_TYPES[extname(name)], readFileSync(join(pyodideDir, name)));
      } catch {
        // not there: 404 below
      }
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { chromium } = await import('playwright'); // only when making one: the Vite config reads the file name
  const browser = await chromium.launch(CHROMIUM);
  try {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    const outcome = await tab.evaluate(() => window.done);
    if (outcome !== 'ok' || !snapshot) throw new Error(`making the Pyodide snapshot failed: ${outcome}`);
  } finally {
    await browser.close();
    server.close();
  }
  const gzipped = gzipSync(snapshot, { level: 9 });
  const path = join(outDir, fileName);
  writeFileSync(path, gzipped);
  return { path, bytes: snapshot.length, gzipBytes: gzipped.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { path, bytes, gzipBytes } = await makeShippedSnapshot(process.argv[2] ?? join(root, 'dist'));
  // On stderr: `npm pack --json` runs the build and its stdout must stay JSON.
  console.error(`${path}: ${bytes.toLocaleString('en-US')} bytes, ${gzipBytes.toLocaleString('en-US')} gzipped`);
}
