import { describeError } from '../../shared/describe-error.js';
import { RunnerErrorType, type RunError } from '../../shared/protocol.js';
import { loadFailure, startFailure, type LoadFailure } from '../start/load-messages.js';

/** What the runs waiting for a worker fail with when it could not load Python from `indexURL`. */
export function loadError(indexURL: string, failure: LoadFailure): RunError {
  return { type: RunnerErrorType.load, message: loadFailure(indexURL, failure), traceback: '' };
}

/** What they fail with when the worker could not be created (`error` says why: a failed load of Python or not). */
export function startError(error: unknown, indexURL: string): RunError {
  const failure = startFailure(error);
  return failure
    ? loadError(indexURL, failure)
    : { type: RunnerErrorType.worker, message: `The Python worker could not be started: ${describeError(error).replace(/\.$/, '')}.`, traceback: '' };
}
