/**
 * HTML and Markdown from Python, made safe to show: a chunk of its own, loaded only when a run
 * shows some. DOMPurify removes scripts, event handlers and javascript: URLs; on top of its
 * defaults, what could reach beyond the output: styles (a `:host` rule restyles the element on the
 * page), forms and their controls, and elements that load or redirect documents.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const FORBID_TAGS = ['style', 'link', 'base', 'meta', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'object', 'embed', 'foreignObject', 'dialog'];
const FORBID_ATTR = ['form', 'formaction', 'action', 'srcdoc', 'ping'];

/** HTML made safe, as nodes: serialising them again would need Trusted Types' blessing to show. */
export function sanitizedHtml(dirty: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(dirty, { FORBID_TAGS, FORBID_ATTR, ALLOW_DATA_ATTR: false, RETURN_DOM_FRAGMENT: true });
  // pandas leaves the corner of a table's header empty: as a data cell, it is not an unnamed header to a screen reader.
  for (const header of fragment.querySelectorAll('th')) {
    if (header.textContent?.trim()) continue;
    const cell = document.createElement('td');
    for (const { name, value } of header.attributes) cell.setAttribute(name, value);
    header.replaceWith(cell);
  }
  return fragment;
}

/** Markdown as HTML (GitHub's flavour), not yet sanitised. */
export const markdownToHtml = (markdown: string): string => marked.parse(markdown, { async: false, gfm: true });
