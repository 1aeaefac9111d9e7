// SPDX-License-Identifier: MIT
/**
 * Synthetic traffic for benchmarks: a seeded, deterministic stream of real Ethernet frames (every
 * sample story's frames as templates, correct checksums) with increasing timestamps, written
 * straight into one buffer so a 1M-packet capture builds in about a second.
 */
import * as scenes from './sample-scenes.ts';

/** Every Ethernet frame of the sample stories, in a fixed order. */
export function trafficTemplates(): Uint8Array[] {
  return [
    ...scenes.dnsScene(),
    ...scenes.tcpScene(),
    ...scenes.icmpScene(),
    ...scenes.icmpv6Scene(),
    ...scenes.arpScene(),
    ...scenes.vlanScene(),
    ...scenes.ipv6ExtensionScene(),
    ...scenes.ipv4FragmentScene(),
    ...scenes.tunnelScene(),
    ...scenes.sctpScene(),
    ...scenes.igmpScene(),
    ...scenes.dualStackScene(),
  ];
}

/** Options of {@link syntheticCapture}. */
export interface SyntheticOptions {
  /** PRNG seed (default 1): the same seed gives the same bytes. */
  seed?: number;
  /** `pcap` (default, nanosecond, little-endian) or `pcapng` (one Ethernet interface, ns). */
  format?: 'pcap' | 'pcapng';
  /** First timestamp in seconds (default 1700000000). */
  startSec?: number;
}

/** mulberry32: a small seeded PRNG, so runs are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Build a capture of `count` packets drawn from the templates. */
export function syntheticCapture(count: number, options: SyntheticOptions = {}): Uint8Array {
  const templates = trafficTemplates();
  const random = prng(options.seed ?? 1);
  const picks = new Uint16Array(count);
  const pcapng = options.format === 'pcapng';
  const perPacket = pcapng ? 32 : 16;
  let total = pcapng ? 28 + 20 + 12 : 24; // SHB, IDB with if_tsresol option, or the pcap header
  for (let i = 0; i < count; i++) {
    const k = Math.floor(random() * templates.length);
    picks[i] = k;
    total += perPacket + pad(templates[k]!.length, pcapng);
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = pcapng ? writeNgHeader(view) : writePcapHeader(view);
  let ns = BigInt(options.startSec ?? 1_700_000_000) * 1_000_000_000n;
  let nsNumber = 0; // offset from the start, kept as a number while it is exact
  for (let i = 0; i < count; i++) {
    const frame = templates[picks[i]!]!;
    nsNumber += 1000 + Math.floor(random() * 200_000); // 1 µs to 200 µs apart
    const t = ns + BigInt(nsNumber);
    if (nsNumber > 2 ** 50) [ns, nsNumber] = [t, 0];
    at = pcapng ? writeEpb(view, out, at, frame, t) : writeRecord(view, out, at, frame, t);
  }
  return out;
}

function pad(n: number, pcapng: boolean): number {
  return pcapng ? (n + 3) & ~3 : n;
}

function writePcapHeader(v: DataView): number {
  v.setUint32(0, 0xa1b23c4d, true); // nanosecond magic
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 262144, true);
  v.setUint32(20, 1, true);
  return 24;
}

function writeRecord(v: DataView, out: Uint8Array, at: number, frame: Uint8Array, t: bigint): number {
  v.setUint32(at, Number(t / 1_000_000_000n), true);
  v.setUint32(at + 4, Number(t % 1_000_000_000n), true);
  v.setUint32(at + 8, frame.length, true);
  v.setUint32(at + 12, frame.length, true);
  out.set(frame, at + 16);
  return at + 16 + frame.length;
}

function writeNgHeader(v: DataView): number {
  // Section Header Block, little-endian, version 1.0, unknown section length.
  v.setUint32(0, 0x0a0d0d0a, true);
  v.setUint32(4, 28, true);
  v.setUint32(8, 0x1a2b3c4d, true);
  v.setUint16(12, 1, true);
  v.setInt32(16, -1, true);
  v.setInt32(20, -1, true);
  v.setUint32(24, 28, true);
  // Interface Description Block: Ethernet, snaplen 262144, if_tsresol 9 (nanoseconds).
  v.setUint32(28, 1, true);
  v.setUint32(32, 32, true);
  v.setUint16(36, 1, true);
  v.setUint32(40, 262144, true);
  v.setUint16(44, 9, true);
  v.setUint16(46, 1, true);
  v.setUint8(48, 9);
  v.setUint32(52, 0, true); // opt_endofopt
  v.setUint32(56, 32, true);
  return 60;
}

function writeEpb(v: DataView, out: Uint8Array, at: number, frame: Uint8Array, t: bigint): number {
  const length = 32 + pad(frame.length, true);
  v.setUint32(at, 6, true);
  v.setUint32(at + 4, length, true);
  v.setUint32(at + 8, 0, true);
  v.setUint32(at + 12, Number(t >> 32n), true);
  v.setUint32(at + 16, Number(t & 0xffffffffn), true);
  v.setUint32(at + 20, frame.length, true);
  v.setUint32(at + 24, frame.length, true);
  out.set(frame, at + 28);
  v.setUint32(at + length - 4, length, true);
  return at + length;
}
