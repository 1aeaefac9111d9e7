// SPDX-License-Identifier: MIT
/**
 * Linear-memory layout of a translated filter. The module's `run` takes the address of each
 * per-packet array as a parameter, so packets can come from two places:
 *
 * - the staging area, where `filterBatch` copies a chunk of an ordinary batch:
 *     OFFSETS[CHUNK] CAPLENS[CHUNK] WIRELENS[CHUNK] VERDICTS[CHUNK] META[CHUNK * rowBytes] DATA[CHUNK_BYTES]
 * - a batch `allocateBatch` placed above the staging area, which `filterBatch` reads in place.
 *
 * Verdicts and metadata rows always go through the staging area, one chunk at a time.
 */

/** Most packets one call into the module handles (bounds the staging arrays). */
export const CHUNK_PACKETS = 8192;
/**
 * Most packet bytes one staged chunk copies in: small enough that the module reads them from the
 * CPU's L2 cache right after the copy (measured: 8 MiB chunks were ~1.4x slower). A single larger
 * packet is staged above everything else instead.
 */
export const CHUNK_BYTES = 256 << 10;
/** Bytes in a WebAssembly page. */
export const PAGE_BYTES = 65536;

/** Addresses of the staging area for a program whose metadata rows are `rowBytes` long. */
export interface StagingLayout {
  offsets: number;
  caplens: number;
  wirelens: number;
  verdicts: number;
  meta: number;
  data: number;
  /** First byte after the staging data. */
  end: number;
}

/** Round up to a multiple of 64 (a cache line). */
export function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/** The staging layout for metadata rows of `rowBytes` bytes. */
export function stagingLayout(rowBytes: number): StagingLayout {
  const array = 4 * CHUNK_PACKETS;
  const offsets = 64; // address 0 stays unused
  const meta = offsets + 4 * array;
  const data = align64(meta + rowBytes * CHUNK_PACKETS);
  return {
    offsets,
    caplens: offsets + array,
    wirelens: offsets + 2 * array,
    verdicts: offsets + 3 * array,
    meta,
    data,
    end: data + CHUNK_BYTES,
  };
}

/** Pages needed to hold `bytes` bytes. */
export function pagesFor(bytes: number): number {
  return Math.ceil(bytes / PAGE_BYTES);
}
