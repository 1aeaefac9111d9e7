// SPDX-License-Identifier: MIT
/**
 * DECnet Phase IV addresses in `decnet host|src|dst|net ...` (libpcap gen_ncode/gen_mcode with
 * the decnet qualifier, and __pcap_atodn). An address is `area.node`, 16 bits on the wire: the
 * area in the top 6 bits, the node in the low 10. libpcap reads the text with sscanf "%d.%d", so
 * it is lenient: parts are decimal, out-of-range parts keep only their low bits, anything after
 * the node is ignored; a bare number is the 16-bit value itself.
 */
import type { Primitive, Reporter } from './check-filter.ts';
import { FLT } from './filter-codes.ts';
import { badDir, type IdNode } from './resolve-port.ts';

const AREA_BITS = 0x3f;
const NODE_BITS = 0x3ff;
/** glibc's strtol saturates at LONG_MAX (64-bit) before scanf stores the int. */
const LONG_MAX = (1n << 63n) - 1n;

/** A DECnet address as libpcap reads it: the 16-bit value, and the parts written. */
export interface DecnetLiteral {
  value: number;
  area: bigint;
  node: bigint;
  /** Whether text followed `area.node` (ignored by libpcap). */
  rest: boolean;
}

/** The `%d` of glibc's sscanf on a run of decimal digits: saturated at LONG_MAX. */
function scanInt(digits: string): bigint {
  const n = BigInt(digits);
  return n > LONG_MAX ? LONG_MAX : n;
}

/**
 * Read `area.node` as libpcap's __pcap_atodn does (sscanf "%d.%d"): both numbers decimal, the
 * area masked to 6 bits and the node to 10. Undefined when no `N.N` starts the text (`0x1.5`).
 */
export function parseDecnet(text: string): DecnetLiteral | undefined {
  const m = /^([0-9]+)\.([0-9]+)/.exec(text);
  if (!m) return undefined;
  const area = scanInt(m[1]!);
  const node = scanInt(m[2]!);
  const value = (Number(area & BigInt(AREA_BITS)) << 10) | Number(node & BigInt(NODE_BITS));
  return { value, area, node, rest: m[0].length < text.length };
}

/** A 16-bit DECnet address as `area.node`. */
export function formatDecnet(value: number): string {
  return `${(value >>> 10) & AREA_BITS}.${value & NODE_BITS}`;
}

/** gen_dnhostop's direction rules; the address is the low 16 bits libpcap keeps. */
function decnetHost(node: IdNode, rep: Reporter, value: number): Primitive | undefined {
  if (badDir(node, rep, 'DECnet addresses')) return undefined;
  const { proto, dir } = node.qual;
  return { kind: 'host', addr: value & 0xffff, mask: 0xffff, proto, dir, isNet: node.qual.addr === 'net' };
}

/** `decnet host 10.15` (an HID token): area.node, or libpcap's "malformed decnet address". */
export function decnetFromText(node: IdNode, rep: Reporter, text: string): Primitive | undefined {
  const lit = parseDecnet(text);
  if (!lit)
    return void rep.error(
      FLT.badDecnet,
      `'${text}' is no DECnet address: expected area.node in decimal, such as 1.2`,
      node.valueSpan,
    );
  if (node.qual.addr === 'gateway')
    return void rep.error(FLT.badQualifier, "'gateway' takes a host name, not an address", node.span);
  const shown = formatDecnet(lit.value);
  if (lit.rest)
    rep.info(
      FLT.decnetLenient,
      `libpcap reads '${text}' as the DECnet address ${shown}: it ignores what follows area.node`,
      node.valueSpan,
    );
  else if (lit.area > AREA_BITS || lit.node > NODE_BITS)
    rep.info(
      FLT.decnetLenient,
      `'${text}' is out of range (area 0-63, node 0-1023): libpcap keeps the low bits, ${shown}`,
      node.valueSpan,
    );
  return decnetHost(node, rep, lit.value);
}

/** `decnet host 1026`: a bare number is the 16-bit address itself (libpcap keeps its low 16 bits). */
export function decnetFromNumber(node: IdNode, rep: Reporter, value: number): Primitive | undefined {
  if (value > 0xffff)
    rep.info(
      FLT.decnetLenient,
      `${value} is above 65535: libpcap keeps its low 16 bits, the DECnet address ${formatDecnet(value & 0xffff)}`,
      node.valueSpan,
    );
  return decnetHost(node, rep, value);
}

/**
 * `decnet net 1.2.3.4/32` or `... mask ...`: libpcap reads the network as IPv4 and then uses the
 * low 16 bits of that number as a DECnet address (gen_mcode handing gen_host the decnet qualifier).
 */
export function decnetFromIpv4Net(node: IdNode, rep: Reporter, addr: number): Primitive | undefined {
  rep.info(
    FLT.decnetLenient,
    `libpcap reads '${rep.slice(node.valueSpan)}' as an IPv4 network and keeps the low 16 bits of its address: DECnet address ${formatDecnet(addr & 0xffff)}`,
    node.valueSpan,
  );
  return decnetHost(node, rep, addr);
}
