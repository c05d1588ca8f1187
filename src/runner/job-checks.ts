import { RunnerErrorType } from '../shared/protocol.js';
import { RunInputError } from './outcome.js';

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
