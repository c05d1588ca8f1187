// What every app built by its own tool must do in Chromium, through the page as a reader gets it.
// An app's page has, by id:
// - #mean: a <py-worker-run> given `{ values: [1, 2, 3, 4] }` the framework's natural way, whose
//   py-result handler writes "Mean: …" into #mean-out;
// - #more (a value is added), #same (a re-render with an equal new context: #renders counts renders),
//   #toggle (removes the element, or puts it back);
// - #hostile: the code of hostile.py, in the form the README gives for that tool.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const HOSTILE = readFileSync(new URL('hostile.py', import.meta.url), 'utf8');
/** What hostile.py prints, and its last expression's value. */
export const HOSTILE_STDOUT = "{x} 1 { y } <b>&amp;</b> & <i> 'line one\\n    \\n\\ttab-indented line   \\n`backticks` and ``two``\\n'\n";
export const HOSTILE_RESULT = 1;

const COUNTERS = () => {
  globalThis.runs = {};
  globalThis.ready = [];
  document.addEventListener('py-run', (event) => (globalThis.runs[event.target.id] = (globalThis.runs[event.target.id] ?? 0) + 1), true);
  addEventListener('py-worker-run:ready', (event) => globalThis.ready.push(event.detail));
};

/** Opens `url` in a new page of `browser`, with the run counters and the console's errors. */
export async function openApp(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The browser's own request for a favicon, which these apps have none of, is not the page's error.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`${message.text()} ${message.location().url}`);
  });
  await page.addInitScript(COUNTERS);
  await page.goto(url);
  return { page, errors };
}

const settled = (page, selector) =>
  page.waitForFunction((s) => [...document.querySelectorAll(s)].every((el) => el.status === 'done' || el.status === 'error'), selector, { timeout: 60_000 });

/** #hostile's code arrived byte for byte (but for a final newline, which the code property drops) and ran. */
export async function checkHostile(page) {
  await page.waitForSelector('#hostile');
  await settled(page, '#hostile');
  const cell = await page.$eval('#hostile', (el) => ({ code: el.code, status: el.status, error: el.error?.message, stdout: el.stdout, result: el.result }));
  assert.equal(cell.error, undefined);
  assert.equal(cell.code.replace(/\n$/, ''), HOSTILE.replace(/\n$/, ''));
  assert.deepEqual([cell.stdout, cell.result], [HOSTILE_STDOUT, HOSTILE_RESULT]);
}

/** A Markdown page's cells, as the tools' pages hold them: #hostile, and #static with a context. */
export function markdownCells() {
  return `# Cells\n\n\`\`\`python run id=hostile\n${HOSTILE}\`\`\`\n\nThe mean:\n\n\`\`\`python run id=static context='{"values": [1, 2, 3, 4]}'\nimport statistics\nstatistics.mean(values)\n\`\`\`\n`;
}

/** #static, server-rendered with its context (as JSON text) and its code, ran once with them. */
export async function checkStatic(page) {
  await page.waitForSelector('#static');
  await settled(page, '#static');
  assert.deepEqual(await page.$eval('#static', (el) => [el.error?.message, el.result]), [undefined, 2.5]);
  assert.equal(await page.evaluate(() => globalThis.runs.static), 1);
}

/** #object, given an object context by a server renderer (which wrote "[object Object]"), says what to write instead. */
export async function checkObjectContext(page) {
  await page.waitForSelector('#object');
  await settled(page, '#object');
  const error = await page.$eval('#object', (el) => el.error);
  assert.equal(error?.type, 'ContextError');
  assert.match(error.message, /"\[object Object\]": a server renderer wrote an object as text\. Give it JSON text, context=\{JSON\.stringify\(data\)\}/);
}

/** The interactive checks on #mean: context, handler, one re-run per change, none for an equal context, remove and re-add. */
export async function checkMean(page) {
  const runs = () => page.evaluate(() => globalThis.runs.mean ?? 0);
  const shows = (text) => page.waitForFunction((t) => document.querySelector('#mean-out')?.textContent?.includes(t), text, { timeout: 60_000 });
  await shows('Mean: 2.5');
  assert.equal(await runs(), 1, 'one run on load');

  const renders = await page.textContent('#renders');
  await page.click('#same');
  await page.waitForFunction((before) => document.querySelector('#renders').textContent !== before, renders);
  await page.$eval('#mean', (el) => el.updateComplete);
  assert.deepEqual(await page.$eval('#mean', (el) => [el.isUpdatePending, el.status]), [false, 'done'], 'an equal context starts no run');

  await page.click('#more');
  await shows('Mean: 3');
  assert.equal(await runs(), 2, 'a new context runs once');

  await page.click('#toggle');
  await page.waitForSelector('#mean', { state: 'detached' });
  await page.click('#toggle');
  await page.waitForSelector('#mean');
  await settled(page, '#mean');
  assert.equal(await page.$eval('#mean', (el) => el.result), 3, 'the element put back runs with its context');
  assert.equal(await runs(), 3);
}

/** Python booted from the snapshot shipped with the package (the build emitted it, the page found it). */
export async function checkSnapshot(page) {
  const [first] = await page.evaluate(() => globalThis.ready);
  assert.ok(first, 'Python booted');
  assert.deepEqual([first.fromSnapshot, first.snapshot, first.snapshotSkipped], [true, 'shipped', null]);
}
