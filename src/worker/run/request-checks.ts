import { RunnerErrorType, type RunError, type RunRequest } from '../../shared/protocol.js';

const refusal = (type: string, message: string): RunError => ({ type, message, traceback: '' });

/**
 * What is wrong with a run's code or context before Python is given them, as the run's error
 * (undefined: nothing). Checked here, not on the page, so that the page's bundle does not carry it.
 */
export function refusedRequest({ code, context }: RunRequest): RunError | undefined {
  return reservedContextKey(context) ?? loneSurrogate(code);
}

/**
 * A ContextError for a key Python reserves for the module itself (`__builtins__`, `__name__`,
 * `__file__`…): as a global it would break the run, or every later run of a session.
 */
function reservedContextKey(context: Record<string, unknown> | undefined): RunError | undefined {
  const reserved = Object.keys(context ?? {}).find((key) => /^__.*__$/.test(key));
  if (reserved === undefined) return undefined;
  return refusal(
    RunnerErrorType.context,
    `The context key "${reserved}" is reserved: names with two underscores on each side (__builtins__, __name__, __file__…) belong to Python itself. Rename the key, for example "${reserved.replace(/^_+|_+$/g, '') || 'value'}".`,
  );
}

/**
 * A SyntaxError for code holding half of a surrogate pair: it is not text, and Python cannot be given
 * it (it would fail later, inside Pyodide, with an unrelated error).
 */
function loneSurrogate(code: string): RunError | undefined {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(code);
  if (!lone) return undefined;
  const before = code.slice(0, lone.index).split('\n');
  const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
  return refusal(
    'SyntaxError',
    `The code holds a lone surrogate (U+${unit}, half of a character) at line ${before.length}, column ${before.at(-1)!.length + 1}: ` +
      `Python source must be valid Unicode. Remove it, or write it as an escape in a string ("\\u${unit.toLowerCase()}").`,
  );
}
