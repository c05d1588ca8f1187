import type { RunJob } from '../runner/job/outcome.js';

/**
 * An element's automatic runs: at most one queued and not yet started. Its job is made when it
 * starts, so every change made until then is in it (the latest values win).
 */
export class CoalescedRun {
  #queued: object | undefined;

  get queued(): boolean {
    return this.#queued !== undefined;
  }

  /** Submits a run of `job` unless one is queued already. */
  request(submit: (job: () => RunJob) => Promise<unknown>, job: () => RunJob): void {
    if (this.#queued) return;
    const queued = {};
    // Started, or stopped before it started: either way the next change queues a new run.
    const settled = () => {
      if (this.#queued === queued) this.#queued = undefined;
    };
    this.#queued = queued;
    void submit(() => {
      settled();
      return job();
    }).finally(settled);
  }
}
