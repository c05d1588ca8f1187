import { PROTOCOL_VERSION, type ReadyMessage, type SnapshotChoice, type SnapshotSource } from '../../shared/protocol.js';

export interface SnapshotPolicyOptions {
  createWorker: () => Worker;
  loadTimeoutMs: () => number;
  /** Which memory snapshots a boot may use (read when a worker starts). */
  snapshot: () => SnapshotChoice | undefined;
  /** The secret that signs cached snapshots (undefined: none can be kept, e.g. no localStorage). */
  snapshotSecret: () => string | undefined;
  lockFileURL: () => string | undefined;
}

/**
 * What the page knows of memory snapshots across its workers: which ones a boot may use, which ones
 * failed (a damaged snapshot, or one this browser restores differently: the page does without it from then on, and a cached one is deleted), and whether a
 * snapshot should be made once Python is idle.
 */
export class SnapshotPolicy {
  readonly #refused = new Set<SnapshotSource>();
  /** Why the next boot does without a snapshot, when one was refused. */
  #refusal: string | undefined;
  #wanted = false;
  readonly #options: SnapshotPolicyOptions;

  constructor(options: SnapshotPolicyOptions) {
    this.#options = options;
  }

  /** A worker starts booting: the snapshots it may use, less those that failed an earlier boot. */
  choice(): SnapshotChoice | undefined {
    const choice = this.#options.snapshot();
    if (!choice) return undefined;
    return {
      ...choice,
      cache: choice.cache && !this.#refused.has('cache'),
      ...(this.#refused.has('shipped') ? { shippedURL: undefined, shippedWebKitURL: undefined } : {}),
    };
  }

  /**
   * A booting worker failed or died before it was ready while restoring `source`: the snapshot is
   * refused (later boots do without it, so boots never loop), and the worker boots again.
   */
  blame(source: SnapshotSource, detail: string, indexURL: string): void {
    if (this.#refused.has(source)) return;
    this.#refused.add(source);
    this.#refusal = `booting from the ${source} snapshot failed (${detail})`;
    console.info(`[py-worker-run] ${this.#refusal}; booting without it.`);
    if (source === 'cache') void import('../../shared/snapshot-cache.js').then(({ deleteSnapshot, snapshotKey }) => deleteSnapshot(snapshotKey(indexURL, PROTOCOL_VERSION)), () => undefined);
  }

  /** Python is ready: why a snapshot was not used (the worker's reason, else a refusal's), or null. */
  ready(message: ReadyMessage): string | null {
    this.#wanted = message.snapshotNeeded;
    const skipped = message.snapshotSkipped ?? this.#refusal ?? null;
    this.#refusal = undefined;
    return skipped;
  }

  /** Python is idle: has a snapshot made in the background if one is wanted (see makeSnapshotInBackground). */
  whenIdle(indexURL: string): void {
    if (!this.#wanted) return;
    this.#wanted = false;
    const secret = this.#options.snapshotSecret();
    if (!secret) return;
    const job = { indexURL, secret, lockFileURL: this.#options.lockFileURL() };
    // A chunk of its own in the CDN bundle (it imports nothing): only a boot without a cached snapshot needs it.
    void import('./snapshot-maker.js').then(({ makeSnapshotInBackground }) => makeSnapshotInBackground(this.#options.createWorker, this.#options.loadTimeoutMs(), job), () => undefined);
  }
}
