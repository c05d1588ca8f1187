// What every script that drives a browser shares (the tests, the build's snapshot, the benchmark,
// the screenshots): Debian's Chromium, launched headless without what it cannot do here, and the
// content types of the files they serve.

/** Playwright launch options: CHROME_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM = {
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
};

/** Content types by file extension; `.wasm` must be application/wasm for Pyodide to compile it. */
export const CONTENT_TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.zst': 'application/zstd',
};
