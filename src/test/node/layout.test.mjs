// The source tree keeps the shape src/runner/README.md and src/worker/README.md describe: which
// folder may import which, and files small enough to read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const src = new URL('../../', import.meta.url).pathname;

function sources(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'test' ? [] : sources(path);
    return /\.(ts|mjs|py)$/.test(name) ? [relative(src, path)] : [];
  });
}

/** The files of src/ a source file imports, by path relative to src/. */
function imports(file) {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"?]+)/g)].map(([, spec]) => relative(src, resolve(dirname(join(src, file)), spec)));
}

/** Folder → the folders of src/ its files may import besides their own. */
const ALLOWED = {
  'runner/job': ['shared'],
  'runner/start': ['shared', 'worker'], // the worker's entry, to start it
  'runner/snapshot': ['shared'],
  'runner/pool': ['shared', 'runner/job', 'runner/start', 'runner/snapshot'],
  runner: ['shared', 'worker', 'runner'],
  'worker/boot': ['shared'],
  'worker/run': ['shared'],
  'worker/output': ['shared'],
  worker: ['shared', 'worker'],
  markdown: [], // build-time plugins: they import nothing of the element, the runner or the worker
};

describe('the source tree', () => {
  const files = sources(src);

  it('imports only down its floors: runner/ and worker/ never the element, each folder what its README allows', () => {
    const wrong = [];
    for (const file of files) {
      const folder = Object.keys(ALLOWED).find((name) => file.startsWith(`${name}/`));
      if (!folder) continue;
      for (const target of imports(file)) {
        const ok = target.startsWith(`${dirname(file)}/`) || ALLOWED[folder].some((allowed) => target.startsWith(`${allowed}/`));
        if (!ok) wrong.push(`${file} imports ${target}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has no source file over 420 lines', () => {
    const long = files.map((file) => [file, readFileSync(join(src, file), 'utf8').split('\n').length]).filter(([, lines]) => lines > 420);
    assert.deepEqual(long, []);
  });
});
