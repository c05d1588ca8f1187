import { isSnapshotSecret, newSnapshotSecret } from '../shared/snapshot-cache.js';

const STORAGE_KEY = 'py-worker-run:snapshot-secret';

/**
 * The secret that signs this origin's cached snapshots, kept in localStorage: out of reach of the
 * Python worker (workers have no localStorage). Undefined where storage is unavailable: then no
 * snapshot is cached.
 */
export function snapshotSecret(): string | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isSnapshotSecret(stored)) return stored;
    const secret = newSnapshotSecret();
    localStorage.setItem(STORAGE_KEY, secret);
    return secret;
  } catch {
    return undefined;
  }
}
