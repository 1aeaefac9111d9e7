// SPDX-License-Identifier: MIT
/**
 * Shared state of one indexing run. Parsers are generators that read through a window of the file
 * and `yield` a {@link Need} when the bytes they want are outside it; the driver (synchronous over
 * a `Uint8Array`, or asynchronous over a `ByteSource`) moves the window and resumes them. Parsers
 * check every length against the file size before asking, so nothing is allocated from an
 * untrusted length.
 */

import { DiagnosticSink } from './capture-diagnostics.ts';
import type {
  CaptureFormat,
  CaptureInterface,
  CaptureSection,
  NameRecord,
  SecretsRecord,
} from './capture-types.ts';
import { PacketTableBuilder } from './packet-table.ts';

/** A request for bytes `[offset, offset + length)`, which the parser has checked lie in the file. */
export interface Need {
  offset: number;
  length: number;
}

/** A capture parser: yields needs, returns when done or stopped by damage. */
export type Parser = Generator<Need, void, void>;

const EMPTY = new Uint8Array(0);

/** Mutable state of one indexing run, shared by the parser and the driver. */
export class ParseContext {
  /** Size of the whole file. */
  readonly size: number;
  /** Diagnostics found so far. */
  readonly sink = new DiagnosticSink();
  /** Packets found so far. */
  readonly table = new PacketTableBuilder();
  /** Interfaces found so far. */
  readonly interfaces: CaptureInterface[] = [];
  /** Sections found so far. */
  readonly sections: CaptureSection[] = [];
  /** Name resolution records found so far. */
  readonly names: NameRecord[] = [];
  /** Decryption secrets blocks found so far. */
  readonly secrets: SecretsRecord[] = [];
  /** The format, once the magic has been read. */
  format: CaptureFormat | undefined;
  /** Byte order of the current section. */
  littleEndian = true;
  /** How far parsing has got (for progress). */
  position = 0;
  private winStart = 0;
  private win: Uint8Array = EMPTY;
  private view: DataView = new DataView(EMPTY.buffer);

  constructor(size: number) {
    this.size = size;
  }

  /** Make `bytes` (starting at file offset `start`) the current window of the file. */
  setWindow(start: number, bytes: Uint8Array): void {
    this.winStart = start;
    this.win = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when `[offset, offset + length)` is inside the window of the file in memory. */
  has(offset: number, length: number): boolean {
    return offset >= this.winStart && offset + length <= this.winStart + this.win.length;
  }

  /** True when `[offset, offset + length)` is inside the file. */
  fits(offset: number, length: number): boolean {
    return length >= 0 && offset >= 0 && offset + length <= this.size;
  }

  /** Byte at a file offset (inside the window). */
  u8(offset: number): number {
    return this.view.getUint8(offset - this.winStart);
  }

  /** 16-bit word in the current byte order. */
  u16(offset: number): number {
    return this.view.getUint16(offset - this.winStart, this.littleEndian);
  }

  /** 32-bit word in the current byte order. */
  u32(offset: number): number {
    return this.view.getUint32(offset - this.winStart, this.littleEndian);
  }

  /** 32-bit word in an explicit byte order. */
  u32As(offset: number, littleEndian: boolean): number {
    return this.view.getUint32(offset - this.winStart, littleEndian);
  }

  /** 64-bit word in the current byte order, as a double (exact below 2^53). */
  u64(offset: number): number {
    const a = this.u32(offset);
    const b = this.u32(offset + 4);
    return this.littleEndian ? b * 2 ** 32 + a : a * 2 ** 32 + b;
  }

  /** Signed 64-bit word in the current byte order, as a double. */
  i64(offset: number): number {
    return Number(this.view.getBigInt64(offset - this.winStart, this.littleEndian));
  }

  /** A view of window bytes (not a copy). */
  bytes(offset: number, length: number): Uint8Array {
    const at = offset - this.winStart;
    return this.win.subarray(at, at + length);
  }

  /** Packets indexed so far. */
  get kept(): number {
    return this.table.count;
  }
}
