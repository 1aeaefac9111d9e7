// SPDX-License-Identifier: MIT
/**
 * Synthetic traffic for benchmarks: a seeded, deterministic stream of real Ethernet frames (every
 * sample story's frames as templates, correct checksums: IPv4 and IPv6, TCP, DNS and other UDP,
 * ICMP, ARP, 802.1Q-tagged frames, fragments, tunnels) with increasing timestamps, and optionally
 * now and then a record cut by a small snaplen. Written with the engine's pcap/pcapng writers.
 */
import {
  LINKTYPE_EN10MB,
  type PacketToWrite,
  writePcap,
  writePcapng,
} from '../../src/engine/capture/index.ts';
import { createRng } from '../../src/testkit/rng.ts';
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
  /**
   * Cut every `truncateEvery`-th record (the last of each run of that many) to 54, 68 or 96 bytes
   * in turn, as an old `tcpdump -s 68`/`-s 96` capture has them (default: no cut records).
   */
  truncateEvery?: number;
}

/** The snapshot lengths the cut records are cut to, in turn. */
const CUTS = [54, 68, 96];

/** Build a capture of `count` packets drawn from the templates. */
export function syntheticCapture(count: number, options: SyntheticOptions = {}): Uint8Array {
  const templates = trafficTemplates();
  const rng = createRng(options.seed ?? 1);
  const every = options.truncateEvery ?? 0;
  const picks = new Uint16Array(count);
  for (let i = 0; i < count; i++) picks[i] = rng.int(0, templates.length - 1);
  const packets: PacketToWrite[] = new Array(count);
  let tsSec = options.startSec ?? 1_700_000_000;
  let tsNsec = 0;
  for (let i = 0; i < count; i++) {
    const frame = templates[picks[i]!]!;
    tsNsec += 1000 + rng.int(0, 199_999); // 1 µs to 200 µs apart
    if (tsNsec >= 1_000_000_000) [tsSec, tsNsec] = [tsSec + 1, tsNsec - 1_000_000_000];
    const cut = every > 0 && i % every === every - 1 ? CUTS[Math.floor(i / every) % CUTS.length]! : 0;
    const bytes = cut > 0 && cut < frame.length ? frame.subarray(0, cut) : frame;
    packets[i] = { bytes, wireLength: frame.length, tsSec, tsNsec };
  }
  return options.format === 'pcapng'
    ? writePcapng(packets, { interfaces: [{ linkType: LINKTYPE_EN10MB, tsresol: 9 }] })
    : writePcap(packets, { linkType: LINKTYPE_EN10MB, nanosecond: true });
}
