/**
 * Removes the indentation common to the lines and drops leading and trailing blank lines, so code
 * can be indented to match the surrounding HTML. Whitespace-only lines become empty.
 *
 * As in Python's `inspect.cleandoc`, a first line with text on it does not count: a framework
 * compiler that trims the element's text (Svelte) leaves that line at column 0 and the rest indented.
 */
export function dedent(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.trim() ? line : ''));
  const head = lines[0] ? lines.shift()!.trimStart() : undefined;
  const indents = lines.filter(Boolean).map((line) => /^[ \t]*/.exec(line)![0]);
  let common = indents[0] ?? '';
  for (const indent of indents) while (!indent.startsWith(common)) common = common.slice(0, -1);
  // The body of a block (`for …:`) may be indented any amount, but not none: one that would lose all its indentation keeps it.
  if (head && /:\s*(#.*)?$/.test(head) && indents[0] === common) common = '';
  const dedented = lines.map((line) => line.slice(common.length));
  if (head !== undefined) dedented.unshift(head);
  while (dedented[0] === '') dedented.shift();
  while (dedented.at(-1) === '') dedented.pop();
  return dedented.join('\n');
}

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
