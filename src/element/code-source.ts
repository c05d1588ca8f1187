import { dedent } from '../runner/run-input.js';

const CODE_CHILD = 'script[type="text/x-python"], template';

/**
 * The code written inside an element: a `<script type="text/x-python">` or `<template>` child
 * if there is one (the safe way to write `<` and `&`), else the element's own text. Dedented.
 */
export function codeFromChildren(host: Element): string {
  const child = Array.from(host.children).find((element) => element.matches(CODE_CHILD));
  if (child instanceof HTMLTemplateElement) return dedent(child.content.textContent ?? '');
  return dedent((child ?? host).textContent ?? '');
}
