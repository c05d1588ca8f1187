// The pages the benchmark loads: bare Pyodide in a module worker (the reference), and the same
// work done with <py-worker-run>. Each page puts its measurements on window.bench.

const STDEV = 'import statistics\nfrom js import A_rank\nstatistics.stdev(A_rank)';
const A_RANK = [0.8, 0.4, 1.2, 3.7, 2.6, 5.8];
/** A pure-Python loop, timed by Python itself (ms): what checking for a stop costs running code. */
const LOOP = 'import time\nt = time.perf_counter()\nn = 0\nfor i in range(2_000_000):\n    n += i\n(time.perf_counter() - t) * 1000';
/** The size of Pyodide's WebAssembly memory, asked after the first result. */
const HEAP = 'import pyodide_js\npyodide_js._module.HEAP8.length';

/** The reference: Pyodide's web-worker guide, as a module worker (Pyodide 314 needs one). */
export const bareWorker = `
import { loadPyodide } from '/pyodide/pyodide.mjs';
const ready = loadPyodide({ indexURL: '/pyodide/' });
self.onmessage = async (event) => {
  const pyodide = await ready;
  const { id, code, context } = event.data;
  for (const key of Object.keys(context ?? {})) self[key] = context[key];
  try {
    const result = await pyodide.runPythonAsync(code);
    self.postMessage({ id, result: result?.toJs ? result.toJs() : result });
  } catch (error) {
    self.postMessage({ id, error: error.message });
  }
};
`;

const bareClient = `
const worker = new Worker('/bare-worker.mjs', { type: 'module' });
let nextId = 0;
const waiting = new Map();
worker.onmessage = (event) => { waiting.get(event.data.id)(event.data); waiting.delete(event.data.id); };
const run = (code, context) => new Promise((resolve) => { const id = nextId++; waiting.set(id, resolve); worker.postMessage({ id, code, context }); });
`;

/** `bundle`: where the page loads the bundle from (the shipped snapshot is looked for beside it). */
const element = (bundle) => `
<meta name="py-worker-run:index-url" content="/pyodide/">
<script type="module" src="${bundle}"></script>
`;

/** Work done once Python answers, timed on the page (performance.now() is time since navigation). */
const afterFirst = `
async function roundTrips(run) {
  const times = [];
  for (let i = 0; i < 200; i++) { const t = performance.now(); await run('1+1'); times.push(performance.now() - t); }
  return times;
}
async function warm(run, floatsCode) {
  const times = await roundTrips(run);
  const floats = new Float64Array(1_000_000).map((_, i) => i / 7);
  const t = performance.now();
  const answer = await run(floatsCode, { floats });
  const floatsMs = performance.now() - t;
  const loops = [];
  for (let i = 0; i < 3; i++) { const loop = await run(${JSON.stringify(LOOP)}); loops.push(loop.result ?? loop.results); }
  return { roundTrips: times, floatsMs, floatsAnswer: answer, loopMs: loops.sort((a, b) => a - b)[1] };
}
`;

export function barePage(scenario) {
  const body =
    scenario === 'many'
      ? // One at a time: overlapping runs would race on the worker's globals (the guide's sample has no ids per context).
        `const results = [];
         for (let n = 0; n < 100; n++) results.push(await run('from js import n\\nn * 2', { n }));
         window.bench = { allMs: performance.now(), ok: results.every((r, n) => r.result === n * 2) };`
      : `const first = await run(${JSON.stringify(STDEV)}, { A_rank: ${JSON.stringify(A_RANK)} });
         const bench = { firstMs: performance.now(), ok: Math.abs(first.result - 2.0634) < 1e-3 };
         bench.heapBytes = (await run(${JSON.stringify(HEAP)})).result;
         if (${JSON.stringify(scenario)} === 'warm') Object.assign(bench, await warm(run, 'from js import floats\\nlen(floats.to_py())'));
         window.bench = bench;`;
  return `<!doctype html><script type="module">${bareClient}${afterFirst}${body}</script>`;
}

/** Python for the flood rows, by name; `n` is the size. */
const FLOODS = {
  prints: (n) => `for i in range(${n}):\n    print(i)`,
  stringio: (n) => `import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n    for i in range(${n}):\n        print(i)`,
  interleaved: (n) => `import sys\nfor i in range(${n}):\n    print(i)\n    print(i, file=sys.stderr)`,
  displays: (n) =>
    `class Dot:\n    def _repr_svg_(self):\n        return '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>'\nfor i in range(${n}):\n    display(Dot())`,
};

/** Each flood in an element of its own, one after another: navigation → result (ms), and the longest main-thread task meanwhile. */
const floodsScript = `
const FLOODS = {${Object.entries(FLOODS).map(([name, code]) => `${name}: ${code.toString()}`).join(', ')}};
await customElements.whenDefined('py-worker-run');
async function flood(name, n) {
  const el = document.createElement('py-worker-run');
  el.textContent = FLOODS[name](n);
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const done = new Promise((resolve) => ['py-result', 'py-error'].forEach((type) => el.addEventListener(type, resolve, { once: true })));
  const t = performance.now();
  document.body.append(el);
  const event = await done;
  const ms = performance.now() - t;
  await new Promise(requestAnimationFrame);
  tasks.push(...observer.takeRecords().map((e) => e.duration));
  observer.disconnect();
  el.remove();
  return { ms, longestTask: Math.max(0, ...tasks), ok: event.type === 'py-result' };
}
const results = {};
await flood('prints', 10); // boots Python
for (const [name, n] of [['prints', 1e6], ['stringio', 1e6], ['interleaved', 2e3], ['interleaved', 2e4], ['displays', 100], ['displays', 1000]]) {
  results[name + ' ' + n] = await flood(name, n);
}
window.bench = { floods: results, ok: Object.values(results).every((r) => r.ok) };
`;

/** A cell busy for 10 s of Python, as a course page's simulation. */
const SLOW_CELL = 'import time\nt = time.time()\nwhile time.time() - t < 10: pass';

/**
 * Head of line: a 10 s cell, then ten `1+1` cells; ms from Python ready to all ten answered.
 * `session`: the slow cell and two cells after it share a session (those wait; the ten do not).
 * `workers`: the pool's cap (1: the one-worker behaviour).
 */
function headOfLinePage(bundle, { session, workers }) {
  const inSession = session ? ' session="s"' : '';
  const config = `<script type="application/json" data-py-worker-run-config>${JSON.stringify({ workers })}</script>`;
  return `<!doctype html>${config}${element(bundle)}
    <py-worker-run id="slow"${inSession}>${SLOW_CELL}</py-worker-run>
    ${session ? '<py-worker-run class="same" session="s">t</py-worker-run>'.repeat(2) : ''}
    ${'<py-worker-run class="quick">1+1</py-worker-run>'.repeat(10)}
    <script type="module">
      const answered = (el) => new Promise((resolve) => el.addEventListener('py-result', (e) => resolve(e.detail.value), { once: true }));
      const ready = new Promise((resolve) => addEventListener('py-worker-run:ready', () => resolve(performance.now()), { once: true }));
      const quick = await Promise.all([...document.querySelectorAll('.quick')].map(answered));
      const allMs = performance.now() - (await ready);
      window.bench = { allMs, ok: quick.every((value) => value === 2) };
    </script>`;
}

/** The warm round trip of 1+1 through a manual element's run(). */
const elementWarm = (bundle) => `<!doctype html>${element(bundle)}
  <py-worker-run id="cell" manual>1+1</py-worker-run>
  <script type="module">
    ${afterFirst}
    await customElements.whenDefined('py-worker-run');
    const cell = document.querySelector('#cell');
    await cell.run();
    window.bench = { roundTrips: await roundTrips(() => cell.run()), ok: cell.result === 2 };
  </script>`;

export function elementPage(scenario, bundle = '/py-worker-run.js') {
  if (scenario === 'head-of-line') return headOfLinePage(bundle, { session: false, workers: 2 });
  if (scenario === 'head-of-line-one-worker') return headOfLinePage(bundle, { session: false, workers: 1 });
  if (scenario === 'head-of-line-session') return headOfLinePage(bundle, { session: true, workers: 2 });
  if (scenario === 'head-of-line-session-one-worker') return headOfLinePage(bundle, { session: true, workers: 1 });
  if (scenario === 'element-warm') return elementWarm(bundle);
  if (scenario === 'floods') return `<!doctype html>${element(bundle)}<script type="module">${floodsScript}</script>`;
  const body =
    scenario === 'many'
      ? `<div id="cells">${Array.from({ length: 100 }, (_, n) => `<py-worker-run context='{"n": ${n}}'>n * 2</py-worker-run>`).join('')}</div>
         <script type="module">
           const cells = [...document.querySelectorAll('py-worker-run')];
           const results = await Promise.all(cells.map((cell) => new Promise((resolve) => cell.addEventListener('py-result', (e) => resolve(e.detail.value), { once: true }))));
           window.bench = { allMs: performance.now(), ok: results.every((value, n) => value === n * 2) };
         </script>`
      : `<py-worker-run id="first" context='${JSON.stringify({ A_rank: A_RANK })}'>${STDEV}</py-worker-run>
         <script type="module">
           ${afterFirst}
           const first = await new Promise((resolve) => document.querySelector('#first').addEventListener('py-result', (e) => resolve(e.detail.value), { once: true }));
           const bench = { firstMs: performance.now(), ok: Math.abs(first - 2.0634) < 1e-3 };
           const { asyncRun } = await import('${bundle}');
           bench.heapBytes = (await asyncRun(${JSON.stringify(HEAP)})).results;
           if (${JSON.stringify(scenario)} === 'warm') {
             // Context keys arrive as Python globals, already converted.
             Object.assign(bench, await warm(asyncRun, 'len(floats)'));
           }
           window.bench = bench;
         </script>`;
  return `<!doctype html>${element(bundle)}${body}`;
}
