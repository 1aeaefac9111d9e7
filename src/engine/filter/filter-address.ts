// SPDX-License-Identifier: MIT
/**
 * Address literals of pcap-filter expressions: IPv4 in 1 to 4 parts (libpcap reads `10.1` as the
 * network 10.1.0.0/16, the parts being the *leading* bytes), IPv6 in every textual form, and MAC
 * addresses in all the spellings libpcap's scanner accepts (`:`, `-`, `.` separated pairs, Cisco
 * `xxxx.xxxx.xxxx`, or twelve bare hex digits).
 */

/** An IPv4 literal: the parts as an unsigned number and how many bits they cover (8 per part). */
export interface Ipv4Literal {
  value: number;
  bits: number;
}

/**
 * Read a dotted IPv4 literal the way libpcap does: each part is decimal, at most 255. Returns
 * undefined for a part above 255 (or one that is no decimal number at all).
 */
export function parseIpv4(text: string): Ipv4Literal | undefined {
  const parts = text.split('.');
  let value = 0;
  for (const part of parts) {
    if (!/^[0-9]+$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = ((value << 8) | n) >>> 0;
  }
  return { value, bits: parts.length * 8 };
}

function parseDottedQuad(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    // inet_pton: decimal, no leading zeros, at most 255.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out.push(Number(p));
  }
  return out;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const out: number[] = [];
  for (const g of text.split(':')) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
    out.push(Number.parseInt(g, 16));
  }
  return out;
}

/** An IPv6 address as eight 16-bit groups, or undefined when the text is not one. */
export function parseIpv6(text: string): number[] | undefined {
  let body = text;
  let tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const quad = parseDottedQuad(body.slice(lastColon + 1));
    if (!quad) return undefined;
    tail = [(quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!];
    body = body.slice(0, lastColon + 1);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0]!);
  const rest = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1) return known === 8 ? [...head, ...tail] : undefined;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** The four big-endian 32-bit words of an IPv6 address given as eight groups. */
export function ipv6Words(groups: readonly number[]): number[] {
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((groups[i]! << 16) | groups[i + 1]!) >>> 0);
  return words;
}

/** The four 32-bit words of an IPv6 prefix mask of `bits` leading ones. */
export function ipv6MaskWords(bits: number): number[] {
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const n = Math.max(0, Math.min(32, bits - 32 * i));
    words.push(n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0);
  }
  return words;
}

/**
 * The six bytes of a MAC address literal. Like libpcap, hex digits are read in pairs, skipping one
 * separator (`:`, `.`, `-`) before each pair; a single digit before a separator is one byte.
 */
export function parseMac(text: string): number[] {
  const out: number[] = [];
  let i = 0;
  const isHex = (c: string | undefined) => c !== undefined && /[0-9A-Fa-f]/.test(c);
  while (i < text.length && out.length < 6) {
    if (text[i] === ':' || text[i] === '.' || text[i] === '-') i++;
    let d = Number.parseInt(text[i]!, 16);
    i++;
    if (isHex(text[i])) {
      d = (d << 4) | Number.parseInt(text[i]!, 16);
      i++;
    }
    out.push(d);
  }
  while (out.length < 6) out.push(0);
  return out;
}

/** Print an IPv4 address held as an unsigned number. */
export function formatIpv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff].join('.');
}
