// How the tests and the benchmark drive Firefox and WebKit here (Debian's packages, headless):
// Firefox through puppeteer-core over WebDriver BiDi, WebKit (WebKitGTK's MiniBrowser) through
// WebKitWebDriver, classic W3C WebDriver, under a virtual X display.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** puppeteer-core launch options for Debian's Firefox ESR (FIREFOX_PATH overrides the binary). */
export const FIREFOX = {
  browser: 'firefox',
  executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  headless: true,
};

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** WebDriver capabilities that start WebKitGTK's MiniBrowser in automation mode. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': { binary: process.env.WEBKIT_PATH || MINIBROWSER, args: ['--automation'] },
};

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something listens on 127.0.0.1:port (the driver takes a moment to start). */
async function listening(port, child, what) {
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const open = await fetch(`http://127.0.0.1:${port}/status`).then(
      () => true,
      () => false,
    );
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not listen on port ${port}`);
}

/** Whether WebKitGTK's MiniBrowser is here to drive. */
export function webKitInstalled() {
  return existsSync(WEBKIT_CAPABILITIES['webkitgtk:browserOptions'].binary);
}

/**
 * Starts a virtual X display (MiniBrowser has no headless mode) and WebKitWebDriver on free ports;
 * both end with this process. `env` is passed to the browser (WebKitWebDriver starts it with its own
 * environment), e.g. `JSC_useSharedArrayBuffer=1`, which WebKitGTK needs for SharedArrayBuffer on
 * cross-origin isolated pages (Safari turns it on there by itself).
 */
export async function startWebKitDriver(env = {}) {
  if (!webKitInstalled()) {
    throw new Error('WebKitGTK is not installed: apt-get install -y webkit2gtk-driver xvfb');
  }
  // Xvfb picks a free display number and writes it to file descriptor 3.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with code ${code}`)));
    xvfb.once('error', reject);
  });
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    stdio: 'ignore',
    env: { ...process.env, DISPLAY: `:${display}`, ...env },
  });
  const stop = () => {
    driver.kill();
    xvfb.kill();
  };
  process.once('exit', stop);
  await listening(port, driver, 'WebKitWebDriver');
  return { hostname: '127.0.0.1', port, stop };
}

/** A caller of a WebDriver server's session API (classic W3C WebDriver over HTTP): `call('POST', '/ID/url', { url })`. */
export function webDriverCaller({ hostname, port }) {
  return async (method, path, body) => {
    const response = await fetch(`http://${hostname}:${port}/session${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${value?.message ?? response.status}`);
    return value;
  };
}
