// The benchmark's rows in Firefox and WebKit: first visit, repeat visit and warm round trip, bare
// Pyodide against the element, each sample in a freshly launched browser (empty caches and storage).
// Neither engine's driver here can emulate a slow network, so those rows are Chromium's alone.
import * as puppeteer from 'puppeteer-core';
import { FIREFOX, WEBKIT_CAPABILITIES, startWebKitDriver, webDriverCaller, webKitInstalled } from '../build/engines.mjs';
import { median } from './stats.mjs';

/** A browser with one tab: `open(url)` navigates and waits for the page's window.bench. */
async function launchFirefox() {
  const browser = await puppeteer.launch(FIREFOX);
  const page = await browser.newPage();
  return {
    async open(url) {
      await page.goto(url);
      await page.waitForFunction(() => window.bench, { timeout: 180_000, polling: 100 });
      return page.evaluate(() => window.bench);
    },
    close: () => browser.close(),
  };
}

/** The same over classic WebDriver (plain HTTP calls to WebKitWebDriver); each session is a new MiniBrowser. */
function webKitLauncher(driver) {
  const call = webDriverCaller(driver);
  return async () => {
    // Navigation returns at once ('none'): the page's window.bench is polled anyway, and a navigation
    // that waited for the load event once never returned.
    const { sessionId } = await call('POST', '', { capabilities: { alwaysMatch: { ...WEBKIT_CAPABILITIES, pageLoadStrategy: 'none' } } });
    return {
      async open(url) {
        await call('POST', `/${sessionId}/execute/sync`, { script: 'window.bench = undefined', args: [] }); // not the last page's
        await call('POST', `/${sessionId}/url`, { url });
        const deadline = Date.now() + 180_000;
        while (Date.now() < deadline) {
          const bench = await call('POST', `/${sessionId}/execute/sync`, { script: 'return window.bench ?? null', args: [] }).catch(() => null); // mid-navigation
          if (bench) return bench;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`${url}: no result within 180 s`);
      },
      close: () => call('DELETE', `/${sessionId}`),
    };
  };
}

/**
 * Samples first visit, repeat visit (a reload after `dwellMs`) and the warm round trip's median in
 * each engine here, `rounds` times, bare (`/bare/…`) and ours (`/element/…`) in turn; medians by engine.
 */
export async function benchEngines(origin, rounds, dwellMs) {
  const engines = { firefox: launchFirefox };
  let webKitDriver;
  if (webKitInstalled()) {
    webKitDriver = await startWebKitDriver();
    engines.webkit = webKitLauncher(webKitDriver);
  }
  const results = {};
  try {
    for (const [engine, launch] of Object.entries(engines)) {
      const check = (result, path) => {
        if (!result.ok) throw new Error(`${engine} ${path} gave a wrong answer: ${JSON.stringify(result).slice(0, 200)}`);
        return result;
      };
      const samples = { first: { bare: [], ours: [] }, repeat: { bare: [], ours: [] }, rtMedian: { bare: [], ours: [] } };
      for (let round = 0; round < rounds; round++) {
        for (const [side, kind] of round % 2 ? [['ours', 'element'], ['bare', 'bare']] : [['bare', 'bare'], ['ours', 'element']]) {
          let browser = await launch();
          try {
            samples.first[side].push(check(await browser.open(`${origin}/${kind}/first`), 'first').firstMs);
            await new Promise((resolve) => setTimeout(resolve, dwellMs)); // the reader reads; a snapshot may be cached meanwhile
            samples.repeat[side].push(check(await browser.open(`${origin}/${kind}/first`), 'repeat').firstMs);
          } finally {
            await browser.close();
          }
          browser = await launch();
          try {
            await browser.open(`${origin}/${kind}/first`); // warm the HTTP cache, as a returning reader's
            samples.rtMedian[side].push(median(check(await browser.open(`${origin}/${kind}/warm`), 'warm').roundTrips));
          } finally {
            await browser.close();
          }
        }
        process.stderr.write(`${engine}: round ${round + 1}/${rounds} done\n`);
      }
      results[engine] = Object.fromEntries(Object.entries(samples).map(([key, sides]) => [key, { bare: median(sides.bare), ours: median(sides.ours), samples: sides }]));
    }
  } finally {
    webKitDriver?.stop();
  }
  return results;
}
