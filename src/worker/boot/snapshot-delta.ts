/**
 * The shipped snapshot's file: Pyodide's memory snapshot as a delta against the memory its wasm
 * starts with, compressed with Zstandard (made by src/build/make-snapshot.mjs, `encodeDelta`). Python's
 * static data barely changes while it boots, so the delta is mostly zeros there: 3.4 MB instead of
 * 6.2 MB gzipped. It is applied once Pyodide has instantiated its wasm, before Pyodide restores the
 * memory (boot-hooks.ts), in the same buffer Pyodide was given.
 */
import { decompress } from 'fzstd';

/** What the delta starts with ("PWRD"), then the bytes of memory it was taken against, then Pyodide's magic word, then 0. */
const DELTA_MAGIC = 0x44525750;
const HEADER_BYTES = 16;
/** Where Pyodide's snapshot says its copy of the memory starts (its second word). */
const MEMORY_OFFSET_WORD = 1;

const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
const GZIP = [0x1f, 0x8b];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/**
 * A snapshot file's bytes, decompressed: Zstandard (the shipped file), gzip (a snapshot shipped by
 * an earlier version), or neither (a server that sent it with a Content-Encoding, which the browser
 * has decoded). `head` is its start, already read from `stream`. Zstandard is decoded in one go once
 * the file is there: fzstd's streaming decoder copies its 8 MB window at every block (hundreds of
 * milliseconds of the worker's time), and the file arrives well before Pyodide's wasm.
 */
export async function decompressSnapshot(head: Uint8Array, stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const inflated = startsWith(head, GZIP) ? stream.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : stream;
  const bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  return startsWith(head, ZSTD) ? decompress(bytes) : bytes;
}

export interface OpenedSnapshot {
  /** What Pyodide is given (`_loadSnapshot`): ready to restore only once `applyTo` has run, for a delta. */
  snapshot: Uint8Array;
  /** For a delta: completes the snapshot from the memory of Pyodide's freshly instantiated wasm. */
  applyTo?: (initialMemory: ArrayBuffer) => void;
}

/** A decompressed snapshot file: a delta (the shipped file), or Pyodide's own snapshot. */
export function openSnapshot(bytes: Uint8Array): OpenedSnapshot {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 4));
  if (words[0] !== DELTA_MAGIC) return { snapshot: bytes };
  const [, baseBytes = 0, pyodideMagic = 0] = words;
  const snapshot = bytes.subarray(HEADER_BYTES);
  return {
    snapshot,
    applyTo(initialMemory) {
      const own = new Uint32Array(snapshot.buffer, snapshot.byteOffset, Math.floor(snapshot.byteLength / 4));
      const memoryStart = own[MEMORY_OFFSET_WORD]! / 4;
      const initial = new Uint32Array(initialMemory, 0, baseBytes / 4);
      const delta = own.subarray(memoryStart, memoryStart + initial.length);
      for (let i = 0; i < delta.length; i++) delta[i]! ^= initial[i]!;
      own[0] = pyodideMagic;
    },
  };
}
