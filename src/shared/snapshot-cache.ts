/**
 * Pyodide memory snapshots kept in Cache Storage: a later visit (or a replaced worker) boots from
 * one in a fraction of a normal boot. Python code can write to Cache Storage too, so each snapshot is
 * signed (HMAC-SHA-256) with a secret that only the page and the snapshot-making worker hold, and
 * one whose signature does not match is never booted from. Every failure here means "no snapshot":
 * the caller boots normally.
 */
const CACHE_NAME = 'py-worker-run-snapshots';
/** A real snapshot is tens of megabytes; anything much smaller is damaged. */
export const MIN_SNAPSHOT_BYTES = 1_000_000;
const SIGNATURE_HEADER = 'X-Py-Worker-Run-Signature';

/** The cache key of snapshots of the Pyodide at this index URL (its build is checked when loading). */
export function snapshotKey(indexURL: string, protocolVersion: number): string {
  return `${indexURL}py-worker-run-snapshot-v${protocolVersion}`;
}

function available(): boolean {
  return typeof caches !== 'undefined' && typeof crypto !== 'undefined' && crypto.subtle !== undefined;
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromHex(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const toHex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));
/** 256 bits as hex: a secret, or a signature. */
const isHex256 = (text: unknown): text is string => typeof text === 'string' && /^[0-9a-f]{64}$/.test(text);

export interface CachedSnapshot {
  bytes?: ArrayBuffer;
  /** Why a cached snapshot was not used (it was then deleted). */
  skipped?: string;
}

/** The cached snapshot for this key if it is whole and signed with `secret`; anything else is deleted. */
export async function loadSnapshot(key: string, secret: string): Promise<CachedSnapshot> {
  if (!available()) return {};
  let skipped = 'the cached snapshot could not be read';
  try {
    const response = await (await caches.open(CACHE_NAME)).match(key);
    if (!response) return {};
    const signature = response.headers.get(SIGNATURE_HEADER) ?? '';
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength < MIN_SNAPSHOT_BYTES) skipped = 'the cached snapshot is damaged (too small)';
    else if (!isHex256(signature) || !(await verify(secret, signature, bytes))) {
      skipped = 'the cached snapshot was not written by py-worker-run on this site (its signature does not match)';
    } else return { bytes };
  } catch {
    // unreadable: deleted below
  }
  await deleteSnapshot(key);
  return { skipped };
}

async function verify(secret: string, signature: string, bytes: ArrayBuffer): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), fromHex(signature), bytes);
}

export async function saveSnapshot(key: string, bytes: Uint8Array, secret: string): Promise<void> {
  if (!available()) return;
  const signature = toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), bytes as Uint8Array<ArrayBuffer>));
  const body = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const headers = { 'Content-Type': 'application/octet-stream', [SIGNATURE_HEADER]: signature };
  await (await caches.open(CACHE_NAME)).put(key, new Response(body, { headers }));
}

export async function deleteSnapshot(key: string): Promise<void> {
  if (!available()) return;
  try {
    await (await caches.open(CACHE_NAME)).delete(key);
  } catch {
    // nothing more to do
  }
}
