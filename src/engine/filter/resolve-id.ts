// SPDX-License-Identifier: MIT
/**
 * What a qualified id means (libpcap's gen_scode, gen_ncode, gen_mcode, gen_mcode6 and gen_ecode
 * facts), or the error libpcap gives for it, reported at the offending token.
 */

import type { Primitive, Reporter } from './check-filter.ts';
import { ipv6MaskWords, ipv6Words, parseIpv4, parseIpv6, parseMac } from './filter-address.ts';
import type { IdValue, ProtoQual, Qual } from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { lookupEtherProtocol, lookupIpProtocol } from './filter-names.ts';
import { decnetFromIpv4Net, decnetFromNumber, decnetFromText } from './resolve-decnet.ts';
import { badDir, type IdNode, namedPort, port, WLAN_DIRS } from './resolve-port.ts';

const IP_TYPES: ReadonlySet<ProtoQual> = new Set<ProtoQual>(['default', 'ip', 'arp', 'rarp']);
const NOT_IMPLEMENTED: ReadonlySet<ProtoQual> = new Set<ProtoQual>([
  'atalk',
  'lat',
  'sca',
  'moprc',
  'mopdl',
  'aarp',
  'iso',
  'ipx',
]);

const typeWord = (q: Qual) => (q.addr === 'net' ? 'net' : 'host');

/** gen_host's protocol rules for an IPv4 host or network. */
function host4(node: IdNode, rep: Reporter, addr: number, mask: number): Primitive | undefined {
  const { proto, dir } = node.qual;
  const word = typeWord(node.qual);
  if (proto === 'link')
    return void rep.error(
      FLT.badQualifier,
      `'ether ${word}' needs a MAC address, not an IPv4 address`,
      node.span,
    );
  if (proto === 'ip6')
    return void rep.error(
      FLT.badQualifier,
      `'ip6 ${word}' needs an IPv6 address, not an IPv4 address`,
      node.span,
    );
  // gen_host: a network given as IPv4 text with a mask reaches here; its low 16 bits are the address.
  if (proto === 'decnet') return decnetFromIpv4Net(node, rep, addr);
  if (NOT_IMPLEMENTED.has(proto))
    return void rep.error(
      FLT.badQualifier,
      `${proto} ${word} filtering is not implemented (libpcap has none either)`,
      node.span,
    );
  if (!IP_TYPES.has(proto))
    return void rep.error(
      FLT.badQualifier,
      `'${proto}' does not qualify a ${word}: use ip, arp or rarp (or none)`,
      node.span,
    );
  if (badDir(node, rep, `${word}s`)) return undefined;
  return { kind: 'host', addr: addr >>> 0, mask: mask >>> 0, proto, dir, isNet: node.qual.addr === 'net' };
}

function host6(node: IdNode, rep: Reporter, groups: number[], bits: number): Primitive | undefined {
  const { proto, dir } = node.qual;
  if (proto !== 'default' && proto !== 'ip6')
    return void rep.error(
      FLT.badQualifier,
      `'${proto}' does not qualify an IPv6 ${typeWord(node.qual)}: use ip6 (or none)`,
      node.span,
    );
  if (badDir(node, rep, 'IPv6 addresses')) return undefined;
  const mask = ipv6MaskWords(bits);
  const addr = ipv6Words(groups);
  return { kind: 'host6', addr, mask, proto, dir, isNet: node.qual.addr === 'net' };
}

function protoNumber(node: IdNode, rep: Reporter, name: string): number | undefined {
  const q = node.qual.proto;
  let v: number | undefined;
  if (q === 'default' || q === 'ip' || q === 'ip6') v = lookupIpProtocol(name);
  else if (q === 'link') v = lookupEtherProtocol(name);
  else if (q === 'iso') v = { esis: 0x82, isis: 0x83, clnp: 0x81 }[name];
  if (v === undefined)
    rep.error(
      FLT.unknownProtocolName,
      `unknown protocol name '${name}'`,
      node.valueSpan,
      'write the protocol number instead',
    );
  return v;
}

/** `proto N` / `protochain N` with the qualifier rules of gen_proto and gen_protochain. */
function protoPrimitive(node: IdNode, rep: Reporter, value: number): Primitive | undefined {
  const { proto, addr, dir } = node.qual;
  if (addr === 'protochain') {
    if (proto !== 'default' && proto !== 'ip' && proto !== 'ip6')
      return void rep.error(
        FLT.badQualifier,
        `'protochain' follows IPv4 or IPv6 headers only, not ${proto}`,
        node.span,
      );
    return { kind: 'protochain', value, proto };
  }
  if (dir !== 'default')
    return void rep.error(FLT.badQualifier, "a direction does not apply to 'proto'", node.span);
  if (!['default', 'link', 'ip', 'ip6', 'iso', 'isis'].includes(proto))
    return void rep.error(
      FLT.badQualifier,
      `'${proto} proto' means nothing: ${proto} carries no protocol field`,
      node.span,
    );
  return { kind: 'proto', value, proto };
}

function fromName(node: IdNode, rep: Reporter, name: string): Primitive | undefined {
  const { addr, proto } = node.qual;
  if (addr === 'port' || addr === 'portrange') return namedPort(node, rep, name);
  if (addr === 'proto' || addr === 'protochain') {
    const v = protoNumber(node, rep, name);
    return v === undefined ? undefined : protoPrimitive(node, rep, v);
  }
  if (addr === 'gateway')
    return void rep.error(
      FLT.notSupported,
      "'gateway' needs host name lookups, which bpflab does not do",
      node.span,
    );
  if (proto === 'decnet' && addr !== 'net')
    return void rep.error(
      FLT.unknownHostName,
      `'${name}' is a DECnet node name: libpcap has no DECnet name support, and bpflab does no lookups`,
      node.valueSpan,
      'write the address as area.node, such as 1.2',
    );
  const what = addr === 'net' ? 'network' : proto === 'link' ? 'Ethernet host' : 'host';
  rep.error(
    FLT.unknownHostName,
    `'${name}' is a ${what} name: bpflab does no name lookups (no DNS, hosts or ethers files)`,
    node.valueSpan,
    'write the address instead',
  );
  return undefined;
}

function fromNumber(node: IdNode, rep: Reporter, v: number): Primitive | undefined {
  const { addr } = node.qual;
  if (addr === 'port' || addr === 'portrange') return port(node, rep, v, v, undefined);
  if (addr === 'proto' || addr === 'protochain') return protoPrimitive(node, rep, v);
  if (addr === 'gateway')
    return void rep.error(FLT.badQualifier, "'gateway' takes a host name, not a number", node.span);
  if (node.qual.proto === 'link')
    return void rep.error(FLT.badQualifier, 'a number is no link-layer address', node.valueSpan);
  // gen_ncode: with decnet a number is the address itself, for host and net alike (no promotion).
  if (node.qual.proto === 'decnet') return decnetFromNumber(node, rep, v);
  if (addr === 'net') {
    // gen_ncode: a bare number as a network is its leading bytes (`net 10` is 10.0.0.0/8).
    let a = v;
    let mask = 0xffffffff;
    while (a !== 0 && (a & 0xff000000) === 0) {
      a = (a << 8) >>> 0;
      mask = (mask << 8) >>> 0;
    }
    return host4(node, rep, a, mask);
  }
  return host4(node, rep, v, 0xffffffff);
}

function fromIpv4(node: IdNode, rep: Reporter, text: string): Primitive | undefined {
  const { addr } = node.qual;
  if (addr === 'port' || addr === 'portrange' || addr === 'proto' || addr === 'protochain')
    return void rep.error(
      FLT.badQualifier,
      `'${addr}' needs a number or name, not ${node.qual.proto === 'decnet' ? 'a DECnet' : 'an IPv4'} address`,
      node.span,
    );
  // gen_ncode reads an HID token as area.node when the qualifier is decnet (__pcap_atodn).
  if (node.qual.proto === 'decnet') return decnetFromText(node, rep, text);
  const lit = parseIpv4(text);
  if (!lit)
    return void rep.error(
      FLT.badIpv4,
      `'${text}' is no IPv4 address (each part must be 0 to 255)`,
      node.valueSpan,
    );
  if (addr === 'gateway')
    return void rep.error(FLT.badQualifier, "'gateway' takes a host name, not an address", node.span);
  if (node.qual.proto === 'link')
    return void rep.error(FLT.badQualifier, 'an IPv4 address is no link-layer address', node.valueSpan);
  const shift = 32 - lit.bits;
  if (lit.bits < 32 && addr !== 'net')
    rep.info(
      FLT.partialAddress,
      `'${text}' has ${lit.bits / 8} part(s): libpcap treats it as the network ${text}/${lit.bits}`,
      node.valueSpan,
    );
  const mask = shift === 32 ? 0 : (0xffffffff << shift) >>> 0;
  return host4(node, rep, shift === 32 ? 0 : (lit.value << shift) >>> 0, mask);
}

function fromIpv4Net(
  node: IdNode,
  rep: Reporter,
  value: IdValue & { type: 'ipv4-prefix' | 'ipv4-mask' },
): Primitive | undefined {
  const lit = parseIpv4(value.text);
  if (!lit)
    return void rep.error(
      FLT.badIpv4,
      `'${value.text}' is no IPv4 address (each part must be 0 to 255)`,
      node.valueSpan,
    );
  const n = lit.bits === 32 ? lit.value : (lit.value << (32 - lit.bits)) >>> 0;
  let m: number;
  let shown: string;
  if (value.type === 'ipv4-mask') {
    const ml = parseIpv4(value.mask);
    if (!ml) return void rep.error(FLT.badIpv4, `'${value.mask}' is no IPv4 netmask`, value.maskSpan);
    m = ml.bits === 32 ? ml.value : (ml.value << (32 - ml.bits)) >>> 0;
    shown = `${value.text} mask ${value.mask}`;
  } else {
    if (value.bits > 32)
      return void rep.error(FLT.badMaskLength, `prefix length ${value.bits} is above 32`, value.bitsSpan);
    m = value.bits === 0 ? 0 : (0xffffffff << (32 - value.bits)) >>> 0;
    shown = `${value.text}/${value.bits}`;
  }
  if ((n & ~m) >>> 0 !== 0)
    return void rep.error(FLT.hostBitsSet, `'${shown}' has bits set outside the mask`, node.valueSpan);
  if (node.qual.addr !== 'net')
    return void rep.error(FLT.maskOnHost, `'${shown}' is a network: write 'net ${shown}'`, node.span);
  return host4(node, rep, n, m);
}

function fromIpv6(
  node: IdNode,
  rep: Reporter,
  text: string,
  bits: number,
  bitsGiven: boolean,
): Primitive | undefined {
  const groups = parseIpv6(text);
  if (!groups) return void rep.error(FLT.badIpv6, `'${text}' is no IPv6 address`, node.valueSpan);
  if (bits > 128)
    return void rep.error(FLT.badMaskLength, `prefix length ${bits} is above 128`, node.valueSpan);
  const a = ipv6Words(groups);
  const m = ipv6MaskWords(bits);
  if (a.some((w, i) => (w & ~m[i]!) >>> 0 !== 0))
    return void rep.error(
      FLT.hostBitsSet,
      `'${text}/${bits}' has bits set outside the prefix`,
      node.valueSpan,
    );
  const { addr } = node.qual;
  if ((addr === 'default' || addr === 'host') && bits !== 128)
    return void rep.error(
      FLT.maskOnHost,
      `'${text}/${bits}' is a network: write 'net ${text}/${bits}'`,
      node.span,
    );
  if (addr !== 'default' && addr !== 'host' && addr !== 'net')
    return void rep.error(
      FLT.badQualifier,
      `'${addr}' does not take an IPv6 address${bitsGiven ? ' prefix' : ''}`,
      node.span,
    );
  return host6(node, rep, groups, bits);
}

function fromMac(node: IdNode, rep: Reporter, text: string): Primitive | undefined {
  const { addr, proto, dir } = node.qual;
  if ((addr !== 'host' && addr !== 'default') || proto !== 'link')
    return void rep.error(
      FLT.badQualifier,
      `a MAC address needs 'ether host' (or 'ether src'/'ether dst')`,
      node.span,
    );
  if (WLAN_DIRS.has(dir))
    return void rep.error(FLT.badQualifier, `'${dir}' is only for 802.11 captures`, node.span);
  return { kind: 'ehost', mac: parseMac(text), dir };
}

/** Resolve one `id` node, reporting (and returning undefined) when libpcap would refuse it. */
export function resolveId(node: IdNode, rep: Reporter): Primitive | undefined {
  const v = node.value;
  if (
    node.qual.addr === 'undef' &&
    v.type !== 'ipv6' &&
    v.type !== 'ipv6-prefix' &&
    v.type !== 'mac' &&
    v.type !== 'arcnet'
  ) {
    rep.error(
      FLT.missingQualifier,
      `'${rep.slice(node.valueSpan)}' needs a qualifier such as host, net or port`,
      node.valueSpan,
    );
    return undefined;
  }
  switch (v.type) {
    case 'name':
      return fromName(node, rep, v.text);
    case 'num':
      return fromNumber(node, rep, v.value);
    case 'ipv4':
      return fromIpv4(node, rep, v.text);
    case 'ipv4-prefix':
    case 'ipv4-mask':
      return fromIpv4Net(node, rep, v);
    case 'ipv6':
      return fromIpv6(node, rep, v.text, 128, false);
    case 'ipv6-prefix':
      return fromIpv6(node, rep, v.text, v.bits, true);
    case 'mac':
      return fromMac(node, rep, v.text);
    case 'arcnet':
      return void rep.error(
        FLT.unsupportedOnLinkType,
        '$xx addresses are ARCnet addresses, which exist only on ARCnet captures',
        node.valueSpan,
      );
  }
}
