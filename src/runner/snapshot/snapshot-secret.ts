// Not imported from snapshot-cache.ts: the page loads that as a chunk of its own, when a boot reads the cache.
const isSnapshotSecret = (text: unknown): text is string => typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);
/** 32 random bytes as hex. */
const newSnapshotSecret = () => Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');

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
