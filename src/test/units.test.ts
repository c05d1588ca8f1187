import { expect } from '@open-wc/testing';
import { dedent } from '../runner/job/run-input.js';
import { parseContextAttribute } from '../element/context-source.js';
import { resolveIndexURL } from '../runner/start/index-url.js';
import { unwrapProxies } from '../runner/pool/unwrap-proxies.js';
import { DEFAULT_INDEX_URL, PYODIDE_VERSION } from '../runner/start/pyodide-version.js';
import { OutputTicks } from '../worker/output/output-ticks.js';
import { fastEnough, PROBE_BYTES, PROBE_MS } from '../worker/boot/shipped-snapshot.js';
import { tableKeepsFunctionIdentity, webKitSnapshotURL } from '../shared/engine-snapshot.js';
import { engine } from './engine.js';

describe('dedent', () => {
  it('removes common indentation and surrounding blank lines', () => {
    expect(dedent('\n    a = 1\n      b\n\n    c\n  ')).to.equal('a = 1\n  b\n\nc');
  });
  it('keeps code without common indentation as it is', () => {
    expect(dedent('a = 1\nif a:\n    b = 2')).to.equal('a = 1\nif a:\n    b = 2');
  });
  it('treats tabs and spaces as different indentation', () => {
    expect(dedent('\n\tx\n    y')).to.equal('\tx\n    y');
  });
  it('does not count the first line, as inspect.cleandoc: text a compiler trimmed (Svelte) lines up', () => {
    expect(dedent('import statistics\n  statistics.mean(values)\n')).to.equal('import statistics\nstatistics.mean(values)');
    expect(dedent('  x = 1\n  for i in range(2):\n      print(i)')).to.equal('x = 1\nfor i in range(2):\n    print(i)');
  });
  it('keeps the body of a first line that opens a block as it is (its indentation is free)', () => {
    expect(dedent('for i in range(3):\n      print(i)')).to.equal('for i in range(3):\n      print(i)');
    expect(dedent('def f():  # trimmed by Svelte\n      return 1\n    f()')).to.equal('def f():  # trimmed by Svelte\n  return 1\nf()');
  });
  it('normalises Windows line endings', () => {
    expect(dedent('  a\r\n  b\r\n')).to.equal('a\nb');
  });

  it('keeps what a whitespace-only line has beyond the common indent (it may be inside a triple-quoted string)', () => {
    expect(dedent('doc = """one\n    \ntwo"""')).to.equal('doc = """one\n    \ntwo"""');
    expect(dedent('  s = """a\n      \n  b"""\n')).to.equal('s = """a\n    \nb"""');
    expect(dedent('  a\n \n  b')).to.equal('a\n\nb');
  });
});

describe('parseContextAttribute', () => {
  it('gives the object', () => {
    expect(parseContextAttribute('{"a": [1, null]}')).to.deep.equal({ a: [1, null] });
  });
  it('explains invalid JSON with the parser message', () => {
    expect(() => parseContextAttribute('{a: 1}')).to.throw(/context attribute is not valid JSON: .+/);
  });
  it('refuses null, arrays and numbers', () => {
    for (const text of ['null', '[]', '3']) {
      expect(() => parseContextAttribute(text)).to.throw(/must be an object/);
    }
  });
  it('names where the JSON came from', () => {
    expect(() => parseContextAttribute('{', 'context property')).to.throw(/context property is not valid JSON/);
  });
});

describe('resolveIndexURL', () => {
  const base = 'https://example.test/docs/page.html';
  it('prefers configure(), then the meta tag, then the CDN default', () => {
    expect(resolveIndexURL('/py/', '/meta/', base)).to.equal('https://example.test/py/');
    expect(resolveIndexURL(undefined, 'meta/', base)).to.equal('https://example.test/docs/meta/');
    expect(resolveIndexURL(undefined, undefined, base)).to.equal(DEFAULT_INDEX_URL);
  });
  it('adds the trailing slash', () => {
    expect(resolveIndexURL('https://cdn.test/pyodide', undefined, base)).to.equal('https://cdn.test/pyodide/');
  });
});

describe('the default Pyodide', () => {
  it('is the version in package.json, on the CDN', async () => {
    const installed = (await (await fetch('/node_modules/pyodide/package.json')).json()) as { version: string };
    const ours = (await (await fetch('/package.json')).json()) as { devDependencies: Record<string, string> };
    expect(PYODIDE_VERSION).to.equal(installed.version);
    expect(ours.devDependencies.pyodide).to.equal(PYODIDE_VERSION);
    expect(DEFAULT_INDEX_URL).to.equal(`https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`);
  });
});

describe('unwrapProxies', () => {
  it('copies plain data read through proxies into clonable data', () => {
    const reactive = <T extends object>(target: T): T => new Proxy(target, {});
    const value = reactive({ list: reactive([1, reactive({ a: null })]), map: new Map([['k', reactive([2])]]) });
    expect(() => structuredClone(value)).to.throw();
    const copy = unwrapProxies(value);
    expect(structuredClone(copy)).to.deep.equal({ list: [1, { a: null }], map: new Map([['k', [2]]]) });
  });
  it('keeps typed arrays as they are, and keeps shared and cyclic references', () => {
    const floats = new Float64Array([1.5]);
    const shared = { x: 1 };
    const value: Record<string, unknown> = { floats, first: shared, second: shared };
    value.self = value;
    const copy = unwrapProxies(value) as Record<string, unknown>;
    expect(copy.floats).to.equal(floats);
    expect(copy.first).to.equal(copy.second);
    expect(copy.self).to.equal(copy);
  });
});

describe('fastEnough: the speed check of the shipped snapshot', () => {
  it('waits until the first bytes are in or the time is up', () => {
    expect(fastEnough(PROBE_BYTES - 1, PROBE_MS - 1, false)).to.equal(undefined);
  });
  it('goes on when the first bytes came in time, or the whole file did', () => {
    expect(fastEnough(PROBE_BYTES, PROBE_MS, false)).to.equal(true);
    expect(fastEnough(1000, 5, true)).to.equal(true);
  });
  it('gives up when the time is up first, or the first bytes came late', () => {
    expect(fastEnough(PROBE_BYTES / 2, PROBE_MS + 1, false)).to.equal(false);
    expect(fastEnough(PROBE_BYTES, PROBE_MS + 1, false)).to.equal(false);
  });
});

describe('the shipped snapshot for this engine', () => {
  it('tells JavaScriptCore by its WebAssembly tables, which hand back another object than the function put in', () => {
    expect(tableKeepsFunctionIdentity()).to.equal(engine !== 'webkit');
  });
  it('names the WebKit-made snapshot beside the other, and gives none for a name of another form', () => {
    const url = 'https://cdn.example/dist/pyodide-314.0.7-990c3b51a972.snapshot.zst';
    expect(webKitSnapshotURL(url)).to.equal('https://cdn.example/dist/pyodide-314.0.7-990c3b51a972.webkit.snapshot.zst');
    expect(webKitSnapshotURL(`${url}?v=2`)).to.equal('https://cdn.example/dist/pyodide-314.0.7-990c3b51a972.webkit.snapshot.zst?v=2');
    expect(webKitSnapshotURL('/a.webkit.snapshot.zst')).to.equal('/a.webkit.snapshot.zst');
    expect(webKitSnapshotURL('/old.snapshot.gz'), 'as earlier versions named it').to.equal('/old.webkit.snapshot.gz');
    expect(webKitSnapshotURL('/snapshots/latest.gz')).to.equal(undefined);
  });
});

describe('OutputTicks (the periodic signal while output floods)', () => {
  /** Pyodide's side: reads the buffer as its signal check does, and records when checks are on. */
  function fakePyodide() {
    const module: { Py_EmscriptenSignalBuffer?: Int32Array } = {};
    const host = { module, checksOn: false, setInterruptBuffer: (buffer: Int32Array | undefined) => (host.checksOn = buffer !== undefined) };
    const check = () => {
      const buffer = module.Py_EmscriptenSignalBuffer;
      if (!buffer) return 0;
      const signal = buffer[0]!;
      buffer[0] = 0;
      return signal;
    };
    return { host, check };
  }
  const SIGNAL = 64;

  it('stays off while output is quiet, and starts once 20 writes come within an interval', () => {
    const { host, check } = fakePyodide();
    const ticks = new OutputTicks(host, { shared: undefined, signal: SIGNAL, intervalMs: 60_000 });
    for (let i = 0; i < 19; i++) ticks.count(10);
    expect(host.checksOn).to.equal(false);
    ticks.count(10);
    expect(host.checksOn).to.equal(true);
    expect(check(), 'not before an interval has passed').to.equal(0);
  });

  it('raises the signal once per interval, not again within it, and stops when a tick finds output quiet', () => {
    const { host, check } = fakePyodide();
    let clock = 0;
    const now = performance.now;
    performance.now = () => clock;
    try {
      const ticks = new OutputTicks(host, { shared: undefined, signal: SIGNAL, intervalMs: 50 });
      for (let i = 0; i < 20; i++) ticks.count(10);
      const signals = () => Array.from({ length: 1000 }, check).filter((signal) => signal !== 0);
      expect(signals(), 'within the first interval').to.deep.equal([]);
      clock = 50;
      expect(signals(), 'once the interval has passed: once').to.deep.equal([SIGNAL]);
      expect(signals(), 'not again within the next interval').to.deep.equal([]);
      for (let i = 0; i < 20; i++) ticks.count(8192);
      expect(ticks.tick(), 'still flooding').to.equal(true);
      expect(ticks.tick(), 'quiet since the last tick').to.equal(false);
      expect(host.checksOn).to.equal(false);
    } finally {
      performance.now = now;
    }
  });

  it('stops when a run ends, forgetting what that run wrote', () => {
    const { host } = fakePyodide();
    const ticks = new OutputTicks(host, { shared: undefined, signal: SIGNAL, intervalMs: 60_000 });
    for (let i = 0; i < 40; i++) ticks.count(8192);
    ticks.stop();
    expect(host.checksOn).to.equal(false);
    expect(ticks.tick(), "the ended run's writes do not count as a flood").to.equal(false);
  });

  it("passes the page's interrupt on first, and clears it once read", () => {
    const { host, check } = fakePyodide();
    const shared = new Int32Array(1); // shared memory on cross-origin isolated pages
    const ticks = new OutputTicks(host, { shared, signal: SIGNAL, intervalMs: 60_000 });
    for (let i = 0; i < 20; i++) ticks.count(10);
    Atomics.store(shared, 0, 2);
    expect(check()).to.equal(2);
    expect(Atomics.load(shared, 0)).to.equal(0);
    expect(check()).to.equal(0);
  });
});
