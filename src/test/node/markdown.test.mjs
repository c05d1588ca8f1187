// The Markdown plugins as a docs site uses them: the packed package installed beside markdown-it,
// remark and MDX (src/test/docs-tools/, with its own lockfile), the same Markdown rendered by each,
// and each page opened in Chromium with the CDN bundle: every cell's code arrives byte for byte.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright';
import { CHROMIUM } from '../../build/chromium.mjs';
import { serve } from './static-server.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The code of each ```python run fence of cells.md, in order. */
const markdown = readFileSync(join(root, 'src/test/docs-tools/cells.md'), 'utf8');
const cellCodes = [...markdown.matchAll(/^```py(?:thon)? run[^\n]*\n([^]*?)^```$/gm)].map(([, code]) => code);

let pages; // folder of the rendered pages
let app; // the docs-tools app with the package installed

before(() => {
  const work = mkdtempSync(join(tmpdir(), 'py-worker-run-markdown-'));
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root));
  app = join(work, 'app');
  cpSync(join(root, 'src/test/docs-tools'), app, { recursive: true });
  npm(['ci', '--no-audit', '--no-fund'], app);
  npm(['install', '--no-save', '--no-audit', '--no-fund', join(work, packed.filename)], app);
  pages = join(work, 'pages');
  mkdirSync(pages);
  execFileSync(process.execPath, [join(app, 'render.mjs'), pages], { cwd: app, encoding: 'utf8' });
  for (const name of ['markdown-it', 'remark', 'mdx']) {
    const body = readFileSync(join(pages, `${name}.html`), 'utf8');
    writeFileSync(
      join(pages, `${name}-page.html`),
      `<!doctype html><meta charset="utf-8"><meta name="py-worker-run:index-url" content="/pyodide/">\n<script type="module" src="/bundle/py-worker-run.js"></script>\n${body}`,
    );
  }
});

describe('the Markdown plugins', () => {
  it('turn only ```python run fences into cells, each after its code block (not for an editable one)', () => {
    for (const name of ['markdown-it', 'remark', 'mdx']) {
      const html = readFileSync(join(pages, `${name}.html`), 'utf8');
      assert.equal(html.match(/<py-worker-run /g)?.length, cellCodes.length, name);
      assert.match(html, /print\((&quot;|")not run(&quot;|")\)/, `${name}: the plain block is still shown`);
      assert.equal(html.match(/<pre/g)?.length, 1 + cellCodes.length - 1, `${name}: code blocks: the plain one and every cell but the editable one`);
      assert.doesNotMatch(html, /language-python run|py run/, `${name}: the fence's attributes are not left in the code block`);
    }
  });

  it('refuses a fence attribute the element does not have, naming it and the fence', () => {
    const script = "import MarkdownIt from 'markdown-it'; import pyWorkerRun from 'py-worker-run/markdown-it'; new MarkdownIt().use(pyWorkerRun).render('```python run sesion=a\\n1\\n```\\n');";
    const run = () => execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.throws(run, (error) => /the fence "python run sesion=a" sets "sesion", which <py-worker-run> does not take/.test(error.stderr));
  });

  for (const name of ['markdown-it', 'remark', 'mdx']) {
    it(`${name}: every cell runs in Chromium with its code byte for byte, its session and context`, async () => {
      const server = await serve({ '/pyodide/': join(root, 'node_modules/pyodide'), '/bundle/': join(app, 'node_modules/py-worker-run/dist'), '/': pages });
      const browser = await chromium.launch(CHROMIUM);
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`${server.url}${name}-page.html`);
        await page.waitForFunction(() => globalThis.customElements.get('py-worker-run'));
        await page.evaluate(() => Promise.all([...document.querySelectorAll('py-worker-run')].filter((el) => el.manual).map((el) => el.run())));
        await page.waitForFunction(() => [...document.querySelectorAll('py-worker-run')].every((el) => el.status === 'done' || el.status === 'error'), undefined, { timeout: 60_000 });
        const cells = await page.evaluate(() => {
          const elements = [...document.querySelectorAll('py-worker-run')];
          return elements.map((el) => ({ code: el.code, status: el.status, error: el.error?.message, result: el.result, stdout: el.stdout, id: el.id, editable: el.editable }));
        });
        assert.deepEqual(errors, []);
        assert.deepEqual(
          cells.map((cell) => cell.code),
          cellCodes,
        );
        for (const cell of cells) assert.equal(cell.status, 'done', `${cell.error}\n${cell.code}`);
        assert.equal(cells[0].result, 1);
        assert.equal(cells[0].stdout, "{x} 1 { y } <b>&amp;</b> & <i> 'line one\\n    \\n\\ttab-indented line   \\n`backticks` and ``two``\\n'\n");
        assert.deepEqual([cells[2].id, cells[2].result], ['sum', 42]);
        assert.deepEqual([cells[3].editable, cells[3].stdout], [true, 'edit me\n']);
      } finally {
        await browser.close();
        server.close();
      }
    });
  }
});
