// SPDX-License-Identifier: MIT
/**
 * The JS side of a translated filter. An ordinary batch is copied chunk by chunk into the staging
 * area of the instance's linear memory (its bytes, offsets and lengths), with one call into the
 * module per chunk. A batch from `allocateBatch` already lives in linear memory and is read in
 * place: no copy at all, which is most of the cost for large packets. One instance serves every
 * batch; memory grows only for `allocateBatch` and for a single packet larger than a chunk.
 */
import type { PacketContext, PacketMeta } from '../types.ts';
import type { PacketBatch } from './batch.ts';
import type { Translation } from './emit-module.ts';
import { align64, CHUNK_BYTES, CHUNK_PACKETS } from './layout.ts';
import { MetaRowWriter } from './meta-slots.ts';
import type { FilterExports } from './wasm-api.ts';

/** Packets [start, end) of a batch whose bytes span data[lo, hi). */
interface Chunk {
  start: number;
  end: number;
  lo: number;
  hi: number;
}

/** The captured length actually present in the data (a batch never reads past its buffer). */
function presentLength(offset: number, caplen: number, dataLength: number): number {
  if (offset + caplen <= dataLength) return caplen;
  return offset >= dataLength ? 0 : dataLength - offset;
}

/** Take packets from `start` until CHUNK_PACKETS, or until their byte span would pass CHUNK_BYTES. */
function nextChunk(batch: PacketBatch, start: number, count: number): Chunk {
  const { offsets, caplens } = batch;
  const dataLength = batch.data.length;
  const stop = Math.min(count, start + CHUNK_PACKETS);
  let lo = dataLength;
  let hi = 0;
  let j = start;
  for (; j < stop; j++) {
    const offset = offsets[j]!;
    const caplen = presentLength(offset, caplens[j]!, dataLength);
    if (caplen === 0) continue; // reads nothing, so its bytes need no room
    const nextLo = Math.min(offset, lo);
    const nextHi = Math.max(offset + caplen, hi);
    if (nextHi - nextLo > CHUNK_BYTES && j > start) break;
    lo = nextLo;
    hi = nextHi;
  }
  return hi > lo ? { start, end: j, lo, hi } : { start, end: j, lo: 0, hi: 0 };
}

/** A compiled module instance and the memory it reads. */
export class WasmHost {
  private buffer: ArrayBuffer | undefined;
  private bytes = new Uint8Array(0);
  private words = new Uint32Array(0);
  private readonly rows: MetaRowWriter;
  private readonly rowWords: number;
  /** First byte above the staging area and any batch `allocateBatch` placed. */
  private top: number;

  constructor(
    private readonly exports: FilterExports,
    private readonly translation: Translation,
  ) {
    this.rows = new MetaRowWriter(translation.metaFields);
    this.rowWords = translation.metaFields.length;
    this.top = translation.staging.end;
    this.reserve(this.top);
  }

  /** Make linear memory at least `size` bytes and refresh the views (growing detaches them). */
  private reserve(size: number): void {
    const memory = this.exports.memory;
    const have = memory.buffer.byteLength;
    if (size > have) memory.grow(Math.ceil((size - have) / 65536));
    if (memory.buffer !== this.buffer) {
      this.buffer = memory.buffer;
      this.bytes = new Uint8Array(this.buffer);
      this.words = new Uint32Array(this.buffer);
    }
  }

  /** Where `size` packet bytes are staged: the staging data, or above everything when too big. */
  private stage(size: number): number {
    if (size <= CHUNK_BYTES) return this.translation.staging.data;
    this.reserve(this.top + size);
    return this.top;
  }

  /** The verdict for one packet. */
  filter(packet: PacketContext): number {
    const s = this.translation.staging;
    const bytes = packet.bytes;
    const data = this.stage(bytes.length);
    this.bytes.set(bytes, data);
    const words = this.words;
    words[s.offsets >> 2] = 0;
    words[s.caplens >> 2] = bytes.length;
    words[s.wirelens >> 2] = packet.wireLength >>> 0;
    if (this.rowWords > 0) {
      this.rows.reset();
      this.rows.write(words, s.meta >> 2, packet.meta);
    }
    this.exports.run(1, data, bytes.length, 0, s.offsets, s.caplens, s.wirelens, s.verdicts, s.meta);
    return words[s.verdicts >> 2]!;
  }

  /** Verdicts for every packet of a batch, into `out` (allocated when absent or too short). */
  filterBatch(batch: PacketBatch, out?: Uint32Array): Uint32Array {
    const count = batch.offsets.length;
    const verdicts = out && out.length >= count ? out : new Uint32Array(count);
    const inPlace = this.owns(batch);
    this.rows.reset();
    for (let start = 0; start < count; ) {
      const end = inPlace ? Math.min(count, start + CHUNK_PACKETS) : this.runStaged(batch, start, count);
      if (inPlace) this.runInPlace(batch, start, end);
      const from = this.translation.staging.verdicts >> 2;
      verdicts.set(this.words.subarray(from, from + end - start), start);
      start = end;
    }
    return verdicts;
  }

  /** Whether every array of the batch lives in this instance's memory (then nothing is copied). */
  private owns(batch: PacketBatch): boolean {
    const buffer = this.exports.memory.buffer;
    return (
      batch.data.buffer === buffer &&
      batch.offsets.buffer === buffer &&
      batch.caplens.buffer === buffer &&
      batch.wirelens.buffer === buffer
    );
  }

  /** Copy the next chunk into the staging area and run it; returns the chunk's end. */
  private runStaged(batch: PacketBatch, start: number, count: number): number {
    const { end, lo, hi } = nextChunk(batch, start, count);
    const s = this.translation.staging;
    const data = this.stage(hi - lo);
    const words = this.words;
    this.bytes.set(batch.data.subarray(lo, hi), data);
    words.set(batch.offsets.subarray(start, end), s.offsets >> 2);
    words.set(batch.caplens.subarray(start, end), s.caplens >> 2);
    if (this.translation.usesLen) words.set(batch.wirelens.subarray(start, end), s.wirelens >> 2);
    const stride = this.writeMetaRows(batch.metas, start, end);
    // address = offset + bias in the module's wrapping 32-bit arithmetic; caplens are cut back
    // at the batch's data length, as `data.subarray(offset, offset + caplen)` would be.
    const bias = (data - lo) | 0;
    this.exports.run(
      end - start,
      bias,
      batch.data.length,
      stride,
      s.offsets,
      s.caplens,
      s.wirelens,
      s.verdicts,
      s.meta,
    );
    return end;
  }

  /** Run packets [start, end) of a batch that lives in linear memory. */
  private runInPlace(batch: PacketBatch, start: number, end: number): void {
    const s = this.translation.staging;
    const stride = this.writeMetaRows(batch.metas, start, end);
    this.exports.run(
      end - start,
      batch.data.byteOffset,
      batch.data.length,
      stride,
      batch.offsets.byteOffset + 4 * start,
      batch.caplens.byteOffset + 4 * start,
      batch.wirelens.byteOffset + 4 * start,
      s.verdicts,
      s.meta,
    );
  }

  /** Write a chunk's metadata rows; returns the row stride in bytes (0: all share one row). */
  private writeMetaRows(
    metas: readonly (Partial<PacketMeta> | undefined)[] | undefined,
    start: number,
    end: number,
  ): number {
    const width = this.rowWords;
    if (width === 0) return 0;
    const base = this.translation.staging.meta >> 2;
    if (!metas) {
      this.rows.write(this.words, base, undefined);
      return 0;
    }
    for (let j = start; j < end; j++) this.rows.write(this.words, base + (j - start) * width, metas[j]);
    return width * 4;
  }

  /** A batch of `count` packets and `dataBytes` bytes placed in linear memory (see FastFilter). */
  allocateBatch(count: number, dataBytes: number): PacketBatch {
    const base = this.translation.staging.end;
    const arrays = align64(4 * count);
    const data = base + 3 * arrays;
    this.top = Math.max(this.top, align64(data + dataBytes));
    this.reserve(this.top);
    const buffer = this.buffer!;
    return {
      data: new Uint8Array(buffer, data, dataBytes),
      offsets: new Uint32Array(buffer, base, count),
      caplens: new Uint32Array(buffer, base + arrays, count),
      wirelens: new Uint32Array(buffer, base + 2 * arrays, count),
    };
  }
}
