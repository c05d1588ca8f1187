// The README and docs/: every link leads to a file that exists, every #anchor to a heading of that
// file, and each framework snippet is the text of the file the tests build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const root = new URL('../../../', import.meta.url).pathname;
const PAGES = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`), 'src/runner/README.md', 'src/worker/README.md'];

/** The text outside fenced code blocks, where headings are headings. */
const withoutBlocks = (markdown) => markdown.replace(/^```[^]*?^```/gm, '');
/** The text outside fenced code blocks and inline code, where links are links. */
const prose = (markdown) => withoutBlocks(markdown).replace(/`[^`\n]*`/g, '``');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2… */
function anchors(markdown) {
  const seen = new Map();
  const result = new Set();
  for (const [, text] of withoutBlocks(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count ? `${slug}-${count}` : slug);
  }
  return result;
}

describe('the docs', () => {
  it('link only to files that exist and headings they have', () => {
    const broken = [];
    for (const page of PAGES) {
      const text = readFileSync(join(root, page), 'utf8');
      for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#');
        const file = path ? join(dirname(join(root, page)), path) : join(root, page);
        if (!existsSync(file)) broken.push(`${page}: ${target} (no file ${relative(root, file)})`);
        else if (anchor !== undefined && !anchors(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor})`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('keep the README the front door: 400 lines at most (one short snippet per tool)', () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n').length;
    assert.ok(lines <= 400, `README.md has ${lines} lines`);
  });

  it('show each framework and tool snippet exactly as the file the tests build', () => {
    const snippets = (page) => [...readFileSync(join(root, page), 'utf8').matchAll(/\(`(src\/test\/(?:frameworks|apps)\/[\w./-]+\.\w+)`(?:(?!```)[^])*```\w+\n([^]*?)```/g)];
    const files = (page) => snippets(page).map((m) => m[1].replace('src/test/', ''));
    const tools = [
      'frameworks/react/Mean.tsx',
      'frameworks/react/MeanWrapper.tsx',
      'apps/preact/src/Mean.tsx',
      'apps/solid/src/Mean.tsx',
      'frameworks/svelte/Mean.svelte',
      'frameworks/vue/Mean.vue',
      'apps/angular/src/app/mean.ts',
      'apps/astro/astro.config.mjs',
      'apps/vitepress/docs/.vitepress/config.mts',
      'apps/docusaurus/docusaurus.config.js',
    ];
    assert.deepEqual(files('docs/frameworks.md').sort(), [...tools, 'apps/astro/src/components/Mean.tsx'].sort());
    assert.deepEqual(files('README.md').sort(), [...tools].sort(), 'one snippet per tool in the README');
    for (const page of ['README.md', 'docs/frameworks.md']) {
      for (const [, file, snippet] of snippets(page)) assert.equal(snippet, readFileSync(join(root, file), 'utf8'), `${page}: ${file}`);
    }
  });
});
