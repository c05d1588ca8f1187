// Makes the memory snapshots shipped beside the CDN bundle: Pyodide booted in a module worker,
// snapshotted right after boot, before any code of ours or of a user runs in it, written as a delta
// against the memory Pyodide's wasm starts with, compressed with Zstandard (see encodeDelta). One is
// made in headless Chromium (it restores in Chromium and Firefox), one in WebKitGTK (JavaScriptCore
// lays out Pyodide's function table differently, so only a snapshot made in it restores in it).
// Run by `npm run build`; the tests call it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compress, init as initZstd } from '@bokuweb/zstd-wasm';
import { CHROMIUM, CONTENT_TYPES } from './chromium.mjs';
import { WEBKIT_CAPABILITIES, startWebKitDriver, webDriverCaller, webKitInstalled } from './engines.mjs';

const root = new URL('../../', import.meta.url).pathname;
const pyodideDir = join(root, 'node_modules/pyodide');

/** The page posts the worker's outcome back to the server, so any driver that can open a URL will do. */
const page = `<!doctype html><script type="module">
  const worker = new Worker('/maker.mjs', { type: 'module' });
  worker.onmessage = (event) => fetch('/outcome', { method: 'POST', body: event.data });
</script>`;

/** The same preparation as the snapshots the worker caches (src/worker/python-host.ts). */
const preimport = readFileSync(join(root, 'src/worker/python/preimport.py'), 'utf8');

/**
 * The worker also keeps a copy of Pyodide's memory as instantiating its wasm left it (its data
 * segments, before any code ran): what the worker's memory holds when it applies the delta
 * (src/worker/boot/boot-hooks.ts).
 */
const maker = (prepare) => `
import { loadPyodide } from '/pyodide/pyodide.mjs';
let initial;
const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (...args) => {
  const result = await instantiateStreaming(...args);
  initial = new Uint8Array(result.instance.exports.memory.buffer).slice();
  return result;
};
try {
  const pyodide = await loadPyodide({ indexURL: '/pyodide/', _makeSnapshot: true });
  pyodide.runPython(${JSON.stringify(prepare)});
  const snapshot = pyodide.makeMemorySnapshot();
  if (!initial) throw new Error('Pyodide did not instantiate its wasm with WebAssembly.instantiateStreaming');
  const uploads = await Promise.all([fetch('/snapshot', { method: 'POST', body: snapshot }), fetch('/initial', { method: 'POST', body: initial })]);
  postMessage(uploads.every((response) => response.ok) ? 'ok' : 'upload failed');
} catch (error) {
  postMessage(String(error?.stack ?? error));
}
`;

/** The first word of what the shipped file decompresses to (src/worker/boot/snapshot-delta.ts has its twin). */
const DELTA_MAGIC = 0x44525750; // "PWRD"
/** Our header: magic, how many bytes of memory the delta is taken against, Pyodide's magic, 0. */
const DELTA_HEADER_BYTES = 16;

/**
 * Pyodide's snapshot (its header, then a copy of its memory) as a delta: the memory XORed with the
 * memory the wasm starts with. Most of Python's static data is unchanged after booting, so the delta
 * is zeros there, and compresses to about 1.5 MB less. Pyodide's magic word is zeroed (kept in our
 * header), so that Pyodide refuses a delta that was not applied.
 */
export function encodeDelta(snapshot, initial) {
  const words = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const pyodideMagic = words.getUint32(0, true);
  const memoryOffset = words.getUint32(4, true);
  let baseBytes = Math.min(initial.length, snapshot.length - memoryOffset);
  while (baseBytes > 0 && initial[baseBytes - 1] === 0) baseBytes--;
  baseBytes = Math.ceil(baseBytes / 4) * 4;
  const delta = Buffer.alloc(DELTA_HEADER_BYTES + snapshot.length);
  delta.writeUInt32LE(DELTA_MAGIC, 0);
  delta.writeUInt32LE(baseBytes, 4);
  delta.writeUInt32LE(pyodideMagic, 8);
  delta.set(snapshot, DELTA_HEADER_BYTES);
  delta.writeUInt32LE(0, DELTA_HEADER_BYTES);
  const memory = DELTA_HEADER_BYTES + memoryOffset;
  for (let i = 0; i < baseBytes; i++) delta[memory + i] ^= initial[i];
  return delta;
}

/** The Pyodide build the snapshot belongs to (Pyodide refuses a snapshot of another build). */
export function pyodideBuild() {
  const { version } = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8'));
  const buildId = /BUILD_ID:"([0-9a-f]+)"/.exec(readFileSync(join(pyodideDir, 'pyodide.mjs'), 'utf8'))?.[1];
  if (!buildId) throw new Error('no BUILD_ID found in node_modules/pyodide/pyodide.mjs');
  return { version, buildId };
}

/**
 * The snapshot's file name: it carries the Pyodide version and the start of its build id. The one
 * made in WebKit has `.webkit` before `.snapshot.zst` (src/shared/engine-snapshot.ts picks it).
 */
export function snapshotFileName({ version, buildId } = pyodideBuild(), engine = 'chromium') {
  return `pyodide-${version}-${buildId.slice(0, 12)}${engine === 'webkit' ? '.webkit' : ''}.snapshot.zst`;
}

/** Opens `url` in headless Chromium until `done` settles. */
async function inChromium(url, done) {
  const { chromium } = await import('playwright'); // only when making one: the Vite config reads the file name
  const browser = await chromium.launch(CHROMIUM);
  try {
    await (await browser.newPage()).goto(url);
    return await done;
  } finally {
    await browser.close();
  }
}

/** Opens `url` in WebKitGTK's MiniBrowser (classic WebDriver, plain HTTP calls) until `done` settles. */
async function inWebKit(url, done) {
  const driver = await startWebKitDriver();
  const call = webDriverCaller(driver);
  try {
    const { sessionId } = await call('POST', '', { capabilities: { alwaysMatch: WEBKIT_CAPABILITIES } });
    try {
      await call('POST', `/${sessionId}/url`, { url });
      return await done;
    } finally {
      await call('DELETE', `/${sessionId}`).catch(() => undefined);
    }
  } finally {
    driver.stop();
  }
}

/**
 * Makes the snapshot and writes it, as a compressed delta, into `outDir`; resolves with its path and
 * sizes. `prepare` (Python run before the snapshot is taken), `fileName` and `plainFileName` (where
 * to write the snapshot itself, as Pyodide made it) are for tests.
 */
export async function makeShippedSnapshot(outDir, { engine = 'chromium', prepare = preimport, fileName = snapshotFileName(undefined, engine), plainFileName } = {}) {
  let snapshot;
  let initial;
  let reportOutcome;
  const outcome = new Promise((resolve) => (reportOutcome = resolve));
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (request.method === 'POST' && ['/snapshot', '/initial', '/outcome'].includes(path)) {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        if (path === '/snapshot') snapshot = body;
        else if (path === '/initial') initial = body;
        else reportOutcome(body.toString());
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
  try {
    const url = `http://127.0.0.1:${server.address().port}/`;
    const result = await (engine === 'webkit' ? inWebKit : inChromium)(url, outcome);
    if (result !== 'ok' || !snapshot || !initial) throw new Error(`making the Pyodide snapshot in ${engine} failed: ${result}`);
  } finally {
    server.close();
  }
  await initZstd();
  const compressed = compress(encodeDelta(snapshot, initial), 19);
  const path = join(outDir, fileName);
  writeFileSync(path, compressed);
  if (plainFileName) writeFileSync(join(outDir, plainFileName), snapshot);
  return { path, bytes: snapshot.length, compressedBytes: compressed.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = process.argv[2] ?? join(root, 'dist');
  for (const engine of ['chromium', 'webkit']) {
    if (engine === 'webkit' && !webKitInstalled()) {
      console.error('WebKitGTK is not installed (apt-get install -y webkit2gtk-driver xvfb): no WebKit snapshot, WebKit readers will boot without one.');
      continue;
    }
    const { path, bytes, compressedBytes } = await makeShippedSnapshot(outDir, { engine });
    // On stderr: `npm pack --json` runs the build and its stdout must stay JSON.
    console.error(`${path}: ${bytes.toLocaleString('en-US')} bytes, ${compressedBytes.toLocaleString('en-US')} compressed`);
  }
}
