// Every example of the README and docs/ that a page can run, run as written: the HTML ones as the
// page's markup, the JavaScript ones through the API they import, the Python ones in an element.
// Relative URLs in them (data files) resolve against /__docs/, where the test server has the files.
import { expect, fixture, html } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import type { PyWorkerRun } from '../py-worker-run.js';
import { element, nextOutcome, useLocalPyodide } from './helpers.js';

useLocalPyodide();

const PAGES = ['README.md', 'docs/usage.md', 'docs/api.md', 'docs/install.md', 'docs/frameworks.md', 'docs/security.md', 'docs/markdown.md'];

/** What an example can do only with Pyodide's CDN (offline here), and the error it gives instead. */
const OFFLINE = [{ marker: 'packages="numpy"', error: 'PackageError' }];

interface Example {
  page: string;
  lang: string;
  text: string;
}

async function examples(): Promise<Example[]> {
  const found: Example[] = [];
  for (const page of PAGES) {
    const markdown = await (await fetch(`/${page}`)).text();
    for (const [, lang, text] of markdown.matchAll(/^```(\w*)\n([^]*?)^```/gm)) found.push({ page, lang: lang!, text: text! });
  }
  return found;
}

/** The first outcome of each element of `markup`, connected as a page would have it (editable and manual ones are run). */
async function runMarkup(markup: string): Promise<Array<{ type: string; detail: { message?: string; type?: string; value?: unknown } }>> {
  const parent = await fixture<HTMLDivElement>(html`<div></div>`);
  const holder = document.createElement('div');
  holder.innerHTML = markup.replace(/<script type="module" src=[^>]*><\/script>/g, ''); // the bundle: already loaded here
  const cells = [...holder.querySelectorAll<PyWorkerRun>('py-worker-run')];
  const outcomes = cells.map((cell) => nextOutcome(cell));
  parent.append(...holder.childNodes);
  for (const cell of cells) if (cell.editable || cell.manual) void cell.run();
  return Promise.all(outcomes);
}

describe('the examples of the README and docs/', () => {
  let all: Example[];
  const base = document.createElement('base');

  before(async () => {
    all = await examples();
    base.href = '/__docs/';
    document.head.prepend(base);
  });

  after(() => base.remove());

  it('finds the examples it runs', () => {
    const kinds = all.map(({ page, lang, text }) => `${page} ${lang}${text.includes('<py-worker-run') ? ' element' : text.includes('asyncRun(') ? ' asyncRun' : ''}`);
    expect(kinds.filter((kind) => kind.endsWith(' element')).length, kinds.join('\n')).to.be.at.least(6);
    expect(kinds.filter((kind) => kind.endsWith(' asyncRun')).length, kinds.join('\n')).to.be.at.least(3);
  });

  it('runs every HTML example with an element: each cell answers with a result', async () => {
    for (const { page, text } of all.filter((example) => example.lang === 'html' && example.text.includes('<py-worker-run'))) {
      const offline = OFFLINE.find(({ marker }) => text.includes(marker));
      for (const { type, detail } of await runMarkup(text)) {
        if (offline) expect(detail.type, `${page}:\n${text}`).to.equal(offline.error);
        else expect(type, `${page}:\n${text}\n${detail.message}`).to.equal('py-result');
      }
    }
  });

  it('runs every JavaScript example that calls asyncRun: no error', async () => {
    const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
    for (const { page, text } of all.filter((example) => example.lang === 'js' && example.text.includes('asyncRun('))) {
      const body = text.replace(/^import .* from 'py-worker-run';$/gm, '').replace(/const \{[^}]*\} = await asyncRun\(/, 'return await asyncRun(');
      const answer = (await new AsyncFunction('asyncRun', 'configure', body)(asyncRun, configure)) as { error?: string; results: unknown };
      expect(answer.error, `${page}:\n${text}`).to.equal(undefined);
      expect(answer.results, `${page}:\n${text}`).to.not.equal(undefined);
    }
  });

  it('runs every Python example in an element: a result', async () => {
    for (const { page, text } of all.filter((example) => example.lang === 'python')) {
      const cell = element(text);
      const outcome = nextOutcome(cell);
      (await fixture<HTMLDivElement>(html`<div></div>`)).append(cell);
      const { type, detail } = await outcome;
      expect(type, `${page}:\n${text}\n${detail.message}`).to.equal('py-result');
    }
  });
});
