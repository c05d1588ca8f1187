// Which engine the tests run in, and the few things each driver does differently
// (PY_WORKER_RUN_ENGINE; src/build/engines.mjs): Playwright drives Chromium, puppeteer over
// WebDriver BiDi drives Firefox, classic WebDriver drives WebKitGTK.
import { emulateMedia, sendKeys } from '@web/test-runner-commands';

export type Engine = 'chromium' | 'firefox' | 'webkit';

export const engine: Engine = /Firefox\//.test(navigator.userAgent) ? 'firefox' : /Chrome\//.test(navigator.userAgent) ? 'chromium' : 'webkit';

/** WebDriver's code points for the keys the tests press (classic WebDriver takes no key names). */
const WEBDRIVER_KEYS = { Control: '\uE009', End: '\uE010', Enter: '\uE007', Escape: '\uE00C' };

/** Presses `key`, with `modifier` held if given, in any driver. */
export async function press(key: 'End' | 'Enter' | 'Escape', modifier?: 'Control'): Promise<void> {
  if (engine === 'webkit') {
    // Classic WebDriver holds a modifier code point until the end of the sequence.
    await sendKeys({ type: (modifier ? WEBDRIVER_KEYS[modifier] : '') + WEBDRIVER_KEYS[key] });
  } else if (!modifier) {
    await sendKeys({ press: key });
  } else if (engine === 'chromium') {
    await sendKeys({ press: `${modifier}+${key}` });
  } else {
    // Puppeteer presses one key at a time.
    await sendKeys({ down: modifier });
    await sendKeys({ press: key });
    await sendKeys({ up: modifier });
  }
}

/** Types `text` into the focused element, in any driver. */
export async function typeText(text: string): Promise<void> {
  if (engine !== 'webkit') {
    await sendKeys({ type: text });
    return;
  }
  // WebKitWebDriver drops a space that follows another key in one sequence: one key at a time.
  for (const key of text) await sendKeys({ press: key });
}

/**
 * Makes the page prefer a light or dark colour scheme; false where the driver cannot (only
 * Chromium's DevTools protocol can here: Firefox over BiDi and WebKitWebDriver have no media
 * emulation), so the caller skips what needs it.
 */
export async function emulateColorScheme(colorScheme: 'light' | 'dark'): Promise<boolean> {
  if (engine !== 'chromium') return matchMedia(`(prefers-color-scheme: ${colorScheme})`).matches;
  await emulateMedia({ colorScheme });
  return true;
}

/**
 * Whether input() can wait for the reader here: with WebAssembly stack switching (JSPI: Chromium,
 * Firefox), or blocked on shared memory (cross-origin isolated pages with SharedArrayBuffer).
 */
export const canWaitForInput = 'Suspending' in WebAssembly || (globalThis.crossOriginIsolated && typeof SharedArrayBuffer === 'function');
