/**
 * Removes the indentation common to all non-blank lines and drops leading and trailing blank lines,
 * so code can be indented to match the surrounding HTML. Whitespace-only lines become empty.
 */
export function dedent(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.trim() ? line : ''));
  while (lines[0] === '') lines.shift();
  while (lines.at(-1) === '') lines.pop();
  const indents = lines.filter(Boolean).map((line) => /^[ \t]*/.exec(line)![0]);
  let common = indents[0] ?? '';
  for (const indent of indents) while (!indent.startsWith(common)) common = common.slice(0, -1);
  return lines.map((line) => line.slice(common.length)).join('\n');
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
