import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { configure } from '../index.js';
import type { PyWorkerRun } from '../py-worker-run.js';

/** Pyodide as the test server serves it from node_modules (offline). */
export const LOCAL_INDEX_URL = '/node_modules/pyodide/';

export function useLocalPyodide(): void {
  configure({ indexURL: LOCAL_INDEX_URL });
}

/** Waits for the element's next py-result or py-error event. */
export function nextOutcome(element: PyWorkerRun): Promise<CustomEvent> {
  return Promise.race([oneEvent(element, 'py-result'), oneEvent(element, 'py-error')]);
}

export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

export function partText(element: Element, name: string): string {
  return part(element, name)?.textContent ?? '';
}

/**
 * Renders one element, starts listening for its first outcome, then connects it: an error found
 * before any run (such as bad context) is reported within the same task as the connection.
 */
export async function mount(template: TemplateResult): Promise<{ el: PyWorkerRun; outcome: Promise<CustomEvent> }> {
  const parent = await fixture<HTMLDivElement>(html`<div></div>`);
  const holder = document.createElement('div');
  render(template, holder);
  const el = holder.firstElementChild as PyWorkerRun;
  const outcome = nextOutcome(el);
  parent.append(el);
  return { el, outcome };
}

/** Whether this page can interrupt Python (cross-origin isolated), and its name in test titles. */
export const isolated = globalThis.crossOriginIsolated === true;
export const setup = isolated ? 'cross-origin isolated' : 'not isolated';

/** A new element with this code, not yet connected. */
export function element(code: string, attributes: Record<string, string> = {}): PyWorkerRun {
  const el = document.createElement('py-worker-run');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.textContent = code;
  return el;
}

/** Waits for input() to show its field in `el`, then types `line` and presses Enter. */
export async function answerInput(el: PyWorkerRun, line: string): Promise<HTMLInputElement> {
  await waitUntil(() => part(el, 'input-field'), 'input() shows a text field', { timeout: 30_000 });
  const field = part(el, 'input-field') as HTMLInputElement;
  field.value = line;
  (part(el, 'input') as HTMLFormElement).requestSubmit();
  return field;
}

/** Python that leaves a mark in the worker: an attribute of an imported module, which later runs share (builtins are put back). */
export const WORKER_MARK = 'import string\nstring.worker_mark = "kept"';
/** Python whose value is "kept" while the worker that ran WORKER_MARK lives, else "gone". */
export const READ_MARK = 'import string\ngetattr(string, "worker_mark", "gone")';

/** Python that crashes the interpreter: recursion through C code past the browser's stack. */
export const CRASH_PYTHON = 'import sys\nsys.setrecursionlimit(1_000_000)\ndef deeper(n):\n    return list(map(deeper, [n + 1]))\ndeeper(0)';

/**
 * Python that keeps its worker busy until the test releases it: it asks the test server, with a
 * synchronous request that the server answers after 25 ms (so the held worker barely uses a core,
 * and other test files keep their timing), whether to go on. It prints "held" once it has held its
 * worker for a second, measured by Python's own clock.
 */
export function hold(before = ''): { code: string; release: () => Promise<void> } {
  const token = `${Date.now()}-${Math.random()}`;
  const code = `${before}
import time
from js import XMLHttpRequest
def _held():
    request = XMLHttpRequest.new()
    request.open("GET", "/__held?token=${token}", False)
    request.send()
    return request.responseText == "go"
_since, _told = time.time(), False
while _held():
    if not _told and time.time() - _since > 1:
        print("held", flush=True)
        _told = True
"released"`;
  return { code, release: async () => void (await fetch(`/__release?token=${token}`)) };
}
