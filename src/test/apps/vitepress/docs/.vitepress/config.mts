import { defineConfig } from 'vitepress';
import pyWorkerRun from 'py-worker-run/markdown-it';

export default defineConfig({
  title: 'py-worker-run in VitePress',
  // Pyodide from the test server (the published default is the CDN, which this machine cannot reach)
  head: [['meta', { name: 'py-worker-run:index-url', content: '/pyodide/' }]],
  // python run fences become <py-worker-run> cells
  markdown: { config: (md) => md.use(pyWorkerRun) },
  // <py-worker-run> is an element, not a Vue component
  vue: { template: { compilerOptions: { isCustomElement: (tag) => tag === 'py-worker-run' } } },
});
