import { RunnerErrorType } from '../shared/protocol.js';
import { RunInputError } from '../runner/job/outcome.js';
import { checkContextObject, type RunContext } from '../runner/job/run-input.js';

/** Parses a `context` given as JSON text (the attribute, or a string property): an object whose keys become Python names. */
export function parseContextAttribute(text: string, where = 'context attribute'): RunContext {
  if (text === '[object Object]') {
    throw new RunInputError(
      RunnerErrorType.context,
      `The ${where} is "[object Object]": a server renderer wrote an object as text. Give it JSON text, ` +
        'context={JSON.stringify(data)} (Vue: :context="JSON.stringify(data)"), or in React and Preact use <PyWorkerRun>.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RunInputError(
      RunnerErrorType.context,
      `The ${where} is not valid JSON: ${(error as Error).message}. ` +
        `Write a JSON object, for example context='{"A_rank": [0.8, 0.4, 1.2]}', or set the context property from JavaScript.`,
    );
  }
  return checkContextObject(parsed, where);
}

/** JSON text of plain data (objects, arrays, strings, numbers, booleans, null); undefined for anything else, which only equals itself. */
function plainJSON(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'object' && item && !Array.isArray(item) && Object.getPrototypeOf(item) !== Object.prototype) throw 0;
      return item;
    });
  } catch {
    return undefined;
  }
}

/**
 * Whether two contexts hold the same values: the same text, or objects with the same keys whose
 * values are identical (===) or equal plain data. A framework that renders `context={{ values: [1, 2] }}`
 * gives a new object and a new array each time; only a new value should re-run the code.
 */
export function sameContext(a: RunContext | string | undefined, b: RunContext | string | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = Object.keys(a);
  const same = (x: unknown, y: unknown) => x === y || (plainJSON(x) ?? NaN) === plainJSON(y);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
}
