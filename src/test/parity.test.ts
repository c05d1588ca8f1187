// Real programs behave as `python script.py`: each case's output is compared, exactly, with what the
// same Pyodide prints for the same file run as a script (recorded in Node when the tests start; see
// src/test/fixtures/parity.mjs).
import { expect } from '@open-wc/testing';
import { asyncRun } from '../index.js';
import { element, nextOutcome, useLocalPyodide } from './helpers.js';

interface Parity {
  cases: Record<string, { code: string; stdin?: string }>;
  expected: Record<string, { stdout: string; stderr: string }>;
}

const parity = (await (await fetch('/__parity.json')).json()) as Parity;

describe('the same output as python script.py', () => {
  before(() => useLocalPyodide());

  for (const [name, { code, stdin }] of Object.entries(parity.cases)) {
    it(name, async () => {
      const el = element(code, stdin === undefined ? {} : { stdin });
      const outcome = nextOutcome(el);
      document.body.append(el);
      const { detail } = await outcome;
      el.remove();
      const expected = parity.expected[name]!;
      expect(detail.stdout, 'stdout').to.equal(expected.stdout);
      expect(detail.stderr + (detail.traceback ?? ''), 'stderr').to.equal(expected.stderr);
    });

    it(`${name}, through asyncRun()`, async () => {
      const { stdout, stderr, error } = await asyncRun(code, undefined, stdin === undefined ? {} : { stdin });
      const expected = parity.expected[name]!;
      expect(stdout, 'stdout').to.equal(expected.stdout);
      expect(stderr + (error ?? ''), 'stderr').to.equal(expected.stderr);
    });
  }

  it('gives a re-run of the same code what the first run gave: its warnings, a fresh __main__, its value', async () => {
    // Compiled code is kept for re-runs (half of a small run's time); code that warns is compiled again.
    const code = 'import sys\nseen = hasattr(sys.modules["__main__"], "mark")\nmark = 1\npattern = "\\d"\n[seen, len(pattern)]';
    const first = await asyncRun(code);
    const second = await asyncRun(code);
    expect(first.results).to.deep.equal([false, 2]);
    expect(second.results).to.deep.equal([false, 2]);
    expect(second.stderr).to.equal(first.stderr);
    expect(second.stderr).to.contain('SyntaxWarning');
    const awaiting = 'import asyncio\nawait asyncio.sleep(0)\n6 * 7';
    expect((await asyncRun(awaiting)).results, 'top-level await').to.equal(42);
    expect((await asyncRun(awaiting)).results).to.equal(42);
  });
});

