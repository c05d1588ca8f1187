/**
 * py-worker-run/markdown-it: a markdown-it plugin (VitePress, Eleventy, any markdown-it site). A fence
 * ```python run``` (with attributes after `run`: session=intro editable manual timeout=5
 * context='{"n": 3}'…) becomes its code block followed by a <py-worker-run> that runs it; an
 * `editable` one becomes the element alone, whose editor shows the code. Other fences are untouched.
 *
 *   import MarkdownIt from 'markdown-it';
 *   import pyWorkerRun from 'py-worker-run/markdown-it';
 *   const md = new MarkdownIt().use(pyWorkerRun);
 */
import { cellFence, codeURL, showsCode } from './cell.js';

/** The part of markdown-it's API the plugin uses (a MarkdownIt instance has it). */
export interface MarkdownItLike {
  renderer: { rules: { fence?: FenceRule } };
  utils: { escapeHtml: (text: string) => string };
}

interface FenceToken {
  info: string;
  content: string;
}

type FenceRule = (tokens: FenceToken[], index: number, options: unknown, env: unknown, self: unknown) => string;

export default function pyWorkerRun(md: MarkdownItLike): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const cell = cellFence(token.info);
    if (!cell) return fence(tokens, index, options, env, self);
    const attributes = [['src', codeURL(token.content)] as const, ...cell.attributes]
      .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${md.utils.escapeHtml(value)}"`))
      .join('');
    const element = `<py-worker-run${attributes}></py-worker-run>\n`;
    if (showsCode(cell)) return element;
    // The code block as the site renders any other (its highlighting, its copy button), without the attributes.
    const shown = [...tokens];
    shown[index] = Object.assign(Object.create(Object.getPrototypeOf(token) as object) as FenceToken, token, { info: cell.language });
    return fence(shown, index, options, env, self) + element;
  };
}
