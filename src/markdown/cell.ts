/**
 * What the Markdown plugins share: reading a fence's info string (```python run session=intro editable)
 * and the attributes of the <py-worker-run> it becomes. The code travels in `src`, as a data: URL of
 * its UTF-8 bytes in base64: no character of it is one a host's templates read (`{`, `<`, `&`,
 * whitespace), so it arrives byte for byte through Vue, Angular, MDX/JSX and server rendering.
 * Runs at build time, in Node or a browser: it imports nothing.
 */

/** The languages a runnable fence may name, followed by the word `run`. */
const LANGUAGES = ['python', 'py'];

/** Attributes a fence may set: the element's own, and `id` (which persistence and links use). */
const ATTRIBUTES = new Set(['id', 'manual', 'editable', 'timeout', 'packages', 'session', 'stdin', 'files', 'inputs', 'inputs-interrupt', 'allow-html', 'loading', 'context']);

/** An attribute: a value, or true for one written alone (`editable`). */
export type CellAttribute = [name: string, value: string | true];

/** A runnable fence: the language its code is shown as, and the element's attributes besides `src`. */
export interface CellFence {
  language: string;
  attributes: CellAttribute[];
}

/**
 * The cell a fence's info string asks for, or undefined for a plain code block (no `run` after the
 * language). Values are written `name=value`, `name="value"` or `name='value'`. Throws, naming the
 * fence, for an attribute the element does not have.
 */
export function cellFence(info: string): CellFence | undefined {
  const [language, marker, ...rest] = splitInfo(info.trim());
  if (!language || !LANGUAGES.includes(language.toLowerCase()) || marker !== 'run') return undefined;
  const attributes = rest.map((word): CellAttribute => {
    const equals = word.indexOf('=');
    const name = equals < 0 ? word : word.slice(0, equals);
    if (!ATTRIBUTES.has(name)) {
      throw new Error(
        `py-worker-run: the fence "${info.trim()}" sets "${name}", which <py-worker-run> does not take. ` +
          `Write one of ${[...ATTRIBUTES].join(', ')}, as name=value (quoted if it has spaces) or a name alone.`,
      );
    }
    return equals < 0 ? [name, true] : [name, unquote(word.slice(equals + 1))];
  });
  return { language, attributes };
}

/** Words separated by spaces, a quoted value (after `=`) kept whole with its spaces. */
function splitInfo(info: string): string[] {
  return info.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

function unquote(value: string): string {
  return /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
}

/** The code as a data: URL of its UTF-8 bytes, which the element reads as they are (not dedented). */
export function codeURL(code: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(code)) binary += String.fromCharCode(byte);
  return `data:text/x-python;charset=utf-8;base64,${btoa(binary)}`;
}

/** Whether the element shows the code itself (an editor), so the page need not show it as a code block. */
export const showsCode = (fence: CellFence): boolean => fence.attributes.some(([name]) => name === 'editable');
