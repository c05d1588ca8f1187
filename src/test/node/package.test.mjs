// The npm package as users get it: what `npm pack` puts in, importing it in Node (as during
// server-side rendering), and its typings in a consumer's TypeScript.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { Script } from 'node:vm';
import { chromium } from 'playwright';
import { CHROMIUM } from '../../build/chromium.mjs';
import { serve } from './static-server.mjs';
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
  // The frameworks a consumer would have installed (svelte-check ignores files under node_modules, so the consumer is not in ours).
  for (const name of ['react', 'react-dom', 'svelte', 'vue', 'preact', 'solid-js', 'csstype', 'seroval', 'seroval-plugins', '@types/react', '@types/react-dom']) {
    execFileSync('rm', ['-rf', join(consumer, 'node_modules', name)]);
    mkdirSync(join(consumer, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(consumer, 'node_modules', name));
  }
});

describe('npm pack', () => {
  it('holds the CDN bundle, its editor chunk and snapshots, the ESM build with types, the manifest, and nothing else', () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const required of [
      'README.md',
      'package.json',
      'dist/py-worker-run.js',
      'dist/py-worker-run-page-pool.js',
      'dist/py-worker-run-code-editor.js',
      'dist/py-worker-run-rich-html.js',
      'dist/py-worker-run-worker.js',
      'dist/py-worker-run-input-binding.js',
      'dist/py-worker-run-fetch-code.js',
      'dist/py-worker-run-snapshot-cache.js',
      'dist/py-worker-run-snapshot-maker.js',
      'dist/py-worker-run-trusted-types.js',
      `dist/${snapshotFileName()}`,
      `dist/${snapshotFileName(undefined, 'webkit')}`,
      'dist/npm/index.js',
      'dist/npm/index.d.ts',
      'dist/npm/py-worker-run.d.ts',
      'dist/npm/frameworks/solid.d.ts',
      'dist/npm/frameworks/preact.js',
      'dist/custom-elements.json',
    ]) {
      assert.ok(files.includes(required), `${required} is in the package`);
    }
    const unexpected = files.filter(
      (f) => !['README.md', 'package.json'].includes(f) && !/^dist\/(py-worker-run(-[\w-]+)?\.js|pyodide-[\w.-]+\.snapshot\.zst|custom-elements\.json|npm\/.+\.(js|d\.ts))$/.test(f),
    );
    assert.deepEqual(unexpected, []);
  });

  it("ships the CDN bundle's worker as a strict classic script: a sandboxed iframe can start only a classic worker", () => {
    const code = readFileSync(join(root, 'dist/py-worker-run-worker.js'), 'utf8');
    assert.ok(code.startsWith('"use strict";'), 'the worker begins with "use strict"');
    new Script(code, { filename: 'py-worker-run-worker.js' }); // compiled as a classic script: an import, export or top-level await throws
  });

  it('keeps the CDN bundle within 20 KiB gzipped, its chunks apart (the worker, the editor, the sanitiser…)', () => {
    const size = gzipSync(readFileSync(join(root, 'dist/py-worker-run.js')), { level: 9 }).length;
    assert.ok(size <= 20_480, `dist/py-worker-run.js is ${size} bytes gzipped`);
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

/** Runs a type checker in `dir`; its output and whether it passed. */
function check(command, args, dir) {
  try {
    return { ok: true, output: execFileSync(process.execPath, [join(root, 'node_modules', command), ...args], { cwd: dir, encoding: 'utf8' }) };
  } catch (error) {
    return { ok: false, output: `${error.stdout}${error.stderr}` };
  }
}

/** A folder of the consumer holding the framework files `files` (paths in src/test/) and a config. */
function project(name, files, config) {
  const dir = join(consumer, name);
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(join(root, 'src/test', file), join(dir, fileName(file)));
  writeFileSync(join(dir, config.file), JSON.stringify({ compilerOptions: { ...STRICT, ...config.options }, ...config.rest }));
  return dir;
}

/** The name a file of src/test/ has in a consumer's folder: apps/astro/src/components/Mean.tsx → astro-Mean.tsx. */
const fileName = (file) => (file.startsWith('apps/') ? `${file.split('/')[1]}-${file.split('/').at(-1)}` : file.split('/').at(-1));

// As the frameworks' own scaffolds set them.
const STRICT = { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'], skipLibCheck: true, noEmit: true, noUnusedLocals: true };
const tsc = ['typescript/bin/tsc', ['-p', '.']];
const svelteCheck = ['svelte-check/bin/svelte-check', ['--workspace', '.', '--output', 'machine', '--fail-on-warnings']];
const vueTsc = ['vue-tsc/bin/vue-tsc.js', ['-p', '.']];

const FRAMEWORKS = [
  {
    name: 'React 19 (JSX, as in Next.js)',
    checker: tsc,
    good: ['frameworks/react/Mean.tsx', 'frameworks/react/MeanWrapper.tsx'],
    wrong: ['frameworks/react/WrongTypes.tsx'],
    config: (files) => ({ file: 'tsconfig.json', options: { jsx: 'react-jsx', noUnusedParameters: true }, rest: { files } }),
    errors: 5,
  },
  {
    name: 'Preact 11 (JSX)',
    checker: tsc,
    good: ['apps/preact/src/Mean.tsx', 'apps/astro/src/components/Mean.tsx'],
    wrong: ['frameworks/preact/WrongTypes.tsx'],
    config: (files) => ({ file: 'tsconfig.json', options: { jsx: 'react-jsx', jsxImportSource: 'preact', noUnusedParameters: true }, rest: { files } }),
    errors: 3,
  },
  {
    name: 'Solid 1.9 (JSX)',
    checker: tsc,
    good: ['apps/solid/src/Mean.tsx'],
    wrong: ['frameworks/solid/WrongTypes.tsx'],
    config: (files) => ({ file: 'tsconfig.json', options: { jsx: 'preserve', jsxImportSource: 'solid-js', noUnusedParameters: true }, rest: { files } }),
    errors: 3,
  },
  {
    name: 'Svelte 5 (svelte-check, checkJs)',
    checker: svelteCheck,
    good: ['frameworks/svelte/Mean.svelte'],
    wrong: ['frameworks/svelte/WrongTypes.svelte'],
    config: () => ({ file: 'jsconfig.json', options: { allowJs: true, checkJs: true, verbatimModuleSyntax: true, isolatedModules: true } }),
    errors: 3,
  },
  {
    name: 'Vue 3 (vue-tsc)',
    checker: vueTsc,
    good: ['frameworks/vue/Mean.vue'],
    wrong: ['frameworks/vue/WrongTypes.vue'],
    config: () => ({ file: 'tsconfig.json', options: { jsx: 'preserve', types: [] }, rest: { include: ['*.vue'] } }),
    errors: 3,
  },
];

describe('framework typings, from the entry points py-worker-run/react, /preact, /solid, /svelte and /vue', () => {
  for (const framework of FRAMEWORKS) {
    it(`${framework.name}: the README's snippets type-check, and wrong attribute types and event details do not`, () => {
      const [command, args] = framework.checker;
      const names = (files) => files.map(fileName);
      const slug = framework.name.split(' ')[0].toLowerCase();
      const good = check(command, args, project(`${slug}-good`, framework.good, framework.config(names(framework.good))));
      assert.ok(good.ok, `the snippets do not type-check:\n${good.output}`);
      const wrong = check(command, args, project(`${slug}-wrong`, framework.wrong, framework.config(names(framework.wrong))));
      assert.equal(wrong.ok, false, 'wrong types pass');
      const errors = wrong.output.split('\n').filter((line) => /error/i.test(line) && !/COMPLETED|found/.test(line));
      assert.equal(errors.length, framework.errors, wrong.output);
      assert.match(wrong.output, /'nope' does not exist on type 'Py(Result|Error)Detail'/);
    });
  }
});

describe('the demo', () => {
  it('runs under npm start (the Vite dev server, which serves the worker as a module of its own)', async () => {
    const { createServer } = await import('vite');
    const server = await createServer({ configFile: join(root, '.config/vite.config.ts'), logLevel: 'warn', server: { port: 0 } });
    await server.listen();
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage();
      await page.goto(server.resolvedUrls.local[0]);
      const first = page.locator('py-worker-run').first();
      await page.waitForFunction((el) => el.status === 'done' || el.status === 'error', await first.elementHandle(), { timeout: 60_000 });
      assert.deepEqual(await first.evaluate((el) => [el.status, el.error?.message]), ['done', undefined]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('a Vite app using the packed package', () => {
  it('builds for production, emits the shipped snapshots and the editor chunk, and runs from the snapshot in Chromium', async () => {
    const app = join(consumer, 'vite-app');
    mkdirSync(app, { recursive: true });
    writeFileSync(
      join(app, 'index.html'),
      `<!doctype html>
<meta name="py-worker-run:index-url" content="/pyodide/">
<script type="module">import 'py-worker-run';</script>
<py-worker-run context='{"values": [1, 2, 6]}'>
  import statistics
  statistics.mean(values)
</py-worker-run>
`,
    );
    execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: app, encoding: 'utf8' });
    const assets = readdirSync(join(app, 'dist/assets'));
    assert.ok(assets.some((name) => /^pyodide-.+(?<!\.webkit)\.snapshot-.+\.zst$/.test(name)), `the snapshot is an asset: ${assets}`);
    assert.ok(assets.some((name) => /^pyodide-.+\.webkit\.snapshot-.+\.zst$/.test(name)), `the WebKit snapshot is an asset: ${assets}`);
    assert.ok(assets.some((name) => /code-editor.*\.js$/.test(name)), `the editor is a chunk of its own: ${assets}`);

    const server = await serve({ '/': join(app, 'dist'), '/pyodide/': join(root, 'node_modules/pyodide') });
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        const once = (type, pick) => new Promise((resolve) => addEventListener(type, (event) => resolve(pick(event.detail)), { once: true }));
        window.outcomes = { ready: once('py-worker-run:ready', (detail) => detail), result: once('py-result', (detail) => detail.value) };
      });
      await page.goto(server.url);
      const result = await page.evaluate(() => window.outcomes.result);
      const ready = page.evaluate(() => window.outcomes.ready);
      assert.equal(result, 3);
      assert.deepEqual({ ...(await ready), bootMs: 0, pyodideVersion: '' }, { worker: 1, pyodideVersion: '', fromSnapshot: true, snapshot: 'shipped', snapshotSkipped: null, bootMs: 0 });
    } finally {
      await browser.close();
      server.close();
    }
  });
});
