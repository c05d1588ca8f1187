/**
 * Pyodide memory snapshots kept in Cache Storage: a later visit (or a replaced worker) boots from
 * one in a fraction of a normal boot. Every failure here means "no snapshot": the caller boots normally.
 */
const CACHE_NAME = 'py-worker-run-snapshots';
/** A real snapshot is tens of megabytes; anything much smaller is damaged. */
export const MIN_SNAPSHOT_BYTES = 1_000_000;

/** The cache key of snapshots of the Pyodide at this index URL (its build is checked when loading). */
export function snapshotKey(indexURL: string, protocolVersion: number): string {
  return `${indexURL}py-worker-run-snapshot-v${protocolVersion}`;
}

function available(): boolean {
  return typeof caches !== 'undefined';
}

/** The cached snapshot for this key, or undefined (none, unreadable, or too small to be one). */
export async function loadSnapshot(key: string): Promise<Uint8Array | undefined> {
  if (!available()) return undefined;
  try {
    const response = await (await caches.open(CACHE_NAME)).match(key);
    if (!response) return undefined;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length >= MIN_SNAPSHOT_BYTES) return bytes;
  } catch {
    // unreadable: treated as absent below
  }
  await deleteSnapshot(key);
  return undefined;
}

export async function saveSnapshot(key: string, bytes: Uint8Array): Promise<void> {
  if (!available()) return;
  const body = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  await (await caches.open(CACHE_NAME)).put(key, new Response(body, { headers: { 'Content-Type': 'application/octet-stream' } }));
}

export async function deleteSnapshot(key: string): Promise<void> {
  if (!available()) return;
  try {
    await (await caches.open(CACHE_NAME)).delete(key);
  } catch {
    // nothing more to do
  }
}
