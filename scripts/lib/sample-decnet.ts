// SPDX-License-Identifier: MIT
/**
 * DECnet Phase IV routing-layer frames over Ethernet (EtherType 0x6003), for the `decnet host`
 * filters: long and short data-packet headers, with and without padding, between several
 * area.node addresses, plus an Endnode Hello (a control message) and a frame captured short.
 *
 * On the wire a Phase IV node address is 16 bits, area (6 bits) above node (10 bits), stored
 * little-endian; a node's MAC address is the HIORD AA-00-04-00 followed by those two bytes. After
 * the Ethernet header comes a 2-byte little-endian length, then optional padding (a first byte with
 * the 0x80 bit set and the pad count in its low 7 bits), then the routing flags byte: bit 0 set for
 * a control message; for data, the low three bits are 010 (short format) or 110 (long format).
 */
import type { PacketToWrite } from '../../src/engine/capture/index.ts';
import { concat, ethernet, mac } from './packets.ts';
import { stamp } from './sample-clock.ts';

/** The DECnet EtherType (DEC DNA routing). */
const ETHERTYPE_DN = 0x6003;
const HIORD = [0xaa, 0x00, 0x04, 0x00];
/** Routing flags: long data format with the intra-Ethernet bit; short data format. */
const LONG = 0x26;
const SHORT = 0x02;
/** Return-to-sender request, set on some long data packets. */
const RQR = 0x10;

/** A Phase IV address `area.node` as its 16-bit value. */
export function dnAddress(area: number, node: number): number {
  return ((area & 0x3f) << 10) | (node & 0x3ff);
}

const le16 = (v: number) => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff);
const nodeId = (addr: number) => Uint8Array.of(...HIORD, addr & 0xff, addr >>> 8);
const nodeMac = (addr: number) => nodeId(addr);

/** `n` bytes of routing-layer padding: the pad bit and count, then filler. */
function padding(n: number): Uint8Array {
  const out = new Uint8Array(n);
  out[0] = 0x80 | n;
  return out;
}

/** An NSP data segment (message flags 0x60: begin and end of message) carrying `text`. */
function nspData(dstPort: number, srcPort: number, segment: number, text: string): Uint8Array {
  const body = Uint8Array.from(text, (c) => c.charCodeAt(0));
  return concat(Uint8Array.of(0x60), le16(dstPort), le16(srcPort), le16(segment & 0xfff), body);
}

/** A long-format data header (21 bytes): areas and subareas 0, full 6-byte node ids. */
function longHeader(dst: number, src: number, flags = LONG): Uint8Array {
  return concat(
    Uint8Array.of(flags, 0, 0),
    nodeId(dst),
    Uint8Array.of(0, 0),
    nodeId(src),
    Uint8Array.of(0, 0, 0, 0),
  );
}

/** A short-format data header (6 bytes): flags, destination, source, forward (visit count). */
function shortHeader(dst: number, src: number): Uint8Array {
  return concat(Uint8Array.of(SHORT), le16(dst), le16(src), Uint8Array.of(0));
}

/** An Ethernet frame carrying a routing-layer message, padded to the 60-byte minimum. */
function frame(dst: Uint8Array, src: Uint8Array, routing: Uint8Array): Uint8Array {
  const payload = concat(le16(routing.length), routing);
  const bytes = ethernet({ dst, src, type: ETHERTYPE_DN, payload });
  return bytes.length >= 60 ? bytes : concat(bytes, new Uint8Array(60 - bytes.length));
}

interface DataPacket {
  dst: number;
  src: number;
  format: 'long' | 'short';
  pad?: number;
  flags?: number;
  text: string;
}

function dataFrame(p: DataPacket, segment: number): Uint8Array {
  const header = p.format === 'long' ? longHeader(p.dst, p.src, p.flags) : shortHeader(p.dst, p.src);
  const routing = concat(
    p.pad ? padding(p.pad) : new Uint8Array(0),
    header,
    nspData(0x4101 + segment, 0x2001, segment, p.text),
  );
  return frame(nodeMac(p.dst), nodeMac(p.src), routing);
}

/** An Endnode Hello from `src` to the all-routers multicast (a control message, flags 0x0D). */
function endnodeHello(src: number): Uint8Array {
  const routing = concat(
    Uint8Array.of(0x0d, 2, 0, 0),
    nodeId(src),
    Uint8Array.of(0x03),
    le16(1498),
    Uint8Array.of(0),
    new Uint8Array(8),
    new Uint8Array(6),
    le16(15),
    Uint8Array.of(0, 0),
  );
  return frame(mac('ab:00:00:03:00:00'), nodeMac(src), routing);
}

/** The data packets, in capture order; pads of 2, 4 and 6 are the ones libpcap's test misreads. */
const DATA: readonly DataPacket[] = [
  { dst: dnAddress(10, 15), src: dnAddress(1, 2), format: 'long', text: 'HELLO' },
  { dst: dnAddress(1, 2), src: dnAddress(10, 15), format: 'long', flags: LONG | RQR, text: 'WORLD' },
  { dst: dnAddress(63, 1023), src: dnAddress(2, 3), format: 'long', pad: 1, text: 'PAD1' },
  { dst: dnAddress(2, 3), src: dnAddress(1, 1), format: 'short', text: 'SHORT' },
  { dst: dnAddress(1, 1), src: dnAddress(63, 1023), format: 'short', pad: 1, text: 'SPAD1' },
  { dst: dnAddress(10, 15), src: dnAddress(1, 2), format: 'long', pad: 2, text: 'PAD2' },
  { dst: dnAddress(1, 2), src: dnAddress(10, 15), format: 'short', pad: 4, text: 'PAD4' },
  { dst: dnAddress(2, 3), src: dnAddress(63, 1023), format: 'long', pad: 6, text: 'PAD6' },
];

/**
 * The frames of decnet.pcap, stamped. The last is captured only up to byte 26: its destination
 * address (bytes 23-24) is there, its source (31-32) is not, so a load of it fails.
 */
export function decnetPackets(): PacketToWrite[] {
  const frames = [
    ...DATA.map((p, i) => dataFrame(p, i + 1)),
    endnodeHello(dnAddress(1, 2)),
    dataFrame({ dst: dnAddress(1, 1), src: dnAddress(2, 3), format: 'long', text: 'CUT' }, 9),
  ];
  const packets = stamp(frames);
  const last = packets.at(-1)!;
  packets[packets.length - 1] = { ...last, bytes: last.bytes.subarray(0, 26), wireLength: last.bytes.length };
  return packets;
}
