// SPDX-License-Identifier: MIT
/**
 * Packet builders for the sample captures and the benchmark's synthetic traffic: link layers
 * (Ethernet with 802.1Q/802.1ad tags, Linux cooked v1/v2, BSD NULL/LOOP), IPv4 with its header
 * checksum, IPv6 with extension headers, and TCP/UDP/ICMP/ICMPv6/ARP/GRE/VXLAN/SCTP/IGMP with
 * correct checksums. Every builder returns fresh bytes and is deterministic.
 */
import { concat, ipAddress, ipv4, mac, u16, u32 } from './bytes.ts';
import { crc32c, internetChecksum } from './checksums.ts';

export { ascii, concat, ipAddress, ipv4, ipv6, mac, u16, u32 } from './bytes.ts';
export { crc32c, internetChecksum } from './checksums.ts';
export * from './dns.ts';

/** EtherTypes used by the builders. */
export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  QINQ: 0x88a8,
  IPV6: 0x86dd,
  TEB: 0x6558,
} as const;

/** IP protocol / IPv6 next-header numbers used by the builders. */
export const IPPROTO = {
  HOPOPTS: 0,
  ICMP: 1,
  IGMP: 2,
  TCP: 6,
  UDP: 17,
  ROUTING: 43,
  FRAGMENT: 44,
  GRE: 47,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
  SCTP: 132,
} as const;

type Addr = string | Uint8Array;
const bytesOf = (a: Addr, parse: (s: string) => Uint8Array) => (typeof a === 'string' ? parse(a) : a);

/** An 802.1Q or 802.1ad tag. */
export interface VlanTag {
  /** Tag protocol id: 0x8100 (802.1Q, default) or 0x88a8 (802.1ad outer tag). */
  tpid?: number;
  vid: number;
  pcp?: number;
  dei?: boolean;
}

/** An Ethernet II frame, with VLAN tags (outermost first) between the addresses and the type. */
export function ethernet(o: { dst: Addr; src: Addr; type: number; payload: Uint8Array; tags?: VlanTag[] }) {
  const tags = (o.tags ?? []).map((t) =>
    concat(u16(t.tpid ?? ETHERTYPE.VLAN), u16(((t.pcp ?? 0) << 13) | (t.dei ? 0x1000 : 0) | (t.vid & 0xfff))),
  );
  return concat(bytesOf(o.dst, mac), bytesOf(o.src, mac), ...tags, u16(o.type), o.payload);
}

/** Options of {@link ipv4Packet}. */
export interface Ipv4Options {
  src: string;
  dst: string;
  protocol: number;
  payload: Uint8Array;
  ttl?: number;
  id?: number;
  tos?: number;
  dontFragment?: boolean;
  moreFragments?: boolean;
  /** Fragment offset in bytes (a multiple of 8). */
  fragmentOffset?: number;
  /** Header options, padded here to a multiple of 4. */
  options?: Uint8Array;
}

/** An IPv4 packet with a correct header checksum. */
export function ipv4Packet(o: Ipv4Options): Uint8Array {
  const opts = o.options ?? new Uint8Array(0);
  const optLen = Math.ceil(opts.length / 4) * 4;
  const header = new Uint8Array(20 + optLen);
  header[0] = 0x40 | ((20 + optLen) / 4);
  header[1] = o.tos ?? 0;
  header.set(u16(header.length + o.payload.length), 2);
  header.set(u16(o.id ?? 0), 4);
  const flags = (o.dontFragment ? 0x4000 : 0) | (o.moreFragments ? 0x2000 : 0);
  header.set(u16(flags | ((o.fragmentOffset ?? 0) / 8)), 6);
  header[8] = o.ttl ?? 64;
  header[9] = o.protocol;
  header.set(ipv4(o.src), 12);
  header.set(ipv4(o.dst), 16);
  header.set(opts, 20);
  header.set(u16(internetChecksum(header)), 10);
  return concat(header, o.payload);
}

/** An IPv6 extension header. */
export type Ipv6Extension =
  | { kind: 'hop-by-hop' | 'destination'; options?: Uint8Array }
  | { kind: 'routing'; routingType?: number; segmentsLeft?: number; addresses?: string[] }
  | { kind: 'fragment'; offset: number; more: boolean; id: number };

/** Options of {@link ipv6Packet}. */
export interface Ipv6Options {
  src: string;
  dst: string;
  /** The upper-layer protocol after any extension headers. */
  nextHeader: number;
  payload: Uint8Array;
  hopLimit?: number;
  trafficClass?: number;
  flowLabel?: number;
  extensions?: Ipv6Extension[];
}

/** An IPv6 packet, with its extension headers chained in the given order. */
export function ipv6Packet(o: Ipv6Options): Uint8Array {
  const exts = o.extensions ?? [];
  const codes = exts.map(extensionCode);
  const chain = exts.map((e, i) => extensionHeader(e, codes[i + 1] ?? o.nextHeader));
  const body = concat(...chain, o.payload);
  const header = new Uint8Array(40);
  const tc = o.trafficClass ?? 0;
  header.set(u32((6 << 28) | (tc << 20) | ((o.flowLabel ?? 0) & 0xfffff)), 0);
  header.set(u16(body.length), 4);
  header[6] = codes[0] ?? o.nextHeader;
  header[7] = o.hopLimit ?? 64;
  header.set(ipAddress(o.src), 8);
  header.set(ipAddress(o.dst), 24);
  return concat(header, body);
}

function extensionCode(e: Ipv6Extension): number {
  if (e.kind === 'hop-by-hop') return IPPROTO.HOPOPTS;
  if (e.kind === 'destination') return IPPROTO.DSTOPTS;
  if (e.kind === 'routing') return IPPROTO.ROUTING;
  return IPPROTO.FRAGMENT;
}

/** One extension header, padded to a multiple of 8 bytes (PadN option or zero padding). */
function extensionHeader(e: Ipv6Extension, next: number): Uint8Array {
  if (e.kind === 'fragment') {
    return concat(Uint8Array.of(next, 0), u16((e.offset & ~7) | (e.more ? 1 : 0)), u32(e.id));
  }
  if (e.kind === 'routing') {
    const addrs = (e.addresses ?? []).map(ipAddress);
    const body = concat(u32(0), ...addrs);
    return concat(
      Uint8Array.of(next, (body.length + 4 - 8) / 8, e.routingType ?? 0, e.segmentsLeft ?? 0),
      body,
    );
  }
  const opts = e.options ?? new Uint8Array(0);
  const total = Math.ceil((opts.length + 2) / 8) * 8;
  const pad = total - 2 - opts.length;
  // RFC 8200 §4.2: Pad1 is a single zero byte; PadN is type 1, length, zeros.
  const padding =
    pad === 0
      ? new Uint8Array(0)
      : pad === 1
        ? Uint8Array.of(0)
        : concat(Uint8Array.of(1, pad - 2), new Uint8Array(pad - 2));
  return concat(Uint8Array.of(next, total / 8 - 1), opts, padding);
}

/** The pseudo-header transport checksums cover (RFC 768/793 for IPv4, RFC 8200 §8.1 for IPv6). */
function pseudoHeader(src: string, dst: string, protocol: number, length: number): Uint8Array {
  const s = ipAddress(src);
  const d = ipAddress(dst);
  if (s.length === 4) return concat(s, d, Uint8Array.of(0, protocol), u16(length));
  return concat(s, d, u32(length), Uint8Array.of(0, 0, 0, protocol));
}

/** A UDP datagram with its checksum over the pseudo-header. */
export function udp(o: { src: string; dst: string; srcPort: number; dstPort: number; payload: Uint8Array }) {
  const seg = concat(u16(o.srcPort), u16(o.dstPort), u16(8 + o.payload.length), u16(0), o.payload);
  const sum = internetChecksum(pseudoHeader(o.src, o.dst, IPPROTO.UDP, seg.length), seg);
  seg.set(u16(sum === 0 ? 0xffff : sum), 6);
  return seg;
}

/** TCP flag bits by their usual letters. */
const TCP_FLAGS: Record<string, number> = {
  F: 0x01,
  S: 0x02,
  R: 0x04,
  P: 0x08,
  A: 0x10,
  U: 0x20,
  E: 0x40,
  C: 0x80,
};

/** Options of {@link tcp}. */
export interface TcpOptions {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack?: number;
  /** Flags as letters (`'SA'`, `'PA'`, `'FA'`) or a number. */
  flags: string | number;
  window?: number;
  payload?: Uint8Array;
  /** TCP options, padded here to a multiple of 4. */
  options?: Uint8Array;
}

/** A TCP segment with its checksum. */
export function tcp(o: TcpOptions): Uint8Array {
  const flags =
    typeof o.flags === 'number' ? o.flags : [...o.flags].reduce((f, c) => f | (TCP_FLAGS[c] ?? 0), 0);
  const opts = o.options ?? new Uint8Array(0);
  const optLen = Math.ceil(opts.length / 4) * 4;
  const header = new Uint8Array(20 + optLen);
  header.set(u16(o.srcPort), 0);
  header.set(u16(o.dstPort), 2);
  header.set(u32(o.seq), 4);
  header.set(u32(o.ack ?? 0), 8);
  header[12] = ((20 + optLen) / 4) << 4;
  header[13] = flags;
  header.set(u16(o.window ?? 65535), 14);
  header.set(opts, 20);
  const seg = concat(header, o.payload ?? new Uint8Array(0));
  seg.set(u16(internetChecksum(pseudoHeader(o.src, o.dst, IPPROTO.TCP, seg.length), seg)), 16);
  return seg;
}

/** An ICMP message: type, code, the 4-byte rest of header (id and sequence for echo), data. */
export function icmp(o: {
  type: number;
  code?: number;
  rest?: Uint8Array;
  payload?: Uint8Array;
}): Uint8Array {
  const msg = concat(
    Uint8Array.of(o.type, o.code ?? 0, 0, 0),
    o.rest ?? new Uint8Array(4),
    o.payload ?? new Uint8Array(0),
  );
  msg.set(u16(internetChecksum(msg)), 2);
  return msg;
}

/** An ICMPv6 message with its pseudo-header checksum; `body` is everything after the checksum. */
export function icmpv6(o: { src: string; dst: string; type: number; code?: number; body: Uint8Array }) {
  const msg = concat(Uint8Array.of(o.type, o.code ?? 0, 0, 0), o.body);
  msg.set(u16(internetChecksum(pseudoHeader(o.src, o.dst, IPPROTO.ICMPV6, msg.length), msg)), 2);
  return msg;
}

/** An ARP packet for Ethernet and IPv4 (op 1 request, 2 reply). */
export function arp(o: {
  op: number;
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}) {
  return concat(
    u16(1),
    u16(ETHERTYPE.IPV4),
    Uint8Array.of(6, 4),
    u16(o.op),
    mac(o.senderMac),
    ipv4(o.senderIp),
    mac(o.targetMac),
    ipv4(o.targetIp),
  );
}

/** A GRE header (RFC 2784/2890) with an optional key, followed by the payload. */
export function gre(o: { protocol: number; payload: Uint8Array; key?: number }): Uint8Array {
  const flags = o.key === undefined ? 0 : 0x2000;
  return concat(u16(flags), u16(o.protocol), o.key === undefined ? new Uint8Array(0) : u32(o.key), o.payload);
}

/** A VXLAN header (RFC 7348: flags with the I bit, 24-bit VNI) followed by the inner frame. */
export function vxlan(o: { vni: number; payload: Uint8Array }): Uint8Array {
  return concat(Uint8Array.of(0x08, 0, 0, 0), u32((o.vni & 0xffffff) << 8), o.payload);
}

/** One SCTP chunk: type, flags, length, value padded to 4. */
export function sctpChunk(type: number, flags: number, value: Uint8Array): Uint8Array {
  const pad = (4 - (value.length % 4)) % 4;
  return concat(Uint8Array.of(type, flags), u16(4 + value.length), value, new Uint8Array(pad));
}

/** An SCTP packet: common header with CRC-32C over the whole packet (RFC 9260 appendix A). */
export function sctp(o: { srcPort: number; dstPort: number; verificationTag: number; chunks: Uint8Array[] }) {
  const pkt = concat(u16(o.srcPort), u16(o.dstPort), u32(o.verificationTag), u32(0), ...o.chunks);
  const crc = crc32c(pkt);
  // The CRC is stored least significant byte first (RFC 9260 appendix A).
  pkt.set(Uint8Array.of(crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24), 8);
  return pkt;
}

/** An IGMPv2 message (0x11 query, 0x16 report, 0x17 leave) with its checksum. */
export function igmp(o: { type: number; maxResponse?: number; group: string }): Uint8Array {
  const msg = concat(Uint8Array.of(o.type, o.maxResponse ?? 0, 0, 0), ipv4(o.group));
  msg.set(u16(internetChecksum(msg)), 2);
  return msg;
}

/** A Linux cooked v1 header (LINKTYPE_LINUX_SLL) followed by the payload. */
export function linuxSll(o: {
  packetType: number;
  arphrd?: number;
  address: string;
  protocol: number;
  payload: Uint8Array;
}) {
  const addr = new Uint8Array(8);
  const m = mac(o.address);
  addr.set(m);
  return concat(u16(o.packetType), u16(o.arphrd ?? 1), u16(m.length), addr, u16(o.protocol), o.payload);
}

/** A Linux cooked v2 header (LINKTYPE_LINUX_SLL2) followed by the payload. */
export function linuxSll2(o: {
  protocol: number;
  ifindex: number;
  arphrd?: number;
  packetType: number;
  address: string;
  payload: Uint8Array;
}) {
  const addr = new Uint8Array(8);
  const m = mac(o.address);
  addr.set(m);
  const head = concat(
    u16(o.protocol),
    u16(0),
    u32(o.ifindex),
    u16(o.arphrd ?? 1),
    Uint8Array.of(o.packetType, m.length),
  );
  return concat(head, addr, o.payload);
}

/** A BSD NULL header: the address family as a 4-byte word in the writer's byte order. */
export function bsdNull(family: number, payload: Uint8Array, littleEndian = true): Uint8Array {
  const fam = u32(family);
  return concat(littleEndian ? fam.reverse() : fam, payload);
}

/** An OpenBSD LOOP header: the address family as a big-endian 4-byte word. */
export function bsdLoop(family: number, payload: Uint8Array): Uint8Array {
  return concat(u32(family), payload);
}
