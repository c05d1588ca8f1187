import { fixture, html, oneEvent } from '@open-wc/testing';
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
