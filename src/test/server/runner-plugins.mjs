// The test runner's plugins and reporter: Vite's import forms for our source, the totals that
// .ci/run prints, and the headers of a cross-origin isolated page.
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;

/**
 * Serves the two Vite import forms our source uses, as Vite's dev server does:
 * `file?raw` (the file's text) and `worker.ts?worker&inline` (a constructor for a module worker).
 */
export function viteImports() {
  return {
    name: 'vite-imports',
    async serve(context) {
      const { path, querystring } = context;
      if (querystring === 'raw') {
        const text = await readFile(join(root, path), 'utf8');
        return { body: `export default ${JSON.stringify(text)};`, type: 'js' };
      }
      if (querystring === 'worker&inline') {
        const body = `export default function WorkerWrapper(options) {
          return new Worker(new URL(${JSON.stringify(path)}, import.meta.url), { type: 'module', name: options?.name });
        }`;
        return { body, type: 'js' };
      }
      return undefined;
    },
  };
}

/**
 * Appends "PASSED FAILED" for this run to the file named by PY_WORKER_RUN_TOTALS, for .ci/run's
 * closing line. A test file that failed to load or threw outside its tests counts as one failure.
 */
export function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.PY_WORKER_RUN_TOTALS;
      if (!file) return;
      let passed = 0;
      let failed = 0;
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) count(child);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        if (!session.testResults || session.errors?.length) failed++;
      }
      appendFileSync(file, `${passed} ${failed}\n`);
    },
  };
}

export function crossOriginIsolation() {
  return async (context, next) => {
    await next();
    context.set('Cross-Origin-Opener-Policy', 'same-origin');
    context.set('Cross-Origin-Embedder-Policy', 'require-corp');
  };
}
