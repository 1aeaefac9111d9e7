// SPDX-License-Identifier: MIT
/**
 * The per-packet metadata a translated program reads (Linux ancillary loads and the header bases
 * of SKF_NET_OFF/SKF_LL_OFF loads), laid out as one row of 32-bit words per packet. Only what the
 * program uses gets a slot, so a program without extensions writes no rows at all. The words are
 * computed by the interpreter's own `resolveMeta` and `extensionValue`, so both paths see the
 * same values by construction.
 */
import type { ExtensionName } from '../../isa/opcodes.ts';
import { extensionValue } from '../extensions.ts';
import { resolveMeta } from '../meta.ts';
import type { PacketMeta } from '../types.ts';

/** A metadata word a program can need: an ancillary value, or a header offset. */
export type MetaField = Exclude<ExtensionName, 'xor_x' | 'nla' | 'nlan'> | 'networkOffset' | 'linkOffset';

/**
 * The word stored for "this packet has no such header" (i32 minimum): SKF_NET_OFF loads then
 * return 0. Offsets are stored as signed 32-bit values, clamped so that anything beyond the
 * int32 range still lies outside every packet.
 */
export const NO_OFFSET = 0x80000000;

const NO_BYTES = new Uint8Array(0);

function offsetWord(offset: number | undefined): number {
  if (offset === undefined) return NO_OFFSET;
  return Math.trunc(Math.min(0x7fffffff, Math.max(-0x7fffffff, offset))) >>> 0;
}

/** The word a field holds for a packet with this resolved metadata. */
export function metaWord(field: MetaField, meta: PacketMeta): number {
  if (field === 'networkOffset' || field === 'linkOffset') return offsetWord(meta[field]);
  // The value-reading extensions ignore A, X and the packet bytes.
  return extensionValue(field, 0, 0, meta, NO_BYTES) >>> 0;
}

/** Slot assignment for one program: field → word index in a row. */
export class MetaSlots {
  private readonly order: MetaField[] = [];

  /** The slot of a field, allocating one on first use. */
  slot(field: MetaField): number {
    const at = this.order.indexOf(field);
    if (at >= 0) return at;
    this.order.push(field);
    return this.order.length - 1;
  }

  /** Fields in slot order. */
  get fields(): readonly MetaField[] {
    return this.order;
  }

  /** Bytes per row. */
  get rowBytes(): number {
    return this.order.length * 4;
  }
}

/**
 * Writes metadata rows into linear memory. Consecutive packets sharing one metadata object (or
 * none) reuse the previous row's words instead of resolving the defaults again.
 */
export class MetaRowWriter {
  private lastMeta: Partial<PacketMeta> | undefined | null = null;
  private readonly row: Uint32Array;

  constructor(private readonly fields: readonly MetaField[]) {
    this.row = new Uint32Array(fields.length);
  }

  /** Forget the last row (metadata objects may have changed since the previous call). */
  reset(): void {
    this.lastMeta = null;
  }

  /** Write the row for `meta` at word index `at` of `words`. */
  write(words: Uint32Array, at: number, meta: Partial<PacketMeta> | undefined): void {
    const row = this.row;
    if (meta !== this.lastMeta) {
      // run() resolves a packet's metadata with makeEnv → resolveMeta(packet.meta): the same here.
      const resolved = resolveMeta(meta);
      for (let s = 0; s < row.length; s++) row[s] = metaWord(this.fields[s]!, resolved);
      this.lastMeta = meta;
    }
    for (let s = 0; s < row.length; s++) words[at + s] = row[s]!;
  }
}
