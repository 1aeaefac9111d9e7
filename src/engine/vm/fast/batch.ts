// SPDX-License-Identifier: MIT
/** The fast path's public types: a batch of packets in one buffer, and a compiled filter. */
import type { PacketContext, PacketMeta } from '../types.ts';

/** Many packets laid out in one buffer. */
export interface PacketBatch {
  /** Concatenated captured bytes. */
  data: Uint8Array;
  /** Start of packet i in `data`. */
  offsets: Uint32Array;
  /** Captured length of packet i (cut back to what `data` holds). */
  caplens: Uint32Array;
  /** Wire length of packet i (`#len`). */
  wirelens: Uint32Array;
  /** Linux extension metadata per packet (absent: every packet gets the defaults). */
  metas?: readonly (Partial<PacketMeta> | undefined)[];
}

/** A program compiled once for whole-capture runs; verdicts equal `run(...).verdict`. */
export interface FastFilter {
  /** What actually runs (the fallback is visible to the UI). */
  kind: 'wasm' | 'interpreter';
  /** Why the interpreter runs instead of WebAssembly. */
  reason?: string;
  /** One packet → verdict. */
  filter(packet: PacketContext): number;
  /** A verdict per packet of the batch, into `out` when it is long enough. */
  filterBatch(batch: PacketBatch, out?: Uint32Array): Uint32Array;
  /**
   * A zeroed batch of `count` packets with room for `dataBytes` bytes, for the caller to fill
   * (data, offsets, caplens, wirelens; `metas` may be added). Given to `filterBatch` it is read
   * where it lies: nothing is copied. Its arrays are views into the filter's memory: valid until
   * the next `allocateBatch`, or a `filter`/`filterBatch` call with a single packet larger than
   * 256 KiB (memory growth detaches them; a detached batch then has length 0).
   */
  allocateBatch?(count: number, dataBytes: number): PacketBatch;
}
