// SPDX-License-Identifier: MIT
/**
 * Deterministic synthetic traffic for the benchmark: Ethernet frames in a realistic mix (IPv4 and
 * IPv6 TCP, DNS and other UDP, ICMP, ARP, 802.1Q-tagged frames, the odd IPv4 fragment), with
 * realistic sizes (many small ACKs and queries, some full-size segments), and now and then a record
 * truncated by a small snaplen. Addresses and ports come from small pools so filters match some
 * packets and not others.
 */
import type { Rng } from '../src/testkit/random-program.ts';

/** One generated frame: captured bytes and the length it had on the wire. */
export interface Frame {
  bytes: Uint8Array;
  wireLength: number;
}

const NOISE = new Uint8Array(1 << 16);
const IPV4_HOSTS = [
  [10, 0, 0, 1],
  [10, 0, 0, 2],
  [10, 0, 1, 7],
  [192, 168, 1, 10],
  [192, 168, 1, 20],
  [172, 16, 0, 1],
  [8, 8, 8, 8],
  [1, 1, 1, 1],
  [93, 184, 216, 34],
  [151, 101, 1, 69],
  [140, 82, 121, 4],
  [203, 0, 113, 9],
];
const SERVER_TCP_PORTS = [80, 443, 443, 443, 22, 8080, 25, 993, 1500, 3306];
const TRUNCATE_EVERY = 4999;

function fillNoise(seed: Rng): void {
  for (let i = 0; i < NOISE.length; i++) NOISE[i] = seed.u32() & 0xff;
}

/** Writes big-endian fields into a reusable scratch buffer. */
class FrameWriter {
  readonly buf = new Uint8Array(2048);
  readonly view = new DataView(this.buf.buffer);
  at = 0;
  reset(): this {
    this.at = 0;
    return this;
  }
  u8(v: number): this {
    this.buf[this.at++] = v;
    return this;
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0);
    this.at += 4;
    return this;
  }
  bytes(b: ArrayLike<number>): this {
    this.buf.set(b, this.at);
    this.at += b.length;
    return this;
  }
  noise(rng: Rng, n: number): this {
    const from = rng.int(0, NOISE.length - n);
    return this.bytes(NOISE.subarray(from, from + n));
  }
}

function ethernet(w: FrameWriter, rng: Rng, etherType: number, vlan: boolean, broadcast = false): void {
  w.bytes(broadcast ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [0x02, 0, 0, 0, 0, rng.int(1, 16)]);
  w.bytes([0x02, 0, 0, 0, 1, rng.int(1, 16)]);
  if (vlan) w.u16(0x8100).u16(rng.int(1, 4094));
  w.u16(etherType);
}

function ipv4(w: FrameWriter, rng: Rng, proto: number, payloadLength: number): void {
  const fragment = rng.chance(0.01) ? rng.pick([0x2000, 0x00b9, 0x20b9]) : 0x4000;
  w.u8(0x45)
    .u8(0)
    .u16(20 + payloadLength)
    .u16(rng.int(0, 0xffff))
    .u16(fragment);
  w.u8(rng.pick([64, 128, 255, 57]))
    .u8(proto)
    .u16(rng.int(0, 0xffff));
  w.bytes(rng.pick(IPV4_HOSTS)).bytes(rng.pick(IPV4_HOSTS));
}

function ipv6(w: FrameWriter, rng: Rng, next: number, payloadLength: number): void {
  w.u32(0x60000000 | rng.int(0, 0xfffff))
    .u16(payloadLength)
    .u8(next)
    .u8(64);
  for (let i = 0; i < 2; i++) {
    w.bytes(
      rng.chance(0.3) ? [0xfe, 0x80, 0, 0, 0, 0, 0, 0] : [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, rng.int(0, 3)],
    );
    w.u32(0).u32(rng.int(1, 40));
  }
}

/** A TCP segment: header (with options) and `dataLength` bytes of payload. */
function tcp(w: FrameWriter, rng: Rng, dataLength: number): void {
  const server = rng.pick(SERVER_TCP_PORTS);
  const client = rng.int(32768, 60999);
  const outbound = rng.chance(0.5);
  const r = rng.int(0, 99);
  const flags = r < 3 ? 0x02 : r < 6 ? 0x12 : r < 8 ? 0x11 : r < 9 ? 0x04 : dataLength > 0 ? 0x18 : 0x10;
  const options = flags & 0x02 ? 20 : 12;
  w.u16(outbound ? client : server)
    .u16(outbound ? server : client)
    .u32(rng.u32())
    .u32(rng.u32());
  w.u8(((20 + options) / 4) << 4)
    .u8(flags)
    .u16(rng.int(500, 65535))
    .u16(rng.int(0, 0xffff))
    .u16(0);
  w.noise(rng, options).noise(rng, dataLength);
}

function tcpLength(rng: Rng): number {
  const r = rng.int(0, 9);
  return r < 5 ? 0 : r < 7 ? rng.int(1, 300) : r < 9 ? 1448 : rng.int(300, 1448);
}

/** UDP datagram (header + payload) of some well-known kind. */
function udp(w: FrameWriter, rng: Rng): void {
  const r = rng.int(0, 99);
  const [port, length] =
    r < 55
      ? [53, rng.chance(0.5) ? rng.int(28, 60) : rng.int(60, 400)]
      : r < 70
        ? [443, rng.int(1200, 1350)]
        : r < 78
          ? [123, 48]
          : r < 84
            ? [rng.pick([67, 68]), 300]
            : r < 90
              ? [514, rng.int(40, 200)]
              : [rng.int(5000, 6000), rng.int(20, 1000)];
  const high = rng.int(1024, 65535);
  const query = rng.chance(0.5);
  w.u16(query ? high : port)
    .u16(query ? port : high)
    .u16(8 + length)
    .u16(rng.int(0, 0xffff));
  w.noise(rng, length);
}

function icmp(w: FrameWriter, rng: Rng, v6: boolean): void {
  const type = v6 ? rng.pick([128, 129, 135, 136]) : rng.pick([8, 0, 3, 11]);
  w.u8(type)
    .u8(0)
    .u16(rng.int(0, 0xffff))
    .u32(rng.u32())
    .noise(rng, v6 && type >= 135 ? 24 : 56);
}

/** Write the transport part into a scratch writer and return its bytes (for the length fields). */
function transport(rng: Rng, kind: 'tcp' | 'udp' | 'icmp' | 'icmp6'): Uint8Array {
  const t = BODY.reset();
  if (kind === 'tcp') tcp(t, rng, tcpLength(rng));
  else if (kind === 'udp') udp(t, rng);
  else icmp(t, rng, kind === 'icmp6');
  return t.buf.subarray(0, t.at);
}

const PROTO = { tcp: 6, udp: 17, icmp: 1, icmp6: 58 } as const;
/** Scratch writers, reused for every frame (the result is copied out). */
const FRAME = new FrameWriter();
const BODY = new FrameWriter();

function ipFrame(w: FrameWriter, rng: Rng, v6: boolean, vlan: boolean): void {
  const r = rng.int(0, 99);
  const kind = r < 55 ? 'tcp' : r < 88 ? 'udp' : v6 ? 'icmp6' : 'icmp';
  const body = transport(rng, kind);
  ethernet(w, rng, v6 ? 0x86dd : 0x0800, vlan);
  if (v6) ipv6(w, rng, PROTO[kind], body.length);
  else ipv4(w, rng, PROTO[kind], body.length);
  w.bytes(body);
}

function arp(w: FrameWriter, rng: Rng): void {
  const request = rng.chance(0.6);
  ethernet(w, rng, 0x0806, false, request);
  w.u16(1)
    .u16(0x0800)
    .u8(6)
    .u8(4)
    .u16(request ? 1 : 2);
  w.bytes([0x02, 0, 0, 0, 1, rng.int(1, 16)]).bytes(rng.pick(IPV4_HOSTS));
  w.bytes([0, 0, 0, 0, 0, 0]).bytes(rng.pick(IPV4_HOSTS));
}

/** Seed the payload noise; call once before generating. */
export function startTraffic(rng: Rng): void {
  fillNoise(rng);
}

/** Frame number `index` of the mix (about 55% IPv4, 18% IPv6, 16% VLAN-tagged IPv4, 4% ARP). */
export function makeFrame(rng: Rng, index: number): Frame {
  const w = FRAME.reset();
  const r = rng.int(0, 999);
  if (r < 620) ipFrame(w, rng, false, false);
  else if (r < 800) ipFrame(w, rng, true, false);
  else if (r < 840) arp(w, rng);
  else ipFrame(w, rng, false, true);
  while (w.at < 60) w.u8(0); // Ethernet minimum frame (without FCS)
  const wireLength = w.at;
  // A few records cut by a small snaplen, as an old `tcpdump -s 68`/`-s 96` capture has them.
  const caplen =
    index % TRUNCATE_EVERY === TRUNCATE_EVERY - 1 ? Math.min(wireLength, rng.pick([54, 68, 96])) : wireLength;
  return { bytes: w.buf.slice(0, caplen), wireLength };
}
