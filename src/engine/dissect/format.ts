// SPDX-License-Identifier: MIT
/** Text forms of addresses and numbers, as tshark prints them. */

/** `0x` plus `digits` lower-case hex digits. */
export function hex(value: number, digits: number): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, '0')}`;
}

/** Two lower-case hex digits for every byte value. */
const HEX_PAIRS: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Bytes as colon-separated hex pairs (`02:04:05:b4`), tshark's form for byte strings. */
export function hexBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += i === 0 ? HEX_PAIRS[bytes[i]!] : `:${HEX_PAIRS[bytes[i]!]}`;
  return out;
}

/** A MAC address (`02:00:00:00:00:01`). */
export function formatMac(bytes: Uint8Array): string {
  return hexBytes(bytes);
}

/** A dotted-quad IPv4 address (fewer parts when fewer than 4 bytes were captured). */
export function formatIpv4(bytes: Uint8Array): string {
  if (bytes.length >= 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.${bytes[3]}`;
  return Array.from(bytes).join('.');
}

/** An IPv4 address held in a 32-bit number. */
export function formatIpv4Number(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}

/** True for ::ffff:a.b.c.d (RFC 4291 §2.5.5.2 IPv4-mapped). */
export function isIpv4Mapped(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** True for ::a.b.c.d (RFC 4291 §2.5.5.1 IPv4-compatible, deprecated). */
export function isIpv4Compatible(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 12; i++) if (bytes[i] !== 0) return false;
  // :: and ::1 share the prefix; like inet_ntop (and tshark), the address counts as embedding IPv4
  // when the seventh 16-bit group is non-zero, so ::2 stays ::2 but ::c000:20a is ::192.0.2.10.
  return bytes[12] !== 0 || bytes[13] !== 0;
}

/** The longest run (length ≥ 2) of zero groups, first on a tie (RFC 5952 §4.2). */
function longestZeroRun(groups: number[]): { start: number; length: number } {
  let best = { start: -1, length: 0 };
  let start = -1;
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === 0) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start > best.length && i - start >= 2) best = { start, length: i - start };
    start = -1;
  }
  return best;
}

/** An IPv6 address in RFC 5952 form; IPv4-mapped and -compatible ones end in a dotted quad (`::ffff:192.0.2.1`). */
export function formatIpv6(bytes: Uint8Array): string {
  if (bytes.length < 16) return hexBytes(bytes);
  if (isIpv4Mapped(bytes)) return `::ffff:${formatIpv4(bytes.subarray(12, 16))}`;
  if (isIpv4Compatible(bytes)) return `::${formatIpv4(bytes.subarray(12, 16))}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  const run = longestZeroRun(groups);
  const text = (list: number[]) => list.map((g) => g.toString(16)).join(':');
  if (run.length === 0) return text(groups);
  return `${text(groups.slice(0, run.start))}::${text(groups.slice(run.start + run.length))}`;
}

/**
 * The bit picture tshark puts before a sub-byte field (`.1.. ....`): the field's bits shown as
 * 0/1, the others as dots, in groups of four. Fields span at most 4 bytes.
 */
export function bitPicture(value: number, mask: number, bytes: number): string {
  let out = '';
  for (let i = bytes * 8 - 1; i >= 0; i--) {
    out += (mask >>> i) & 1 ? ((value >>> i) & 1 ? '1' : '0') : '.';
    if (i % 4 === 0 && i !== 0) out += ' ';
  }
  return out;
}

/** The value of `raw` under `mask`, shifted down to start at bit 0 (32-bit fields at most). */
export function maskedValue(raw: number, mask: number): number {
  if (mask === 0) return 0;
  // Trailing zeros of the mask: the lowest set bit's position.
  const shift = 31 - Math.clz32(mask & -mask);
  return ((raw & mask) >>> shift) >>> 0;
}

/** Singular or plural noun: `1 byte`, `2 bytes` (irregular plurals given as `many`). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}
