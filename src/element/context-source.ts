import { RunnerErrorType } from '../shared/protocol.js';
import { RunInputError } from '../runner/job/outcome.js';
import { checkContextObject, type RunContext } from '../runner/job/run-input.js';

/** Parses a `context` given as JSON text (the attribute, or a string property): an object whose keys become Python names. */
export function parseContextAttribute(text: string, where = 'context attribute'): RunContext {
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

/**
 * Whether two contexts hold the same values: the same text, or objects with the same keys and
 * identical (===) values. A framework that renders `context={{ values }}` gives a new object each
 * time; only a new value should re-run the code.
 */
export function sameContext(a: RunContext | string | undefined, b: RunContext | string | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}
