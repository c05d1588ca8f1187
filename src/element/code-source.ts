/**
 * Removes the indentation common to all non-blank lines and drops leading and trailing blank lines,
 * so code can be indented to match the surrounding HTML. Whitespace-only lines become empty.
 */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const isBlank = (line: string) => line.trim() === '';
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start++;
  while (end > start && isBlank(lines[end - 1]!)) end--;
  const body = lines.slice(start, end);
  let common: string | undefined;
  for (const line of body) {
    if (isBlank(line)) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === undefined || indent.startsWith(common)) common ??= indent;
    else {
      let i = 0;
      while (i < common.length && common[i] === indent[i]) i++;
      common = common.slice(0, i);
    }
  }
  const cut = common?.length ?? 0;
  return body.map((line) => (isBlank(line) ? '' : line.slice(cut))).join('\n');
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
