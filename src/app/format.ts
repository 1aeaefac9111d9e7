// SPDX-License-Identifier: MIT
/** Number formatting shared by the panes. */

/** `0x0800` style, padded to an even number of digits (at least `min`). */
export function hex(value: number, min = 1): string {
  const digits = (value >>> 0).toString(16);
  const width = Math.max(min, digits.length + (digits.length % 2));
  return `0x${digits.padStart(width, '0')}`;
}

/** A u32 as a dotted IPv4 address. */
export function ipv4(value: number): string {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
}

/** Bytes as spaced hex pairs. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** A packet timestamp as `HH:MM:SS.ffffff` (UTC), the way packet lists show it. */
export function clock(tsSec: number, tsNsec: number): string {
  const date = new Date(tsSec * 1000);
  const hms = date.toISOString().slice(11, 19);
  return `${hms}.${String(Math.floor(tsNsec / 1000)).padStart(6, '0')}`;
}

/** Plain-words meaning of a socket filter's return value for a packet of `wireLength` bytes. */
export function verdictMeaning(verdict: number, wireLength: number): string {
  if (verdict === 0) return 'drop: the packet is not delivered';
  if (verdict >= wireLength) return `accept the whole packet (${wireLength} bytes)`;
  return `accept, truncated to the first ${verdict} of ${wireLength} bytes`;
}
