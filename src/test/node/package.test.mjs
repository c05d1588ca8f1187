// The npm package as users get it: what `npm pack` puts in, importing it in Node (as during
// server-side rendering), and its typings in a consumer's TypeScript.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotFileName } from '../../build/make-snapshot.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let packed; // npm pack's description of the tarball
let consumer; // a project with the tarball installed

before(() => {
  const out = mkdtempSync(join(tmpdir(), 'py-worker-run-pack-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', out], root));
  consumer = mkdtempSync(join(tmpdir(), 'py-worker-run-consumer-'));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(out, packed.filename)], consumer);
});

describe('npm pack', () => {
  it('holds the CDN bundle, its editor chunk and snapshot, the ESM build with types, the manifest, and nothing else', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const required of [
      'README.md',
      'package.json',
      'dist/py-worker-run.js',
      'dist/py-worker-run-code-editor.js',
      `dist/${snapshotFileName()}`,
      'dist/npm/index.js',
      'dist/npm/index.d.ts',
      'dist/npm/py-worker-run.d.ts',
      'dist/custom-elements.json',
    ]) {
      assert.ok(files.includes(required), `${required} is in the package`);
    }
    const unexpected = files.filter(
      (f) => !['README.md', 'package.json'].includes(f) && !/^dist\/(py-worker-run(-code-editor)?\.js|pyodide-[\w.-]+\.snapshot\.gz|custom-elements\.json|npm\/.+\.(js|d\.ts))$/.test(f),
    );
    assert.deepEqual(unexpected, []);
  });

  it('leaves Lit to the user: a dependency, imported by the npm build, not bundled into it', () => {
    const manifest = JSON.parse(execFileSync('cat', [join(consumer, 'node_modules/py-worker-run/package.json')], { encoding: 'utf8' }));
    assert.ok(manifest.dependencies.lit);
    const element = execFileSync('cat', [join(consumer, 'node_modules/py-worker-run/dist/npm/py-worker-run.js')], { encoding: 'utf8' });
    assert.match(element, /from "lit"/);
    assert.doesNotMatch(element, /class ReactiveElement|LitElement\s*=\s*class/);
  });
});

describe('importing in Node', () => {
  it('does not throw and exports the API', () => {
    const script = `
      const m = await import('py-worker-run');
      const defined = typeof customElements !== 'undefined' && customElements.get('py-worker-run') === m.PyWorkerRun;
      await import('py-worker-run'); // a second import is harmless
      console.log(JSON.stringify({ run: typeof m.asyncRun, configure: typeof m.configure, element: typeof m.PyWorkerRun, version: m.PYODIDE_VERSION, defined }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1));
    assert.equal(result.run, 'function');
    assert.equal(result.configure, 'function');
    assert.equal(result.element, 'function');
    assert.match(result.version, /^\d+\.\d+\.\d+$/);
  });
});

describe('typings', () => {
  it('type the element, its events and the API for a consumer', () => {
    writeFileSync(
      join(consumer, 'consumer.ts'),
      `import { asyncRun, configure, type RunOutcome, type PyResultDetail } from 'py-worker-run';

configure({ indexURL: '/pyodide/' });
const el = document.querySelector('py-worker-run');
if (el) {
  el.context = { A_rank: [1, 2, 3] };
  el.manual = true;
  const outcome: Promise<RunOutcome> = el.run();
  void outcome;
  // @ts-expect-error status is read-only
  el.status = 'done';
}
document.addEventListener('py-result', (event) => {
  const detail: PyResultDetail = event.detail;
  const ms: number = event.detail.durationMs;
  void detail; void ms;
});
document.addEventListener('py-output', (event) => {
  const stream: 'stdout' | 'stderr' = event.detail.stream;
  void stream;
});
const answer = await asyncRun('1 + 1', { x: 1 });
const text: string = answer.stdout;
void text;
`,
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', 'consumer.ts'];
    try {
      execFileSync(process.execPath, [tsc, ...args], { cwd: consumer, encoding: 'utf8' });
    } catch (error) {
      assert.fail(`the consumer does not type-check:\n${error.stdout}`);
    }
  });
});
