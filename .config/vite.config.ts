import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/** Python sources imported with ?raw, without their full-line comments (smaller bundle, same code). */
function pythonWithoutComments(): Plugin {
  return {
    name: 'python-without-comments',
    enforce: 'pre',
    load(id) {
      const [file, query] = id.split('?');
      if (!file?.endsWith('.py') || query !== 'raw') return null;
      const source = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*#/.test(line))
        .join('\n');
      return `export default ${JSON.stringify(source)};`;
    },
  };
}

const root = new URL('..', import.meta.url).pathname;

/**
 * `npm start`: the demo (index.html), Pyodide served from node_modules.
 * `vite build` (mode "cdn"): dist/py-worker-run.js, one minified ES module with Lit and the worker inside.
 * `vite build --mode npm`: dist/npm/, one file per module, Lit left to the user's bundler.
 */
export default defineConfig(({ mode }): UserConfig => {
  const npm = mode === 'npm';
  return {
    root,
    server: { port: 5173 },
    // Pyodide is loaded by the worker at run time from its index URL, never bundled.
    optimizeDeps: { exclude: ['pyodide'] },
    worker: { format: 'es', plugins: () => [pythonWithoutComments()] },
    build: {
      target: 'es2022',
      outDir: npm ? 'dist/npm' : 'dist',
      emptyOutDir: true,
      minify: !npm,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: (_format, entryName) => (npm ? `${entryName}.js` : 'py-worker-run.js') },
      rolldownOptions: npm
        ? { external: [/^lit($|\/)/, /^@lit\//], output: { preserveModules: true, preserveModulesRoot: 'src' } }
        : { output: { minify: true } },
    },
  };
});
