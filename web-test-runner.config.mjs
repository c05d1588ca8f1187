import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import { CHROMIUM } from './src/build/chromium.mjs';
import { FIREFOX, WEBKIT_CAPABILITIES, startWebKitDriver } from './src/build/engines.mjs';
import { crossOriginIsolation, totalsReporter, viteImports } from './src/test/server/runner-plugins.mjs';
import { testServer } from './src/test/server/test-server.mjs';

/**
 * `PY_WORKER_RUN_ISOLATED=1` serves every response with COOP/COEP, so pages are cross-origin isolated
 * (SharedArrayBuffer, interrupting Python): the reliability tests run once in each set-up.
 */
const isolated = process.env.PY_WORKER_RUN_ISOLATED === '1';

/** `PY_WORKER_RUN_ENGINE=firefox|webkit` runs the tests in that engine instead of Chromium. */
const engine = process.env.PY_WORKER_RUN_ENGINE || 'chromium';

/**
 * WebKit boots Python several times slower than the others here (2 cores), and the whole suite had
 * done 30 of its 32 files after 18 minutes in it: it runs this core set (the isolated run, its reliability files), named in the README.
 */
const WEBKIT_CORE = [
  'src/test/units.test.ts',
  'src/test/element.test.ts',
  'src/test/python-features.test.ts',
  'src/test/async-run.test.ts',
  'src/test/editable.test.ts',
  'src/test/kept-edits.test.ts',
  'src/test/accessibility.test.ts',
  'src/test/files.test.ts',
  'src/test/rich-html.test.ts',
  'src/test/inputs.test.ts',
  'src/test/shipped-snapshot.test.ts',
  'src/test/snapshot-choice.test.ts',
  'src/test/snapshot-crash.test.ts',
  'src/test/deferred-stdlib.test.ts',
  'src/test/compiled-wasm.test.ts',
  'src/test/intent-loading.test.ts',
  'src/test/reliability/stop-timeout.test.ts',
  'src/test/reliability/input.test.ts',
  'src/test/reliability/csp.test.ts',
  'src/test/reliability/bad-input.test.ts',
  'src/test/reliability/sealed.test.ts',
  'src/test/reliability/workers.test.ts',
];

async function launcher() {
  if (engine === 'chromium') return playwrightLauncher({ product: 'chromium', launchOptions: CHROMIUM });
  if (engine === 'firefox') return chromeLauncher({ puppeteer, launchOptions: FIREFOX });
  if (engine === 'webkit') {
    const driver = await startWebKitDriver(isolated ? { JSC_useSharedArrayBuffer: '1' } : {});
    return webdriverLauncher({ hostname: driver.hostname, port: driver.port, capabilities: { ...WEBKIT_CAPABILITIES, 'wdio:enforceWebDriverClassic': true }, logLevel: 'error' });
  }
  throw new Error(`PY_WORKER_RUN_ENGINE=${engine}: expected chromium, firefox or webkit`);
}

/** The fixtures and the routes that serve them (src/test/server/test-server.mjs). */
const routes = await testServer({ engine, isolated });

export default {
  files: engine === 'webkit' ? WEBKIT_CORE.filter((file) => !isolated || file.includes('/reliability/')) : isolated ? ['src/test/reliability/**/*.test.ts'] : ['src/test/**/*.test.ts'],
  nodeResolve: true,
  // One page at a time outside Chromium: WebKitWebDriver drives one window, and Firefox pauses
  // requestAnimationFrame in a background tab (a test awaiting a frame hangs), while two windows
  // lost pages mid-test (keyboard tests disconnected) and shared Cache Storage between test files.
  concurrency: engine === 'chromium' ? 2 : 1,
  middleware: isolated ? [crossOriginIsolation(), routes] : [routes],
  reporters: [defaultReporter(), totalsReporter()],
  plugins: [viteImports(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [await launcher()],
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: Number(process.env.PY_WORKER_RUN_FINISH_MS) || 10 * 60 * 1000,
  browserStartTimeout: 60000,
};
