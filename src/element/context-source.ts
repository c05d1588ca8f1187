import { RunnerErrorType } from '../shared/protocol.js';
import { RunInputError } from '../runner/outcome.js';

export type RunContext = Record<string, unknown>;

/** Parses the `context` attribute: a JSON object whose keys become Python names. */
export function parseContextAttribute(text: string): RunContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RunInputError(
      RunnerErrorType.context,
      `The context attribute is not valid JSON: ${(error as Error).message}. ` +
        `Write a JSON object, for example context='{"A_rank": [0.8, 0.4, 1.2]}', or set the context property from JavaScript.`,
    );
  }
  return checkContextObject(parsed, 'context attribute');
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
