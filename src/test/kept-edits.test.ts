// A reader's work survives: the edits of an editable cell with an id (or persist name) are kept in
// localStorage and restored by a new element of the same name on the page (as after a reload),
// cleared by Reset; storage that fails never breaks the element.
import { expect, waitUntil } from '@open-wc/testing';
import type { PyWorkerRun } from '../index.js';
import { asyncRun, configure } from '../index.js';
import { press, typeText } from './engine.js';
import { CRASH_CODE } from './boot-checks.js';
import { part, useLocalPyodide } from './helpers.js';

async function editorOf(el: PyWorkerRun): Promise<HTMLElement> {
  await waitUntil(() => el.shadowRoot!.querySelector('.cm-content'), 'the editor loads', { timeout: 30_000 });
  return el.shadowRoot!.querySelector<HTMLElement>('.cm-content')!;
}
const editorText = (content: HTMLElement) => [...content.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n');
const keyOf = (name: string) => `py-worker-run:${location.pathname}#${name}`;
const unique = () => `cell-${Math.random().toString(36).slice(2)}`;

/** Puts `<py-worker-run editable manual id=… …>code</py-worker-run>` on the page. */
function cell(id: string, extra = '', code = '1 + 1'): PyWorkerRun {
  const holder = document.createElement('div');
  holder.innerHTML = `<py-worker-run editable manual id="${id}" ${extra}>${code}</py-worker-run>`;
  document.body.append(holder);
  return holder.firstElementChild as PyWorkerRun;
}

/** An editable manual cell whose code the reader made `1 + 1 + 40`. */
async function editedCell(id: string, extra = ''): Promise<PyWorkerRun> {
  const el = cell(id, extra);
  const content = await editorOf(el);
  content.focus();
  await press('End', 'Control');
  await typeText(' + 40');
  expect(editorText(content)).to.equal('1 + 1 + 40');
  return el;
}

/** A new element of the same markup, as after a reload; its editor's text. */
async function reloaded(id: string, extra = '', code = '1 + 1'): Promise<{ el: PyWorkerRun; text: string }> {
  const el = cell(id, extra, code);
  return { el, text: editorText(await editorOf(el)) };
}

describe("a reader's edits", () => {
  before(useLocalPyodide);
  afterEach(() => {
    document.querySelectorAll('py-worker-run').forEach((el) => el.parentElement!.remove());
    configure({ persist: true });
  });

  it('survive a reload (a new element of the same id), run as shown, and go with Reset', async () => {
    const id = unique();
    (await editedCell(id)).remove();
    const { el, text } = await reloaded(id);
    expect(text).to.equal('1 + 1 + 40');
    expect((await el.run()).value, 'Run runs the restored edit').to.equal(42);
    (part(el, 'reset-button') as HTMLButtonElement).click();
    expect(localStorage.getItem(keyOf(id)), 'Reset forgets the kept edit').to.equal(null);
    expect((await reloaded(id)).text).to.equal('1 + 1');
  });

  it('are kept per id: a cell of another id, or without one, starts from the page code', async () => {
    const id = unique();
    await editedCell(id);
    expect((await reloaded(unique())).text).to.equal('1 + 1');
    expect((await reloaded('', '')).text).to.equal('1 + 1');
    expect(Object.keys(localStorage).filter((key) => key.endsWith('#'))).to.deep.equal([]);
  });

  it('are kept under persist="NAME" too, and not at all with persist="off" or configure({ persist: false })', async () => {
    const name = unique();
    await editedCell(unique(), `persist="${name}"`);
    expect(localStorage.getItem(keyOf(name))).to.contain('1 + 1 + 40');
    const off = unique();
    await editedCell(off, 'persist="off"');
    expect(localStorage.getItem(keyOf(off))).to.equal(null);
    configure({ persist: false });
    const unkept = unique();
    await editedCell(unkept);
    expect(localStorage.getItem(keyOf(unkept))).to.equal(null);
  });

  it("restore an edit of an earlier version of the page's code with a notice that says so", async () => {
    const id = unique();
    localStorage.setItem(keyOf(id), JSON.stringify({ code: 'old + 1', base: 'old' }));
    const { el, text } = await reloaded(id, '', 'new');
    expect(text).to.equal('old + 1');
    const notice = el.shadowRoot!.querySelector('[part~="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.contain('earlier version of this code was restored');
    (part(el, 'reset-button') as HTMLButtonElement).click();
    expect(el.shadowRoot!.querySelector('[part~="notice"]')).to.equal(null);
  });

  it('work without storage: a damaged entry or a failing localStorage is said once in the console, and the cell runs', async () => {
    const id = unique();
    localStorage.setItem(keyOf(id), '{damaged');
    const warnings: unknown[] = [];
    const warn = console.warn;
    const setItem = Storage.prototype.setItem;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const { el, text } = await reloaded(id);
      expect(text).to.equal('1 + 1');
      const edited = await editedCell(unique());
      expect((await edited.run()).value).to.equal(42);
      expect((await el.run()).value).to.equal(2);
    } finally {
      console.warn = warn;
      Storage.prototype.setItem = setItem;
    }
    expect(warnings).to.have.length(1);
    expect(String(warnings[0])).to.match(/Edits cannot be kept in this browser's storage \(.+\)\. They work as usual/);
  });

  it('are not lost when the worker crashes, and run on the new one', async () => {
    const id = unique();
    const el = await editedCell(id);
    const crash = await asyncRun(CRASH_CODE);
    expect(crash.error).to.contain('Python crashed');
    expect(editorText(await editorOf(el))).to.equal('1 + 1 + 40');
    expect(JSON.parse(localStorage.getItem(keyOf(id))!).code).to.equal('1 + 1 + 40');
    expect((await el.run()).value).to.equal(42);
  });
});
