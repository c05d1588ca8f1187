// @ts-check
import pyWorkerRun from 'py-worker-run/remark';

/** @type {import('@docusaurus/types').Config} */
export default {
  title: 'py-worker-run in Docusaurus',
  url: 'http://localhost',
  baseUrl: '/',
  // Pyodide from the test server (the published default is the CDN, which this machine cannot reach)
  headTags: [{ tagName: 'meta', attributes: { name: 'py-worker-run:index-url', content: '/pyodide/' } }],
  // Defines <py-worker-run> on every page.
  clientModules: ['./src/py-worker-run.js'],
  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        // python run fences become <py-worker-run> cells in Markdown and MDX pages.
        docs: { routeBasePath: '/', remarkPlugins: [pyWorkerRun] },
        blog: false,
      }),
    ],
  ],
};
