// SPDX-License-Identifier: MIT
/**
 * Bounds-safe reads over the captured bytes. A read past the captured end gives 0 instead of
 * failing (as a BPF load would stop, a dissector carries on); the fields built from such reads are
 * marked "cut short" afterwards by their ranges, so dissectors stay straight-line code.
 */

/** The captured bytes of one frame plus the logical end of the layer being dissected. */
export class ByteView {
  /** Captured bytes. */
  readonly bytes: Uint8Array;
  /** Where the current layer ends (IP total length, UDP length…); may exceed the captured bytes. */
  readonly end: number;

  constructor(bytes: Uint8Array, end: number) {
    this.bytes = bytes;
    this.end = end;
  }

  /** Number of captured bytes. */
  get captured(): number {
    return this.bytes.length;
  }

  /** The end of what is both inside this layer and captured. */
  get availableEnd(): number {
    return Math.min(this.end, this.bytes.length);
  }

  /** A view of the same bytes with a narrower (or wider) logical end. */
  withEnd(end: number): ByteView {
    return new ByteView(this.bytes, end);
  }

  /** True when `length` bytes at `offset` were captured. */
  has(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.bytes.length;
  }

  /** Unsigned byte at `offset` (0 past the captured end). */
  u8(offset: number): number {
    return offset >= 0 && offset < this.bytes.length ? this.bytes[offset]! : 0;
  }

  /** Big-endian 16-bit value. */
  u16(offset: number): number {
    return (this.u8(offset) << 8) | this.u8(offset + 1);
  }

  /** Big-endian 24-bit value. */
  u24(offset: number): number {
    return (this.u8(offset) << 16) | this.u16(offset + 1);
  }

  /** Big-endian 32-bit value (unsigned). */
  u32(offset: number): number {
    return this.u8(offset) * 0x1000000 + ((this.u8(offset + 1) << 16) | this.u16(offset + 2));
  }

  /** Little-endian 32-bit value (unsigned), for host-order fields such as BSD NULL's family. */
  u32le(offset: number): number {
    return (
      this.u8(offset + 3) * 0x1000000 +
      ((this.u8(offset + 2) << 16) | (this.u8(offset + 1) << 8) | this.u8(offset))
    );
  }

  /** Up to `length` captured bytes at `offset` (fewer when the capture ends first). */
  slice(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.bytes.length));
    const stop = Math.max(start, Math.min(offset + Math.max(0, length), this.bytes.length));
    return this.bytes.subarray(start, stop);
  }
}
