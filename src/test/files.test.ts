import { expect, html } from '@open-wc/testing';
import { asyncRun, configure } from '../index.js';
import { LOCAL_INDEX_URL, mount, partText } from './helpers.js';

// The page's file is fetched while Python boots; one worker, so that "fetched once per worker" is once.
configure({ indexURL: LOCAL_INDEX_URL, workers: 1, files: '/__files/page/data:page/data.csv' });

/** How often the test server was asked for `path`. */
async function fetches(path: string): Promise<number> {
  return Number(await (await fetch(`/__file-fetches?path=${encodeURIComponent(path)}`)).text());
}

describe('files', () => {
  it('writes a file named by URL into the working directory before the run', async () => {
    const { outcome } = await mount(html`<py-worker-run files="/__files/one/data.csv">import os\n(os.getcwd(), open("data.csv").read())</py-worker-run>`);
    const { type, detail } = await outcome;
    expect(type, detail.message).to.equal('py-result');
    expect(detail.value).to.deep.equal(['/home/pyodide', 'a,b\n1,2\n3,4\n']);
  });

  it('writes to the path after the colon, making its folders, also from a JSON object', async () => {
    const { outcome } = await mount(html`<py-worker-run files="/__files/two/data.csv:in/x.csv">open("in/x.csv").read().count("\\n")</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(3);
    const json = await mount(html`<py-worker-run files='{"/__files/two/data.csv": "/tmp/y.csv"}'>open("/tmp/y.csv").read()[:3]</py-worker-run>`);
    expect((await json.outcome).detail.value).to.equal('a,b');
  });

  it('fetches a URL once per worker, however many elements name it, and again only if the code deleted it', async () => {
    // No extension: the test server's responses are then not cached by the browser, so every fetch is counted.
    const path = '/__files/once/data';
    const url = `${path}:data.csv`;
    const cells = await Promise.all([1, 2, 3].map(() => mount(html`<py-worker-run files=${url}>len(open("data.csv").read())</py-worker-run>`)));
    for (const { outcome } of cells) expect((await outcome).detail.value).to.equal(12);
    expect(await fetches(path)).to.equal(1);
    const removed = await mount(html`<py-worker-run files=${url}>import os\nos.remove("data.csv")</py-worker-run>`);
    expect((await removed.outcome).type).to.equal('py-result');
    const again = await mount(html`<py-worker-run files=${url}>len(open("data.csv").read())</py-worker-run>`);
    expect((await again.outcome).detail.value).to.equal(12);
    expect(await fetches(path)).to.equal(2);
  });

  it('unpacks an archive named with /* into the working directory, or into the folder given', async () => {
    const here = await mount(html`<py-worker-run files="/__files/zip/archive.zip/*">open("one.txt").read() + open("inner/two.txt").read()</py-worker-run>`);
    expect((await here.outcome).detail.value).to.equal('onetwo');
    // PyScript's form: the target folder ends in /*.
    const there = await mount(html`<py-worker-run files="/__files/zip/archive.zip:unpacked/*">open("unpacked/inner/two.txt").read()</py-worker-run>`);
    expect((await there.outcome).detail.value).to.equal('two');
  });

  it('preloads the page\'s files (configure({ files })) for every run, asyncRun included', async () => {
    const { results, error } = await asyncRun('open("page/data.csv").read()[:3]');
    expect(error).to.equal(undefined);
    expect(results).to.equal('a,b');
    await asyncRun('1');
    expect(await fetches('/__files/page/data')).to.equal(1);
  });

  it('writes the files of one asyncRun() call (after the page\'s), and says what is wrong with an unusable entry', async () => {
    const { results, error } = await asyncRun('open("in/x.csv").read()[:3], open("page/data.csv").read()[:3]', undefined, { files: { '/__files/call/data.csv': 'in/x.csv' } });
    expect(error).to.equal(undefined);
    expect(results).to.deep.equal(['a,b', 'a,b']);
    expect((await asyncRun('open("y.csv").read()[:3]', undefined, { files: '/__files/call/data.csv:y.csv' })).results).to.equal('a,b');
    const bad = await asyncRun('print("not run")', undefined, { files: 'notes.txt/*' });
    expect(bad.error).to.contain('asyncRun() files: "notes.txt/*" can only be unpacked');
    expect(bad.stdout).to.equal('');
    const missing = await asyncRun('print("not run")', undefined, { files: '/__files/missing/nothing.csv' });
    expect(missing.error).to.contain('/__files/missing/nothing.csv');
  });

  it('fails with a FileError naming the URL and the status, and shows it', async () => {
    const { el, outcome } = await mount(html`<py-worker-run files="/__files/missing/nothing.csv">print("not run")</py-worker-run>`);
    const { type, detail } = await outcome;
    expect(type).to.equal('py-error');
    expect(detail.type).to.equal('FileError');
    expect(detail.message).to.contain(`${location.origin}/__files/missing/nothing.csv answered 404`);
    expect(detail.stdout).to.equal('');
    expect(partText(el, 'error')).to.contain('FileError');
  });

  it('refuses a file over the size limit, with or without a Content-Length', async () => {
    configure({ maxFileBytes: 2000 });
    try {
      for (const name of ['big.bin', 'big-declared.bin']) {
        const { outcome } = await mount(html`<py-worker-run files=${`/__files/limit/${name}`}>1</py-worker-run>`);
        const { detail } = await outcome;
        expect(detail.type, name).to.equal('FileError');
        expect(detail.message, name).to.contain('larger than the limit of 2,000 bytes');
        expect(detail.message, name).to.contain('maxFileBytes');
      }
    } finally {
      configure({ maxFileBytes: undefined });
    }
    const { outcome } = await mount(html`<py-worker-run files="/__files/limit/big.bin">import os\nos.path.getsize("big.bin")</py-worker-run>`);
    expect((await outcome).detail.value).to.equal(3000);
  });

  it('says what is wrong with an entry it cannot use, or an archive it cannot unpack', async () => {
    const cases: Array<[string, string, string]> = [
      ['/__files/bad/notes.txt/*', 'InputError', 'can only be unpacked if it ends in .zip'],
      ['/__files/bad/data.csv:', 'InputError', 'empty path'],
      ['{"a.csv": 3}', 'InputError', 'must map each URL to a path'],
      ['/__files/bad/not-a.zip/*', 'FileError', 'could not be unpacked as a .zip archive'],
    ];
    for (const [files, errorType, message] of cases) {
      const { outcome } = await mount(html`<py-worker-run files=${files}>1</py-worker-run>`);
      const { detail } = await outcome;
      expect(detail.type, files).to.equal(errorType);
      expect(detail.message, files).to.contain(message);
    }
  });

  it('refuses unusable files and maxFileBytes options in configure()', () => {
    expect(() => configure({ files: 3 as never })).to.throw(TypeError, '"files" takes URLs separated by spaces');
    expect(() => configure({ files: 'x.txt/*' })).to.throw(TypeError, 'can only be unpacked');
    expect(() => configure({ maxFileBytes: -1 })).to.throw(TypeError, 'a whole number of bytes');
  });
});
