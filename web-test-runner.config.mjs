import { readFile } from 'node:fs/promises';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

/**
 * Serves the two Vite import forms our source uses, as Vite's dev server does:
 * `file?raw` (the file's text) and `worker.ts?worker&inline` (a constructor for a module worker).
 */
function viteImports() {
  return {
    name: 'vite-imports',
    async serve(context) {
      const { path, querystring } = context;
      if (querystring === 'raw') {
        const text = await readFile(new URL(`.${path}`, import.meta.url), 'utf8');
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

export default {
  files: ['src/test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  plugins: [viteImports(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      },
    }),
  ],
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60000,
};
