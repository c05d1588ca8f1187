import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * Python sources imported with ?raw, without what does not run: full-line comments and docstrings
 * (triple-quoted strings standing alone as statements). A smaller bundle, the same code.
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
    if (trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('"""')) {
      inDocstring = !trimmed.slice(3).includes('"""');
      continue;
    }
    kept.push(line);
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
