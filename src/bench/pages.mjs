// The pages the benchmark loads: bare Pyodide in a module worker (the reference), and the same
// work done with <py-worker-run>. Each page puts its measurements on window.bench.

const STDEV = 'import statistics\nfrom js import A_rank\nstatistics.stdev(A_rank)';
const A_RANK = [0.8, 0.4, 1.2, 3.7, 2.6, 5.8];
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
async function warm(run, floatsCode) {
  const times = [];
  for (let i = 0; i < 200; i++) { const t = performance.now(); await run('1+1'); times.push(performance.now() - t); }
  const floats = new Float64Array(1_000_000).map((_, i) => i / 7);
  const t = performance.now();
  const answer = await run(floatsCode, { floats });
  return { roundTrips: times, floatsMs: performance.now() - t, floatsAnswer: answer };
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

export function elementPage(scenario, bundle = '/py-worker-run.js') {
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
