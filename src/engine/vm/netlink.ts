// SPDX-License-Identifier: MIT
/**
 * The netlink-attribute searches behind the Linux `nla` and `nlan` ancillary loads
 * (net/core/filter.c bpf_skb_get_nlattr / bpf_skb_get_nlattr_nest, over lib/nlattr.c nla_find).
 * A is the offset where the attribute stream (or the nesting attribute) starts and X the attribute
 * type sought; the result is the offset of the first matching attribute, or 0 when there is none
 * (so a match at offset 0 looks like "not found", as in the kernel).
 *
 * Facts this follows (our own reading of the kernel, not its code):
 * - `struct nlattr` is { u16 nla_len; u16 nla_type } in host byte order; we read it little-endian,
 *   as on x86-64 and arm64, where such filters run.
 * - the helpers return 0 if the packet is shorter than a header, or A > len - 4 (unsigned);
 *   `nlan` also returns 0 if the nesting attribute's nla_len > len - A.
 * - an attribute is usable while the remaining byte count is >= 4, its nla_len >= 4 and
 *   nla_len <= remaining (nla_ok); the next one starts NLA_ALIGN(nla_len) (to 4) bytes on and the
 *   remaining count drops by as much (nla_next); the type compared is nla_type & NLA_TYPE_MASK
 *   (the NESTED and NET_BYTEORDER flag bits cleared), against X as an int, so X > 0x3fff never
 *   matches.
 * - `nlan` searches the payload of the attribute at A: it starts 4 bytes on, nla_len - 4 long.
 * - the kernel bounds everything by skb->len of a linear skb; we bound it by the captured bytes,
 *   since those are all the bytes we have.
 */

/** NLA_TYPE_MASK: the type without the NLA_F_NESTED and NLA_F_NET_BYTEORDER bits. */
const NLA_TYPE_MASK = 0x3fff;
/** sizeof(struct nlattr) == NLA_HDRLEN. */
const NLA_HDRLEN = 4;

function u16le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

/** nla_find over [start, start + len): offset of the first attribute of type `type`, or 0. */
function findAttribute(bytes: Uint8Array, start: number, len: number, type: number): number {
  let pos = start;
  let remaining = len;
  // Invariant: remaining <= bytes.length - pos, so a header read with remaining >= 4 is in bounds.
  while (remaining >= NLA_HDRLEN) {
    const nlaLen = u16le(bytes, pos);
    if (nlaLen < NLA_HDRLEN || nlaLen > remaining) return 0;
    if ((u16le(bytes, pos + 2) & NLA_TYPE_MASK) === type) return pos;
    const total = (nlaLen + 3) & ~3;
    remaining -= total;
    pos += total;
  }
  return 0;
}

/** `nla` (SKF_AD_NLATTR): offset of attribute type X in the stream at offset A, or 0. */
export function netlinkAttribute(bytes: Uint8Array, a: number, x: number): number {
  const len = bytes.length;
  if (len < NLA_HDRLEN || a >>> 0 > len - NLA_HDRLEN) return 0;
  return findAttribute(bytes, a >>> 0, len - (a >>> 0), x >>> 0);
}

/** `nlan` (SKF_AD_NLATTR_NEST): offset of attribute type X nested in the attribute at A, or 0. */
export function netlinkNestedAttribute(bytes: Uint8Array, a: number, x: number): number {
  const len = bytes.length;
  const start = a >>> 0;
  if (len < NLA_HDRLEN || start > len - NLA_HDRLEN) return 0;
  const nlaLen = u16le(bytes, start);
  if (nlaLen > len - start) return 0;
  return findAttribute(bytes, start + NLA_HDRLEN, nlaLen - NLA_HDRLEN, x >>> 0);
}
