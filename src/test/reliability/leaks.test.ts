import { expect } from '@open-wc/testing';
import { asyncRun } from '../../index.js';
import { useLocalPyodide } from '../helpers.js';

useLocalPyodide();

const MEASURE = `
import gc, pyodide_js
gc.collect()
{"objects": len(gc.get_objects()), "heap": pyodide_js._module.HEAP8.length}
`;

async function measure(): Promise<{ objects: number; heap: number }> {
  const { results, error } = await asyncRun(MEASURE);
  expect(error).to.equal(undefined);
  return results as { objects: number; heap: number };
}

describe('memory over many runs', () => {
  it('keeps live Python objects and the wasm heap flat over 2,000 runs with contexts and dict results', async () => {
    const code = 'rows = [{"i": i, "x": x} for i, x in enumerate(values)]\n{"n": len(rows), "rows": rows}';
    const values = Array.from({ length: 50 }, (_, i) => i / 3);
    // Warm up: the first runs import modules and fill caches.
    for (let i = 0; i < 20; i++) await asyncRun(code, { values });
    const before = await measure();
    for (let i = 0; i < 2000; i++) {
      const { results } = await asyncRun(code, { values, i });
      if ((results as { n: number }).n !== 50) throw new Error(`run ${i} answered ${JSON.stringify(results)}`);
    }
    const after = await measure();
    console.log(`live Python objects ${before.objects} → ${after.objects}; wasm heap ${before.heap} → ${after.heap} bytes`);
    expect(after.objects - before.objects).to.be.below(500);
    expect(after.heap).to.be.at.most(before.heap + 8 * 1024 * 1024);
  });
});
