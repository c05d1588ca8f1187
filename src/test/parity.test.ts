// Real programs behave as `python script.py`: each case's output is compared, exactly, with what the
// same Pyodide prints for the same file run as a script (recorded in Node when the tests start; see
// src/test/fixtures/parity.mjs).
import { expect } from '@open-wc/testing';
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
  }
});
