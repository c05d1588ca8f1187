/**
 * py-worker-run/remark: a remark plugin (Docusaurus, Astro and Starlight, MDX, Next.js MDX). A fence
 * ```python run``` (with attributes after `run`, as for the markdown-it plugin) becomes its code block
 * followed by a <py-worker-run> that runs it; an `editable` one becomes the element alone. The element
 * is a node that remark-rehype turns into HTML or, in MDX, into JSX.
 *
 *   import remarkPyWorkerRun from 'py-worker-run/remark';
 *   // Docusaurus: remarkPlugins: [remarkPyWorkerRun]; Astro: markdown: { remarkPlugins: [remarkPyWorkerRun] }
 */
import { cellFence, codeURL, showsCode } from './cell.js';

/** The part of a Markdown syntax tree (mdast) the plugin reads and writes. */
export interface MarkdownNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  value?: string;
  children?: MarkdownNode[];
  data?: Record<string, unknown>;
}

export default function remarkPyWorkerRun(): (tree: MarkdownNode) => void {
  return (tree) => rewrite(tree);
}

function rewrite(parent: MarkdownNode): void {
  const children = parent.children;
  if (!children) return;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    const cell = node.type === 'code' && node.lang ? cellFence(`${node.lang} ${node.meta ?? ''}`) : undefined;
    if (!cell) {
      rewrite(node);
      continue;
    }
    // mdast leaves out the line ending of a block's last line; markdown-it (and a file) keep it.
    const properties = Object.fromEntries([['src', codeURL(`${node.value ?? ''}\n`)], ...cell.attributes]);
    const element: MarkdownNode = { type: 'pyWorkerRun', data: { hName: 'py-worker-run', hProperties: properties, hChildren: [] } };
    const replacement = showsCode(cell) ? [element] : [{ ...node, lang: cell.language, meta: null }, element];
    children.splice(index, 1, ...replacement);
    index += replacement.length - 1;
  }
}
