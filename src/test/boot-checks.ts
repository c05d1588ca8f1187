// The same checks on every kind of boot (normal, cached snapshot, shipped snapshot). Imports no
// source, so that tests of the built bundle can use it with the bundle's asyncRun.
import { expect, oneEvent } from '@open-wc/testing';

type AsyncRun = (code: string, context?: Record<string, unknown>) => Promise<{ results: unknown; error?: string; stdout: string }>;

export interface ReadyDetail {
  fromSnapshot: boolean;
  snapshot: 'cache' | 'shipped' | null;
  snapshotSkipped: string | null;
  bootMs: number;
}

/** Output, an error's line number, context, and a random number (each worker reseeds random). */
export const CHECKS = `
import random, sys
print("out")
try:
    exec("x = 1\\n1 / 0", {})
except ZeroDivisionError as error:
    line = error.__traceback__.tb_next.tb_lineno
[sys.version_info[:2], line, sum(values), random.random()]
`;

export interface BootAndChecks {
  ready: ReadyDetail;
  /** [[3, 14], 2, 6, a random number] */
  results: unknown[];
  stdout: string;
}

/** Runs the checks; `boot` starts the worker they run on (its ready event is awaited). */
export async function checksOnBoot(asyncRun: AsyncRun, boot?: () => Promise<unknown>): Promise<BootAndChecks> {
  const ready = oneEvent(window, 'py-worker-run:ready');
  await boot?.();
  const answer = await asyncRun(CHECKS, { values: [1, 2, 3] });
  expect(answer.error).to.equal(undefined);
  const results = answer.results as unknown[];
  expect(results.slice(0, 3)).to.deep.equal([[3, 14], 2, 6]);
  expect(answer.stdout).to.equal('out\n');
  return { ready: ((await ready) as CustomEvent<ReadyDetail>).detail, results, stdout: answer.stdout };
}

/** Python that crashes Python (recursion through C past the stack): the page replaces the worker. */
export const CRASH_CODE = 'import sys\nsys.setrecursionlimit(1_000_000)\ndef f(n): return list(map(f, [n]))\nf(0)';

/** Runs the checks on a new worker: a fatal error (a C stack overflow) makes the page replace it. */
export function checksOnFreshWorker(asyncRun: AsyncRun): Promise<BootAndChecks> {
  return checksOnBoot(asyncRun, () => asyncRun(CRASH_CODE));
}
