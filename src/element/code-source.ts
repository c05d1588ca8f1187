import { dedent } from '../runner/job/run-input.js';

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

/** What an element with no code at all says when it runs. */
export const NO_CODE =
  'There is no code to run: write Python inside the element (or in a <script type="text/x-python"> child), or set its code property. ' +
  'In a framework app, its compiler may have dropped the text (Vue drops <script> children): pass the code with the code property.';
