// SPDX-License-Identifier: MIT
/**
 * Where capture bytes come from: a `Uint8Array` already in memory, or a browser `Blob`/`File`
 * read in slices so a 1 GB capture never has to be held at once. The Blob is typed structurally
 * so the engine needs no DOM library.
 */

/** Random-access bytes of known size. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Read `length` bytes from `offset`, clamped to the end of the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Present when the bytes are in memory: the same read, synchronously and without copying. */
  readSync?(offset: number, length: number): Uint8Array;
}

/** The part of a DOM `Blob` (or `File`) the engine uses. */
export interface BlobLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A source over bytes in memory; reads are views into `bytes`, not copies. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  const readSync = (offset: number, length: number): Uint8Array => {
    const [start, end] = clampRange(offset, length, bytes.length);
    return bytes.subarray(start, end);
  };
  return {
    size: bytes.length,
    readSync,
    read: (offset, length) => Promise.resolve(readSync(offset, length)),
  };
}

/** A source over a Blob or File; each read slices the blob and reads only that slice. */
export function blobSource(blob: BlobLike): ByteSource {
  return {
    size: blob.size,
    read: async (offset, length) => {
      const [start, end] = clampRange(offset, length, blob.size);
      if (end <= start) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}

/** Clamp a read to `[0, size]`, so a bad request yields a short read rather than an exception. */
function clampRange(offset: number, length: number, size: number): [number, number] {
  const start = Math.min(Math.max(0, Math.floor(offset) || 0), size);
  const end = Math.min(size, start + Math.max(0, Math.floor(length) || 0));
  return [start, end];
}
