import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { asyncRun, resetSession } from '../index.js';
import type { PyWorkerRun } from '../py-worker-run.js';
import { CRASH_CODE } from './boot-checks.js';
import { canWaitForInput } from './engine.js';
import { answerInput, element, mount, nextOutcome, part, partText, useLocalPyodide } from './helpers.js';

useLocalPyodide();

/** A 1×1 transparent PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('sessions', () => {
  it('share one namespace between cells of a session, run in document order at load', async () => {
    const container = await fixture<HTMLDivElement>(html`<div>
      <py-worker-run session="notebook">x = 21</py-worker-run>
      <py-worker-run session="notebook">y = x * 2</py-worker-run>
      <py-worker-run session="notebook">y</py-worker-run>
      <py-worker-run>"x" in globals()</py-worker-run>
    </div>`);
    const cells = Array.from(container.querySelectorAll('py-worker-run'));
    const events = await Promise.all(cells.map((cell) => (cell.status === 'done' ? null : nextOutcome(cell))));
    expect(cells[2]!.result).to.equal(42);
    expect(cells[3]!.result).to.equal(false); // no session: a fresh namespace
    expect(events.filter((e) => e?.type === 'py-error')).to.have.length(0);
  });

  it('keeps what a cell defines, but not the context of a run', async () => {
    const first = await fixture<PyWorkerRun>(html`<py-worker-run manual session="ctx" .context=${{ a: 1 }}>b = a + 1</py-worker-run>`);
    await first.run();
    const second = await fixture<PyWorkerRun>(html`<py-worker-run manual session="ctx">("a" in globals(), b)</py-worker-run>`);
    expect((await second.run()).value).to.deep.equal([false, 2]);
  });

  it('can be reset with resetSession(name)', async () => {
    expect((await asyncRunInSession('kept = 1\nkept', 'resettable')).value).to.equal(1);
    await resetSession('resettable');
    expect((await asyncRunInSession('"kept" in globals()', 'resettable')).value).to.equal(false);
  });

  it('says so when Python was restarted since its earlier cells ran', async () => {
    await asyncRunInSession('z = 1', 'restarted');
    // A crash replaces the worker in every set-up.
    await asyncRun(CRASH_CODE);
    const outcome = await asyncRunInSession('z', 'restarted');
    expect(outcome.error!.type).to.equal('NameError');
    expect(outcome.stderr).to.contain('The session "restarted" starts afresh');
  });
});

async function asyncRunInSession(code: string, session: string) {
  const el = await fixture<PyWorkerRun>(html`<py-worker-run manual session=${session}></py-worker-run>`);
  el.code = code;
  return el.run();
}

describe('input', () => {
  it('serves the stdin attribute to input() and sys.stdin, line by line, then EOFError', async () => {
    const { outcome } = await mount(html`
      <py-worker-run stdin=${'Ada\n3\nrest of\nthe text'}>
        import sys
        name = input("Name? ")
        times = int(input())
        rest = sys.stdin.read()
        print(name * times, repr(rest))
        input()
      </py-worker-run>
    `);
    const { detail } = await outcome;
    expect(detail.stdout).to.equal("Name? AdaAdaAda 'rest of\\nthe text'\n");
    expect(detail.type).to.equal('EOFError');
  });

  it('asks the reader for a line when there is no stdin attribute, and waits for it', async () => {
    const { el, outcome } = await mount(html`<py-worker-run>name = input("Your name: ")\nprint(f"Hello {name}!")</py-worker-run>`);
    if (!canWaitForInput) {
      // WebKit on a plain page: nothing can pause Python, and the error says what to do instead.
      const { detail } = await outcome;
      expect(detail.type).to.equal('EOFError');
      expect(detail.message).to.contain('no WebAssembly stack switching (JSPI), and the page is not cross-origin isolated');
      expect(detail.message).to.contain("element's stdin attribute");
      expect(detail.traceback).not.to.contain('runner.py');
      return;
    }
    await waitUntil(() => part(el, 'input-field'), 'input() shows a text field', { timeout: 30_000 });
    expect(partText(el, 'input')).to.contain('Your name:');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'input-field'));
    await answerInput(el, 'Ada');
    const { detail } = await outcome;
    expect(detail.stdout).to.equal('Your name: Ada\nHello Ada!\n');
    expect(part(el, 'input')).to.equal(null);
  });

  it('gives asyncRun, which has no reader, an EOFError from input()', async () => {
    const { error } = await asyncRun('input("? ")');
    expect(error).to.contain('EOFError');
  });
});

describe('src', () => {
  it('runs the code of a file, relative to the page', async () => {
    const { outcome, el } = await mount(html`<py-worker-run src="/src/demo/hello.py"></py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.stdout).to.equal('hello from a file\n');
    expect(detail.value).to.equal(17);
    expect(el.code).to.contain('greeting = "hello from a file"');
  });

  it('explains a file that cannot be fetched, with the status', async () => {
    const { outcome } = await mount(html`<py-worker-run src="/no/such/file.py"></py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('SourceError');
    expect(detail.message).to.contain('404');
    expect(detail.message).to.contain('/no/such/file.py');
  });

  it('runs the code of a data: URL byte for byte, not dedented (what the Markdown plugins write)', async () => {
    const code = '  \nx = """\n    \n\tπ {{x}} <&>  \n"""\nx\n\n';
    const utf8 = String.fromCharCode(...new TextEncoder().encode(code));
    const { outcome, el } = await mount(html`<py-worker-run src=${`data:text/x-python;charset=utf-8;base64,${btoa(utf8)}`}></py-worker-run>`);
    const { type, detail } = await outcome;
    expect(type, detail.message).to.equal('py-result');
    expect(detail.value).to.equal('\n    \n\tπ {{x}} <&>  \n');
    expect(el.code).to.equal(code);
    const plain = await mount(html`<py-worker-run src=${`data:text/x-python,${encodeURIComponent('print("π")')}`}></py-worker-run>`);
    expect((await plain.outcome).detail.stdout).to.equal('π\n');
  });

  it('explains a data: URL that is not valid base64', async () => {
    const { outcome } = await mount(html`<py-worker-run src="data:text/x-python;base64,%%%"></py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.type).to.equal('SourceError');
    expect(detail.message).to.contain('data: URL that is not valid UTF-8 text in base64 or percent-encoding');
  });

  it("runs cells of a session given data: URLs in the page's order", async () => {
    const url = (code: string) => `data:text/x-python;charset=utf-8;base64,${btoa(code)}`;
    const parent = await fixture<HTMLDivElement>(html`<div></div>`);
    const cells = ['print(1)\n', 'total = 40\n', 'total + 2\n'].map((code, index) => element('', { src: url(code), ...(index ? { session: 'data-urls' } : {}) }));
    const started: number[] = [];
    cells.forEach((cell, index) => cell.addEventListener('py-run', () => started.push(index)));
    const outcomes = cells.map((cell) => nextOutcome(cell));
    parent.append(...cells);
    const last = await outcomes[2]!;
    expect(started).to.deep.equal([0, 1, 2]);
    expect(last.detail.value, last.detail.message).to.equal(42);
  });
});

describe('rich output', () => {
  const richClasses = `
class Svg:
    def _repr_svg_(self):
        return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="5" cx="5" cy="5"/></svg>'
class Png:
    def _repr_png_(self):
        import base64
        return base64.b64decode("${PNG_BASE64}")
class Html:
    def _repr_html_(self):
        return "<b class='bold'>bold</b>"
    def __repr__(self):
        return "Html()"
`;

  it('shows a last value with _repr_svg_ or _repr_png_ as an image', async () => {
    for (const [make, mime] of [['Svg()', 'image/svg+xml'], ['Png()', 'image/png']] as const) {
      const { el, outcome } = await mount(html`<py-worker-run>${richClasses}\n${make}</py-worker-run>`);
      const { detail } = await outcome;
      expect(detail.type, detail.message).to.equal(undefined);
      const image = el.shadowRoot!.querySelector('[part~="result"] img[part~="image"]') as HTMLImageElement;
      expect(image.src.startsWith(`data:${mime}`), image.src.slice(0, 40)).to.equal(true);
      await image.decode(); // a valid image
    }
  });

  it('shows _repr_html_ as sanitised HTML, and as written with allow-html', async () => {
    const plain = await mount(html`<py-worker-run>${richClasses}\nHtml()</py-worker-run>`);
    expect((await plain.outcome).detail.repr).to.equal('Html()');
    await waitUntil(() => plain.el.shadowRoot!.querySelector('[part~="result"] [part~="html"] b.bold'), 'sanitised HTML is shown', { timeout: 30_000 });
    const allowed = await mount(html`<py-worker-run allow-html>${richClasses}\nHtml()</py-worker-run>`);
    await allowed.outcome;
    expect(allowed.el.shadowRoot!.querySelector('[part~="html"] b.bold')!.textContent).to.equal('bold');
  });

  it('shows several values with display(), in order, after the printed text', async () => {
    const { el, outcome } = await mount(html`<py-worker-run>${richClasses}\nprint("two pictures:")\ndisplay(Svg(), Png())\ndisplay("plain")</py-worker-run>`);
    const { detail } = await outcome;
    expect(detail.stdout).to.equal("two pictures:\n'plain'\n");
    const images = el.shadowRoot!.querySelectorAll('[part~="displays"] img[part~="image"]');
    const mimes = Array.from(images, (img) => /^data:([^;,]+)/.exec((img as HTMLImageElement).src)?.[1]);
    expect(mimes).to.deep.equal(['image/svg+xml', 'image/png']);
  });

  it('shows matplotlib figures left open (plt.show()) and a figure as the last value', async () => {
    // A stand-in for matplotlib (not available offline) with the API the hook uses.
    const { el, outcome } = await mount(html`
      <py-worker-run>
        import base64, sys, types
        PNG = base64.b64decode("${PNG_BASE64}")
        class Figure:
            def savefig(self, buffer, format):
                buffer.write(PNG)
        Figure.__module__ = "matplotlib.figure"
        figures = {1: Figure(), 2: Figure()}
        pyplot = types.ModuleType("matplotlib.pyplot")
        pyplot.get_fignums = lambda: sorted(figures)
        pyplot.figure = lambda number: figures[number]
        pyplot.close = lambda which: figures.clear()
        pyplot.show = lambda: None
        sys.modules["matplotlib"] = types.ModuleType("matplotlib")
        sys.modules["matplotlib.pyplot"] = pyplot
        last = figures[2]
        pyplot.show()
        last
      </py-worker-run>
    `);
    const { detail } = await outcome;
    expect(detail.type, detail.message).to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('[part~="displays"] img')).to.have.length(1); // figure 1
    expect(el.shadowRoot!.querySelector('[part~="result"] img')).not.to.equal(null); // figure 2
    await asyncRun('import sys\nfor name in ("matplotlib", "matplotlib.pyplot"): sys.modules.pop(name)');
  });
});
