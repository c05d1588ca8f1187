import { describeError } from '../shared/describe-error.js';
import { pageKeepsEdits } from '../runner/page-runner.js';

/** A reader's edit as kept in the browser: their code, and the author's code they started from. */
export interface KeptEdit {
  code: string;
  base: string;
}

let warned = false;

/**
 * Where an element's edits are kept (localStorage): under the page's path and the element's
 * `persist` name, else its id. None without either (two unnamed cells of a page could not be told
 * apart after a reload), with `persist="off"`, or on a page that set `configure({ persist: false })`.
 */
export function editKey(element: Element): string | undefined {
  const name = element.getAttribute('persist') ?? element.id;
  if (!name || name === 'off' || !pageKeepsEdits()) return undefined;
  return `py-worker-run:${location.pathname}#${name}`;
}

/** The edit kept under `key`; undefined if none, or if storage fails or holds something else (said once in the console). */
export function readEdit(key: string): KeptEdit | undefined {
  try {
    const text = localStorage.getItem(key);
    if (text === null) return undefined;
    const kept = JSON.parse(text) as Partial<KeptEdit> | null;
    if (typeof kept?.code === 'string' && typeof kept.base === 'string') return kept as KeptEdit;
    throw new Error(`the entry ${key} is not an edit`);
  } catch (error) {
    storageFailed(error);
    return undefined;
  }
}

/** Keeps the reader's `code` (undefined: back to the author's, nothing to keep). */
export function writeEdit(key: string, code: string | undefined, base: string): void {
  try {
    if (code === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({ code, base } satisfies KeptEdit));
  } catch (error) {
    storageFailed(error);
  }
}

function storageFailed(error: unknown): void {
  if (warned) return;
  warned = true;
  console.warn(`[py-worker-run] Edits cannot be kept in this browser's storage (${describeError(error)}). They work as usual, and last until the page is closed.`);
}
