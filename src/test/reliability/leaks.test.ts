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

  it('stays flat over runs mixing tracebacks, sessions and plain runs: the second 1,000 add almost nothing', async () => {
    const codes = [
      'def f(n):\n    return 1 / n\nf(0)', // a traceback
      'import doctest\ndef g():\n    """\n    >>> 1 + 1\n    2\n    """\ndoctest.testmod()',
      'total = globals().get("total", 0) + 1\ntotal', // in a session
      'class Point:\n    pass\nimport pickle\npickle.loads(pickle.dumps(Point())).__class__.__name__',
    ];
    const round = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const code = codes[i % codes.length]!;
        if (i % codes.length === 2) await runInSession(code, `s${i % 3}`);
        else await asyncRun(code);
      }
      return measure();
    };
    await round(40); // warm up
    const first = await round(1000);
    const second = await round(1000);
    console.log(`live Python objects after 1,000 mixed runs ${first.objects}, after 2,000 ${second.objects}`);
    // A leak of even one object per run would add 1,000.
    expect(second.objects - first.objects).to.be.below(100);
  });
});

/** Runs code in a session, as a session element does. */
async function runInSession(code: string, session: string): Promise<void> {
  const el = document.createElement('py-worker-run');
  el.setAttribute('session', session);
  el.textContent = code;
  const done = new Promise((resolve) => ['py-result', 'py-error'].forEach((type) => el.addEventListener(type, resolve, { once: true })));
  document.body.append(el);
  await done;
  el.remove();
}

