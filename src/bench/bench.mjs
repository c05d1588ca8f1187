// npm run bench: <py-worker-run> against bare Pyodide in a module worker, side by side, in Debian's
// Chromium, over several rounds (medians). Prints a table with ratios and writes dist/bench.json.
// "ours" boots from the snapshot shipped beside the bundle; "no snapshot" is the same bundle served
// from a folder without it (a normal boot, as when the snapshot is missing or skipped).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { CHROMIUM, CONTENT_TYPES } from '../build/chromium.mjs';
import { snapshotFileName } from '../build/make-snapshot.mjs';
import { benchEngines } from './engines.mjs';
import { browserPssBytes } from './memory.mjs';
import { barePage, bareWorker, elementPage } from './pages.mjs';
import { median, p95 } from './stats.mjs';

const root = new URL('../../', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** The slow-network profile: Chromium's network emulation at 10 Mbit/s down, 5 up, 20 ms latency. */
const SLOW = { offline: false, latency: 20, downloadThroughput: (10e6 / 8) | 0, uploadThroughput: (5e6 / 8) | 0 };
/** A good home connection: 50 Mbit/s down, 20 up, 40 ms round trip. */
const MEDIUM = { offline: false, latency: 40, downloadThroughput: (50e6 / 8) | 0, uploadThroughput: (20e6 / 8) | 0 };
/** Head-of-line pages: a 10 s cell, then ten quick ones (see pages.mjs), with the pool and with one worker. */
const HEAD_OF_LINE = ['head-of-line', 'head-of-line-one-worker', 'head-of-line-session', 'head-of-line-session-one-worker'];
/** How long the reader stays on the first visit before reloading (both sides wait alike). */
const DWELL_MS = 5000;
const SNAPSHOT = snapshotFileName();
const WEBKIT_SNAPSHOT = snapshotFileName(undefined, 'webkit');
/** Rounds in Firefox and WebKit (a WebKit boot takes 10–40 s here); BENCH_ENGINE_ROUNDS=0 leaves them out. */
const ENGINE_ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS ?? 3);

/** Bytes the server sent since the last reset (compressed as sent). */
let bytesSent = 0;
/** Content types a server compresses: every static server and CDN gzips at least these (jsDelivr sends Brotli, smaller still). */
const COMPRESSED = new Set(['text/html', 'text/javascript', 'application/wasm', 'application/json']);
/** Gzipped bodies by path: compressed once. */
const gzipped = new Map();
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://bench');
  const [, kind, scenario] = url.pathname.split('/');
  const send = (type, body) => {
    const headers = { 'Content-Type': type, 'Cache-Control': 'max-age=3600' };
    if (COMPRESSED.has(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      if (!gzipped.has(url.pathname) || type === 'text/html') gzipped.set(url.pathname, gzipSync(body));
      body = gzipped.get(url.pathname);
      headers['Content-Encoding'] = 'gzip';
    }
    bytesSent += Buffer.byteLength(body);
    response.writeHead(200, headers).end(body);
  };
  if (url.pathname === '/bare-worker.mjs') return send('text/javascript', bareWorker);
  // The bundle and its chunks (the worker's code, the snapshot cache…), also under /noship/ (no snapshot beside them).
  const bundleFile = /^\/(?:noship\/)?(py-worker-run(?:-[\w-]+)?\.js)$/.exec(url.pathname)?.[1];
  if (bundleFile) return send('text/javascript', readFileSync(join(root, 'dist', bundleFile)));
  if (url.pathname === `/${SNAPSHOT}` || url.pathname === `/${WEBKIT_SNAPSHOT}`) {
    return send('application/zstd', readFileSync(join(root, 'dist', url.pathname.slice(1))));
  }
  if (kind === 'bare') return send('text/html', barePage(scenario));
  if (kind === 'element') return send('text/html', elementPage(scenario));
  if (kind === 'noship-element') return send('text/html', elementPage(scenario, '/noship/py-worker-run.js'));
  if (kind === 'pyodide') {
    try {
      return send(CONTENT_TYPES[extname(url.pathname)] ?? 'application/octet-stream', readFileSync(join(root, 'node_modules', url.pathname)));
    } catch {
      return response.writeHead(404).end();
    }
  }
  response.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch(CHROMIUM);

async function measure(page, path) {
  bytesSent = 0;
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.bench, null, { timeout: 120_000 });
  const result = await page.evaluate(() => window.bench);
  if (!result.ok) throw new Error(`${path} gave a wrong answer: ${JSON.stringify(result).slice(0, 200)}`);
  return { ...result, bytes: bytesSent };
}

/** A fresh browser context: empty caches, as on a first visit; `task` runs in it. */
async function inFreshContext(task, network) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    return await task(page);
  } finally {
    await context.close();
  }
}

/** What a second worker adds to the browser's memory: its size with one worker idle, then with two (each after a quiet second). */
async function secondWorkerBytes(page) {
  await measure(page, '/element/first');
  const settle = () => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  await settle();
  const one = browserPssBytes(basename(CHROMIUM.executablePath));
  const worker = await page.evaluate(async () => {
    const { asyncRun } = await import('/py-worker-run.js');
    const second = new Promise((resolve) => addEventListener('py-worker-run:ready', (event) => resolve(event.detail.worker), { once: true }));
    const slow = asyncRun('import time\nt = time.time()\nwhile time.time() - t < 3: pass');
    await asyncRun('import statistics'); // waits behind the slow run until a second worker takes it
    const number = await second;
    await slow;
    return number;
  });
  if (worker !== 2) throw new Error(`the second-worker page booted worker ${worker}, not 2`);
  await settle();
  return browserPssBytes(basename(CHROMIUM.executablePath)) - one;
}

const SIDES = { bare: 'bare', ours: 'element', noSnapshot: 'noship-element' };
const samples = {};
/** Flood timings of ours, by flood ("prints 1000000"): ms from connecting the element to its result, and the longest main-thread task. */
const floods = {};
const sample = (key, side, value) => ((samples[key] ??= { bare: [], ours: [], noSnapshot: [] })[side].push(value));
for (let round = 0; round < ROUNDS; round++) {
  // Rotate the order, so no side always runs on a warmer machine.
  const order = Object.entries(SIDES);
  for (let i = 0; i < round % order.length; i++) order.push(order.shift());
  for (const [side, kind] of order) {
    await inFreshContext(async (page) => {
      const first = await measure(page, `/${kind}/first`);
      sample('first', side, first.firstMs);
      sample('bytes', side, first.bytes);
      sample('heap', side, first.heapBytes);
      await page.waitForTimeout(DWELL_MS); // the reader reads; a snapshot may be cached meanwhile
      sample('repeat', side, (await measure(page, `/${kind}/first`)).firstMs); // same context: a repeat visit
    });
    await inFreshContext(async (page) => sample('slow', side, (await measure(page, `/${kind}/first`)).firstMs), SLOW);
    await inFreshContext(async (page) => sample('medium', side, (await measure(page, `/${kind}/first`)).firstMs), MEDIUM);
    if (side === 'noSnapshot') continue; // after the boot it is the same code as ours
    await inFreshContext(async (page) => {
      await measure(page, `/${kind}/first`); // warm the HTTP cache, as a returning reader's
      sample('many', side, (await measure(page, `/${kind}/many`)).allMs);
      const warm = await measure(page, `/${kind}/warm`);
      sample('rtMedian', side, median(warm.roundTrips));
      sample('rtP95', side, p95(warm.roundTrips));
      sample('floats', side, warm.floatsMs);
      sample('loop', side, warm.loopMs);
      // Bare Pyodide has no element: its row compares with the same bare round trip.
      sample('rtElement', side, median(side === 'ours' ? (await measure(page, '/element/element-warm')).roundTrips : warm.roundTrips));
    });
    if (side === 'ours') {
      await inFreshContext(async (page) => sample('secondWorkerBytes', 'ours', await secondWorkerBytes(page)));
      for (const scenario of HEAD_OF_LINE) {
        await inFreshContext(async (page) => sample(scenario, 'ours', (await measure(page, `/element/${scenario}`)).allMs));
      }
      await inFreshContext(async (page) => {
        for (const [name, { ms, longestTask }] of Object.entries((await measure(page, '/element/floods')).floods)) {
          floods[name] ??= { ms: [], longestTask: [] };
          floods[name].ms.push(ms);
          floods[name].longestTask.push(longestTask);
        }
      });
    }
  }
  process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
}
await browser.close();
const engineResults = ENGINE_ROUNDS > 0 ? await benchEngines(origin, ENGINE_ROUNDS, DWELL_MS) : {};
server.close();

const bundle = readFileSync(join(root, 'dist/py-worker-run.js'));
const rows = [
  ['first visit: navigation → first result (ms)', 'first', '≤ 0.5×'],
  ['first visit at 50 Mbit/s, 40 ms round trip (ms)', 'medium', '≤ 0.6×'],
  ['first visit at 10 Mbit/s (ms)', 'slow', '≤ 1.0×'],
  ['first visit: bytes transferred', 'bytes', ''],
  ["Pyodide's wasm memory after the first result (bytes)", 'heap', ''],
  [`repeat visit: reload after ${DWELL_MS / 1000} s on the page → first result (ms)`, 'repeat', '≤ 0.35×'],
  ['warm round trip of 1+1 through asyncRun, median (ms)', 'rtMedian', '≤ bare + 0.5 ms'],
  ['warm round trip of 1+1 through element.run(), median (ms)', 'rtElement', '≤ bare + 0.5 ms'],
  ['warm round trip of 1+1, p95 (ms)', 'rtP95', ''],
  ['100 elements: navigation → all results (ms)', 'many', '≤ 1.2×'],
  ['1,000,000-float context usable in Python (ms)', 'floats', ''],
  ['a loop of 2,000,000 additions, timed in Python (ms; ours checks for a stop every 0.2 s)', 'loop', '≤ 1.05×'],
].map(([label, key, target]) => {
  const [bare, ours, noSnapshot] = ['bare', 'ours', 'noSnapshot'].map((side) => (samples[key][side].length ? median(samples[key][side]) : undefined));
  return { label, bare, ours, ratio: ours / bare, noSnapshot, noSnapshotRatio: noSnapshot === undefined ? undefined : noSnapshot / bare, target };
});
const gzip = gzipSync(bundle, { level: 9 }).length;
const fmt = (n) => (n === undefined ? '—' : n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en-US'));
const ratio = (r) => (r === undefined ? '—' : `${r.toFixed(2)}×`);
const table = [
  `| measure (median of ${ROUNDS} rounds) | bare Pyodide | py-worker-run | ratio | target | without the shipped snapshot | ratio |`,
  '|---|---:|---:|---:|---|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${fmt(r.bare)} | ${fmt(r.ours)} | ${ratio(r.ratio)} | ${r.target} | ${fmt(r.noSnapshot)} | ${ratio(r.noSnapshotRatio)} |`),
  `| dist/py-worker-run.js, gzip -9 (bytes) | — | ${gzip.toLocaleString('en-US')} | — | ≤ 20,480 | | |`,
].join('\n');
console.log(table);

const headOfLine = (scenario) => median(samples[scenario].ours);
console.log(
  [
    '',
    `| head of line (median of ${ROUNDS} rounds): a 10 s cell, then ten 1+1 cells; Python ready → all ten answered | ms | one worker (ms) | target |`,
    '|---|---:|---:|---|',
    `| the 10 s cell alone | ${fmt(headOfLine('head-of-line'))} | ${fmt(headOfLine('head-of-line-one-worker'))} | ≤ 1,500 |`,
    `| the 10 s cell and two cells after it in one session | ${fmt(headOfLine('head-of-line-session'))} | ${fmt(headOfLine('head-of-line-session-one-worker'))} | ≤ 1,500 |`,
    '',
    `A second worker added ${fmt(median(samples.secondWorkerBytes.ours) / 2 ** 20)} MiB to the browser's proportional set size (median of ${ROUNDS}; samples: ${samples.secondWorkerBytes.ours.map((bytes) => (bytes / 2 ** 20).toFixed(0)).join(', ')} MiB).`,
  ].join('\n'),
);

const flood = (name) => ({ ms: median(floods[name].ms), longestTask: median(floods[name].longestTask) });
const floodRows = [
  ['1,000,000 prints, against the same prints into a StringIO', 'prints 1000000', 'stringio 1000000', '≤ 2×'],
  ['20,000 against 2,000 alternating stdout/stderr lines', 'interleaved 20000', 'interleaved 2000', '≤ 10×'],
  ['1,000 against 100 display() calls', 'displays 1000', 'displays 100', '≤ 10×'],
].map(([label, large, small, target]) => ({ label, large: flood(large), small: flood(small), target }));
console.log(
  [
    '',
    `| flood (median of ${ROUNDS} rounds; element connected → result) | ms | against (ms) | ratio | target | longest main-thread task (ms) |`,
    '|---|---:|---:|---:|---|---:|',
    ...floodRows.map((r) => `| ${r.label} | ${fmt(r.large.ms)} | ${fmt(r.small.ms)} | ${ratio(r.large.ms / r.small.ms)} | ${r.target} | ${fmt(r.large.longestTask)} |`),
  ].join('\n'),
);
const byEngine = {
  chromium: Object.fromEntries(['first', 'repeat', 'rtMedian'].map((key) => [key, { bare: median(samples[key].bare), ours: median(samples[key].ours) }])),
  ...engineResults,
};
const pair = ({ bare, ours }, asRatio = true) => `${fmt(bare)} | ${fmt(ours)} | ${asRatio ? ratio(ours / bare) : `${ours - bare >= 0 ? '+' : ''}${(ours - bare).toFixed(2)} ms`}`;
console.log(
  [
    '',
    `| engine (median of ${ROUNDS} rounds in Chromium, ${ENGINE_ROUNDS} elsewhere) | first visit, bare (ms) | ours | ratio | repeat visit, bare (ms) | ours | ratio | warm round trip, bare (ms) | ours | difference |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(byEngine).map(([engine, r]) => `| ${engine} | ${pair(r.first)} | ${pair(r.repeat)} | ${pair(r.rtMedian, false)} |`),
  ].join('\n'),
);
writeFileSync(
  join(root, 'dist/bench.json'),
  JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, engineRounds: ENGINE_ROUNDS, rows, floodRows, byEngine, bundleGzipBytes: gzip, samples, floods }, null, 2),
);
console.log('\nwritten to dist/bench.json');
