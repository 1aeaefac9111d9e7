// SPDX-License-Identifier: MIT
/** Byte helpers for the packet builders: concatenation, big-endian fields, address parsing. */

/** Concatenate byte arrays. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A 16-bit big-endian field. */
export function u16(value: number): Uint8Array {
  return Uint8Array.of((value >>> 8) & 0xff, value & 0xff);
}

/** A 32-bit big-endian field. */
export function u32(value: number): Uint8Array {
  return Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/** ASCII text as bytes. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

/** A MAC address `02:00:5e:00:53:01` as 6 bytes. */
export function mac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6) throw new Error(`bad MAC address ${text}`);
  return Uint8Array.from(parts, (p) => Number.parseInt(p, 16));
}

/** A dotted IPv4 address as 4 bytes. */
export function ipv4(text: string): Uint8Array {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255)))
    throw new Error(`bad IPv4 address ${text}`);
  return Uint8Array.from(parts);
}

/** An IPv6 address (with `::` and an optional dotted IPv4 tail) as 16 bytes. */
export function ipv6(text: string): Uint8Array {
  let head = text;
  let tail: number[] = [];
  const dotted = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = ipv4(dotted[2]!);
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    head = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const l = groups(left);
  const r = [...groups(right), ...tail];
  const fill = right === undefined ? 0 : 8 - l.length - r.length;
  const all = right === undefined ? [...l, ...tail] : [...l, ...new Array<number>(fill).fill(0), ...r];
  if (all.length !== 8 || all.some((g) => !(g >= 0 && g <= 0xffff)))
    throw new Error(`bad IPv6 address ${text}`);
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Parse an IPv4 or IPv6 address by its form. */
export function ipAddress(text: string): Uint8Array {
  return text.includes(':') ? ipv6(text) : ipv4(text);
}
