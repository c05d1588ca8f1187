// Renders cells.md with markdown-it and with remark, and cells.mdx with MDX and React's server
// renderer, using py-worker-run's plugins as a site would. Usage: node render.mjs OUTDIR
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '@mdx-js/mdx';
import MarkdownIt from 'markdown-it';
import pyWorkerRun from 'py-worker-run/markdown-it';
import remarkPyWorkerRun from 'py-worker-run/remark';
import { createElement } from 'react';
import * as runtime from 'react/jsx-runtime';
import { renderToString } from 'react-dom/server';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const here = new URL('.', import.meta.url).pathname;
const out = process.argv[2];
const markdown = readFileSync(join(here, 'cells.md'), 'utf8');

writeFileSync(join(out, 'markdown-it.html'), new MarkdownIt({ html: true }).use(pyWorkerRun).render(markdown));
writeFileSync(join(out, 'remark.html'), String(await unified().use(remarkParse).use(remarkPyWorkerRun).use(remarkRehype).use(rehypeStringify).process(markdown)));
const { default: Content } = await evaluate(readFileSync(join(here, 'cells.mdx'), 'utf8'), { ...runtime, remarkPlugins: [remarkPyWorkerRun] });
writeFileSync(join(out, 'mdx.html'), renderToString(createElement(Content)));
