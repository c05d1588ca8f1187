import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { snapshotFileName } from '../src/build/make-snapshot.mjs';

/**
 * Python sources imported with ?raw, without what does not run: comments, docstrings (triple-quoted
 * strings standing alone as statements) and blank lines, indented by one space a level instead of
 * four, consecutive imports on one line. A smaller bundle, the same code.
 */
function stripPython(source: string): string {
  const kept: string[] = [];
  let inDocstring = false;
  for (const line of source.split('\n')) {
    const trimmed = line.trim();
    if (inDocstring) {
      if (trimmed.includes('"""')) inDocstring = false;
      continue;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('"""')) {
      inDocstring = !trimmed.slice(3).includes('"""');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const previous = kept.at(-1);
    // Consecutive top-level `import x` lines become one `import a,b`.
    if (indent === 0 && /^import [\w.]+$/.test(trimmed) && previous && /^import [\w.,]+$/.test(previous)) {
      kept[kept.length - 1] = `${previous},${trimmed.slice('import '.length)}`;
      continue;
    }
    // A trailing comment without quotes in it cannot be inside a string.
    kept.push(' '.repeat(Math.floor(indent / 4)) + trimmed.replace(/\s+# [^"']*$/, ''));
  }
  return kept.join('\n');
}

function pythonWithoutComments(): Plugin {
  return {
    name: 'python-without-comments',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if (!file?.endsWith('.py') || query !== 'raw') return null;
      return `export default ${JSON.stringify(stripPython(readFileSync(file, 'utf8')))};`;
    },
  };
}

const root = new URL('..', import.meta.url).pathname;

/** src/frameworks/NAME.ts and src/markdown/NAME.ts, published as py-worker-run/NAME. */
const FRAMEWORK_ENTRIES = ['react', 'svelte', 'vue', 'preact', 'solid'];
const MARKDOWN_ENTRIES = ['markdown-it', 'remark'];

export default defineConfig(({ mode, command }): UserConfig => {
  const npm = mode === 'npm';
  /** The CDN bundle (not the npm build, nor the dev server, which serves the worker as a module of its own). */
  const cdn = command === 'build' && !npm;
  return {
    root,
    server: { port: 5173 },
    // Pyodide is loaded by the worker at run time from its index URL, never bundled.
    optimizeDeps: { exclude: ['pyodide'] },
    // Lit's html`…` and css`…` in our sources, minified (whitespace, comments, quotes); the dev server serves them as written.
    plugins: [minifyHTML({ include: ['src/**/*.ts'], failOnError: true }) as Plugin],
    // The npm build inlines the worker (a bundler's app cannot be assumed to serve another file); the
    // CDN bundle loads it from beside itself (runner/start/create-worker.cdn.ts), only when Python is needed.
    resolve: cdn ? { alias: [{ find: /^\.\/start\/create-worker\.js$/, replacement: `${root}src/runner/start/create-worker.cdn.ts` }] } : {},
    worker: {
      format: 'es',
      plugins: () => [pythonWithoutComments()],
      // The CDN bundle's worker runs as a classic worker (runner/start/create-worker.cdn.ts): strict, as a module is.
      rolldownOptions: { output: { comments: false, ...(cdn ? { entryFileNames: 'py-worker-run-worker.js', minify: true, postBanner: '"use strict";' } : {}) } },
    },
    // The shipped snapshots sit beside the CDN bundle, at dist/; the npm build's module that finds it is in dist/npm/runner/snapshot/.
    // Two: one made in Chromium (restores in Chromium and Firefox), one made in WebKit (src/shared/engine-snapshot.ts).
    define: {
      __PY_WORKER_RUN_SNAPSHOT_PATH__: JSON.stringify(`${npm ? '../../../' : './'}${snapshotFileName()}`),
      __PY_WORKER_RUN_WEBKIT_SNAPSHOT_PATH__: JSON.stringify(`${npm ? '../../../' : './'}${snapshotFileName(undefined, 'webkit')}`),
    },
    build: {
      target: 'es2022',
      outDir: npm ? 'dist/npm' : 'dist',
      emptyOutDir: true,
      minify: !npm,
      lib: {
        // The npm build also has the entries for frameworks (py-worker-run/react, /preact, /svelte, /vue) and Markdown (/markdown-it, /remark).
        entry: npm
          ? ['src/index.ts', ...FRAMEWORK_ENTRIES.map((name) => `src/frameworks/${name}.ts`), ...MARKDOWN_ENTRIES.map((name) => `src/markdown/${name}.ts`)]
          : 'src/index.ts',
        formats: ['es'],
        fileName: (_format, entryName) => (npm ? `${entryName}.js` : 'py-worker-run.js'),
      },
      rolldownOptions: npm
        ? {
            external: [/^lit($|\/)/, /^@lit\//, /^@codemirror\//, /^@lezer\//, /^react($|\/)/, /^preact($|\/)/, /^dompurify$/, /^marked$/],
            // 'use client' (py-worker-run/react, for Next.js) stays: every module is its own file.
            onLog: (level, log, handler) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handler(level, log)),
            output: { preserveModules: true, preserveModulesRoot: 'src' },
          }
        : // The editor (CodeMirror) is a chunk of its own beside the bundle, loaded only by editable elements.
          {
            // A lazy chunk that uses what the bundle has imports it from the bundle, which exports it for that,
            // rather than both importing a third file (one request more on every page).
            preserveEntrySignatures: 'allow-extension',
            output: { minify: true, comments: false, chunkFileNames: 'py-worker-run-[name].js' },
          },
    },
  };
});
