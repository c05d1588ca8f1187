import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import pyWorkerRun from 'py-worker-run/remark';

export default defineConfig({
  integrations: [preact(), mdx()],
  // python run fences become <py-worker-run> cells in Markdown and MDX pages (MDX takes these plugins too).
  markdown: { remarkPlugins: [pyWorkerRun] },
});
