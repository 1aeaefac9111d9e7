// SPDX-License-Identifier: MIT
/**
 * A growable packet index in typed arrays. Capacity doubles as packets arrive and is trimmed at the
 * end, so 1M packets cost about 32 MB and never a million objects.
 */
import type { PacketIndex } from './capture-types.ts';

const INITIAL_CAPACITY = 256;

/** Builds a {@link PacketIndex} one packet at a time. */
export class PacketTableBuilder {
  /** Packets added so far. */
  count = 0;
  private capacity = INITIAL_CAPACITY;
  private offsets = new Float64Array(INITIAL_CAPACITY);
  private caplens = new Uint32Array(INITIAL_CAPACITY);
  private wireLengths = new Uint32Array(INITIAL_CAPACITY);
  private tsSec = new Float64Array(INITIAL_CAPACITY);
  private tsNsec = new Uint32Array(INITIAL_CAPACITY);
  private interfaceIds = new Uint32Array(INITIAL_CAPACITY);
  private readonly comments = new Map<number, string>();
  private readonly flags = new Map<number, number>();

  /** Append a packet; returns its index. */
  add(offset: number, caplen: number, wireLength: number, sec: number, nsec: number, iface: number): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.offsets[i] = offset;
    this.caplens[i] = caplen;
    this.wireLengths[i] = wireLength;
    this.tsSec[i] = sec;
    this.tsNsec[i] = nsec;
    this.interfaceIds[i] = iface;
    return i;
  }

  /** Attach a comment to packet `i`. */
  setComment(i: number, comment: string): void {
    this.comments.set(i, comment);
  }

  /** Attach a flags word to packet `i`. */
  setFlags(i: number, flags: number): void {
    this.flags.set(i, flags);
  }

  /** The finished index, trimmed to the packets added. */
  finish(): PacketIndex {
    const n = this.count;
    return {
      offsets: this.offsets.slice(0, n),
      caplens: this.caplens.slice(0, n),
      wireLengths: this.wireLengths.slice(0, n),
      tsSec: this.tsSec.slice(0, n),
      tsNsec: this.tsNsec.slice(0, n),
      interfaceIds: this.interfaceIds.slice(0, n),
      comments: this.comments,
      flags: this.flags,
    };
  }

  private grow(): void {
    const next = this.capacity * 2;
    this.offsets = resized(this.offsets, new Float64Array(next));
    this.caplens = resized(this.caplens, new Uint32Array(next));
    this.wireLengths = resized(this.wireLengths, new Uint32Array(next));
    this.tsSec = resized(this.tsSec, new Float64Array(next));
    this.tsNsec = resized(this.tsNsec, new Uint32Array(next));
    this.interfaceIds = resized(this.interfaceIds, new Uint32Array(next));
    this.capacity = next;
  }
}

/** Copy `from` into the larger `to` and return `to`. */
function resized<T extends Float64Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
