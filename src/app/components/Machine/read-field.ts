// SPDX-License-Identifier: MIT
/**
 * Which dissected field a load read: `ldh [12]` reads `eth.type`, `ldxb 4*([14]&0xf)` the
 * `ip.hdr_len` nibble. Ties a step to the packet a student can see in the tree.
 */
import type { Field, ReadEvent } from '../../../engine/index.ts';

const covers = (f: Field, offset: number, length: number) =>
  f.note !== 'teaching' &&
  f.range.length > 0 &&
  f.range.offset <= offset &&
  offset + length <= f.range.offset + f.range.length;

/** Among fields that cover the read, the one that fits it: same bits, else whole bytes, else exact span. */
function bestChild(
  candidates: readonly Field[],
  offset: number,
  length: number,
  bitMask: number | undefined,
): Field | undefined {
  if (candidates.length <= 1) return candidates[0];
  if (bitMask !== undefined) {
    const sameBits = candidates.filter(
      (f) => f.range.bitMask !== undefined && (f.range.bitMask & bitMask) !== 0,
    );
    if (sameBits.length === 1) return sameBits[0];
  }
  const wholeBytes = candidates.filter((f) => f.range.bitMask === undefined);
  if (wholeBytes.length === 1) return wholeBytes[0];
  return wholeBytes.find((f) => f.range.offset === offset && f.range.length === length);
}

/** The innermost field holding the bytes (and bits) a packet read touched, if one holds them all. */
export function fieldForRead(fields: readonly Field[], read: ReadEvent | undefined): Field | undefined {
  if (read?.kind !== 'packet') return undefined;
  const { offset, length, bitMask } = read;
  let found: Field | undefined;
  let level = fields;
  for (;;) {
    const next = bestChild(
      level.filter((f) => covers(f, offset, length)),
      offset,
      length,
      bitMask,
    );
    if (!next) return found;
    // A bit-field is too narrow for a whole-byte read unless it spans exactly the bytes read
    // (`ldh [20]` is read for ip.frag_offset; `ldb [14]` is more than ip.version).
    const exact = next.range.offset === offset && next.range.length === length;
    if (next.range.bitMask !== undefined && bitMask === undefined && !exact && found) return found;
    found = next;
    level = next.children;
  }
}

/** A field's label without the bit picture dissectors put in front (`...0 0000 = Fragment Offset: 0`). */
export function plainLabel(field: Field): string {
  return field.label.replace(/^[01. ]+= /, '');
}
