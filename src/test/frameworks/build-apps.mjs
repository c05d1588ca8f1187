// Builds the framework test apps as their users' builds would: against the npm build of the
// package, each with its framework's own compiler (JSX through esbuild, svelte/compiler,
// @vue/compiler-sfc with the one option the README asks for). Run by web-test-runner.config.mjs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { compile as compileSvelte } from 'svelte/compiler';
import { compileScript, parse as parseVue } from 'vue/compiler-sfc';

const here = new URL('.', import.meta.url).pathname;

/** `py-worker-run` and `py-worker-run/NAME` from the npm build in `npmDir`, as from node_modules. */
function packageFrom(npmDir) {
  return {
    name: 'py-worker-run',
    setup(build) {
      build.onResolve({ filter: /^py-worker-run(\/(react|svelte|vue))?$/ }, ({ path }) => {
        const entry = path === 'py-worker-run' ? 'index.js' : `frameworks/${path.slice('py-worker-run/'.length)}.js`;
        return { path: join(npmDir, entry) };
      });
    },
  };
}

const svelte = {
  name: 'svelte',
  setup(build) {
    build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => ({
      contents: compileSvelte(await readFile(path, 'utf8'), { filename: path }).js.code,
      loader: 'js',
    }));
  },
};

const vue = {
  name: 'vue',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      const { descriptor } = parseVue(await readFile(path, 'utf8'), { filename: path });
      const script = compileScript(descriptor, {
        id: basename(path),
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement: (tag) => tag === 'py-worker-run' } },
      });
      return { contents: script.content, loader: 'ts' };
    });
  },
};

/**
 * Writes react.js, svelte.js and vue.js (browser modules) into `outDir`, and returns the
 * server-side render of the React app.
 */
export async function buildFrameworkApps(npmDir, outDir, nodeModules) {
  const common = {
    bundle: true,
    plugins: [packageFrom(npmDir), svelte, vue],
    nodePaths: [nodeModules],
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    jsx: 'automatic',
    logLevel: 'warning',
  };
  await esbuild({
    ...common,
    entryPoints: { react: join(here, 'react/client.tsx'), svelte: join(here, 'svelte/main.js'), vue: join(here, 'vue/main.ts') },
    outdir: outDir,
    format: 'esm',
    platform: 'browser',
    conditions: ['svelte'],
  });
  const server = join(outDir, 'react-server.cjs');
  await esbuild({
    ...common,
    entryPoints: [join(here, 'react/server.tsx')],
    outfile: server,
    format: 'cjs',
    platform: 'node',
    logOverride: { 'empty-import-meta': 'silent' }, // only the shipped snapshot's URL uses it, never on the server
  });
  return createRequire(import.meta.url)(server);
}
