/**
 * What a run's code, context and timeout become before they are sent, from an element or from
 * asyncRun() alike (the element reads them from attributes, asyncRun from its arguments).
 */
import { RunnerErrorType } from '../../shared/protocol.js';
import { RunInputError } from './outcome.js';

export type RunContext = Record<string, unknown>;

/**
 * Removes the indentation common to the lines and drops leading and trailing blank lines, so code
 * can be indented to match the surrounding HTML. Whitespace-only lines lose only the common indentation.
 *
 * As in Python's `inspect.cleandoc`, a first line with text on it does not count: a framework
 * compiler that trims the element's text (Svelte) leaves that line at column 0 and the rest indented.
 */
export function dedent(text: string): string {
  const blank = (line: string) => !line.trim();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const head = blank(lines[0]!) ? undefined : lines.shift()!.trimStart();
  const indents = lines.filter((line) => !blank(line)).map((line) => /^[ \t]*/.exec(line)![0]);
  let common = indents[0] ?? '';
  for (const indent of indents) while (!indent.startsWith(common)) common = common.slice(0, -1);
  // The body of a block (`for …:`) may be indented any amount, but not none: one that would lose all its indentation keeps it.
  if (head && /:\s*(#.*)?$/.test(head) && indents[0] === common) common = '';
  // A line of only spaces keeps those beyond the common indent: inside a triple-quoted string they are part of the value.
  const dedented = lines.map((line) => (line.startsWith(common) ? line.slice(common.length) : ''));
  if (head !== undefined) dedented.unshift(head);
  while (dedented.length && blank(dedented[0]!)) dedented.shift();
  while (dedented.length && blank(dedented.at(-1)!)) dedented.pop();
  return dedented.join('\n');
}

/** Checks that a context is an object whose keys can become Python names. */
export function checkContextObject(value: unknown, where: string): RunContext {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RunInputError(
      RunnerErrorType.context,
      `The ${where} must be an object whose keys become Python names, but it is ${describeKind(value)}. ` +
        `Wrap the value in an object, for example {"data": ...}.`,
    );
  }
  return value as RunContext;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** The most a browser timer can wait (2^31 - 1 ms, about 24.8 days): a longer timeout means no limit. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A timeout given in seconds as milliseconds (0 or none: undefined, no limit); `written` is how the
 * author wrote it (`timeout="soon"`, `asyncRun(…, { timeout })`), for the error.
 */
export function timeoutMs(seconds: number | null | undefined, written: string): number | undefined {
  if (seconds === undefined || seconds === null) return undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw new RunInputError(RunnerErrorType.input, `The timeout must be a number of seconds, like timeout="5", not ${written}.`);
  }
  return seconds === 0 ? undefined : seconds * 1000;
}

/** The file name Python's tracebacks give a run's code when the job names none. */
export const DEFAULT_FILENAME = '<py-worker-run>';
