// npm run screenshots: the demo page (index.html, served by Vite as `npm start` does) in headless
// Chromium, light and dark, saved as src/demo/screenshots/{light,dark}.png for the README.
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM } from '../build/chromium.mjs';

const root = new URL('../../', import.meta.url).pathname;
const server = await createServer({ configFile: `${root}.config/vite.config.ts`, logLevel: 'warn', server: { port: 0 } });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch(CHROMIUM);
try {
  for (const colorScheme of ['light', 'dark']) {
    const page = await browser.newPage({ colorScheme, viewport: { width: 900, height: 900 } });
    await page.goto(url);
    // Every element has finished (the runaway loop's timeout is the last to end; manual ones stay idle), and editors have loaded.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('py-worker-run')].every(
          (el) => !['loading', 'running'].includes(el.status) && (!el.editable || el.shadowRoot.querySelector('.cm-content')),
        ),
      null,
      { timeout: 120_000 },
    );
    // Editors lay their gutters out in an animation frame after a change.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: `${root}src/demo/screenshots/${colorScheme}.png`, clip: { x: 0, y: 0, width: 900, height: 1400 }, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
