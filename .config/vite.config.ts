import { defineConfig } from 'vite';

// `npm start` serves index.html (the demo) with Pyodide from node_modules; `npm run build` makes
// dist/py-worker-run.js, one ES module with Lit and the worker inside it.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  server: { port: 5173 },
  // Pyodide is loaded by the worker at run time from its index URL, never bundled.
  optimizeDeps: { exclude: ['pyodide'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'py-worker-run.js' },
    sourcemap: true,
  },
});
