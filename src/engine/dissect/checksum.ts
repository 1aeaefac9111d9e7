// SPDX-License-Identifier: MIT
/** The Internet checksum (RFC 1071), used to verify IPv4, ICMP, IGMP and ICMPv6 checksums. */

/** Ones'-complement sum of 16-bit big-endian words over `bytes`, folded to 16 bits, starting at `initial`. */
export function onesSum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  const even = bytes.length & ~1;
  for (let i = 0; i < even; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  // An odd trailing byte is padded with a zero byte on the right (RFC 1071 §4.1).
  if (even < bytes.length) sum += bytes[even]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** True when the data, checksum field included, sums to 0xffff: the checksum is correct. */
export function checksumOk(bytes: Uint8Array, initial = 0): boolean {
  return onesSum(bytes, initial) === 0xffff;
}

/** The checksum the field should hold, computed with the field itself taken as zero. */
export function expectedChecksum(bytes: Uint8Array, fieldOffset: number, initial = 0): number {
  const copy = bytes.slice();
  if (fieldOffset + 1 < copy.length) {
    copy[fieldOffset] = 0;
    copy[fieldOffset + 1] = 0;
  }
  return ~onesSum(copy, initial) & 0xffff;
}

/** The IPv6 pseudo-header sum (RFC 8200 §8.1) for upper-layer checksums such as ICMPv6. */
export function ipv6PseudoSum(src: Uint8Array, dst: Uint8Array, length: number, nextHeader: number): number {
  let sum = onesSum(src);
  sum = onesSum(dst, sum);
  sum += Math.floor(length / 0x10000) + (length & 0xffff) + nextHeader;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}
