// SPDX-License-Identifier: MIT
/**
 * The pcapng samples: two interfaces of different link types in one section, and a tour of every
 * block type across two sections of opposite byte order.
 */
import { PcapngBuilder, writePcapng } from '../../src/engine/capture/index.ts';
import { ascii, concat, ipv4, ipv6, u32 } from './packets.ts';
import { SAMPLE_EPOCH, stamp } from './sample-clock.ts';
import { ipPackets, linkTypeSamples } from './sample-linktypes.ts';
import { arpScene, dnsScene, icmpScene } from './sample-scenes.ts';

/** epb_flags direction values (pcapng spec): inbound 1, outbound 2. */
const INBOUND = 1;
const OUTBOUND = 2;

/** eth0 (Ethernet, nanoseconds) and tun0 (raw IP, microseconds), interleaved, with comments. */
export function twoInterfaces(): Uint8Array {
  const eth = stamp(dnsScene().slice(0, 4), SAMPLE_EPOCH, 10_000_000);
  const tun = stamp(ipPackets().all, SAMPLE_EPOCH, 10_000_000).map((p) => ({
    ...p,
    tsNsec: (p.tsNsec ?? 0) + 5_000_000,
  }));
  const packets = eth.flatMap((p, i) => {
    const a = { ...p, interfaceId: 0, flags: i % 2 === 0 ? OUTBOUND : INBOUND };
    const b = tun[i] ? [{ ...tun[i], interfaceId: 1, flags: i % 2 === 0 ? OUTBOUND : INBOUND }] : [];
    return [i === 0 ? { ...a, comment: 'the first DNS query, seen on the Ethernet side' } : a, ...b];
  });
  for (const p of tun.slice(eth.length)) packets.push({ ...p, interfaceId: 1, flags: INBOUND });
  return writePcapng(packets, {
    comment: 'one section, two interfaces of different link types (EN10MB and RAW)',
    interfaces: [
      { linkType: 1, name: 'eth0', description: 'documentation LAN', tsresol: 9, filter: 'udp port 53' },
      { linkType: 101, name: 'tun0', description: 'VPN tunnel (raw IP)', tsresol: 6 },
    ],
  });
}

/**
 * Every block type: section 1 (little-endian) has SHB, IDB with 2^-20 s timestamps, NRB, EPB with a
 * comment and flags, SPB, OPB, ISB, DSB and an unknown block; section 2 (big-endian) restarts
 * interface ids with a Linux cooked interface.
 */
export function blocksTour(): Uint8Array {
  const frames = stamp([...dnsScene().slice(0, 2), ...arpScene().slice(0, 2), ...icmpScene().slice(0, 2)]);
  const resol = 0x80 | 20; // 2^-20 s units
  const b = new PcapngBuilder()
    .sectionHeader([
      { code: 1, value: 'section 1: little-endian, every block type' },
      { code: 2, value: 'documentation hardware' },
      { code: 3, value: 'documentation OS' },
      { code: 4, value: 'bpflab make-samples' },
    ])
    .interfaceDescription(1, 262144, [
      { code: 2, value: 'eth0' },
      { code: 9, value: Uint8Array.of(resol) },
    ])
    .nameResolution([
      { address: ipv4('198.51.100.53'), names: ['ns1.example.com'] },
      { address: ipv6('2001:db8:80::80'), names: ['web.example.com', 'www.example.com'] },
    ]);
  const epb = (i: number, options: { code: number; value: Uint8Array | string }[] = []) => {
    const f = frames[i]!;
    b.enhancedPacket({
      interfaceId: 0,
      bytes: f.bytes,
      tsSec: f.tsSec!,
      tsNsec: f.tsNsec!,
      tsresol: resol,
      options,
    });
  };
  epb(0, [
    { code: 1, value: 'an EPB with a comment and epb_flags (outbound)' },
    { code: 2, value: u32le(OUTBOUND) },
  ]);
  epb(1, [{ code: 2, value: u32le(INBOUND) }]);
  b.simplePacket(frames[2]!.bytes);
  const f3 = frames[3]!;
  b.obsoletePacket({ interfaceId: 0, bytes: f3.bytes, tsSec: f3.tsSec!, tsNsec: f3.tsNsec!, tsresol: resol });
  b.interfaceStatistics(
    0,
    new Map([
      [4, 6],
      [5, 0],
    ]),
  );
  b.decryptionSecrets(0x544c534b, ascii('# a TLS key log would go here\n'));
  b.block(0x00000bee, ascii('an unknown block type, skipped by readers'), []);
  const section2 = new PcapngBuilder()
    .sectionHeader([{ code: 1, value: 'section 2: big-endian; interface ids start again at 0' }], true)
    .interfaceDescription(113, 65535, [{ code: 2, value: 'any' }]);
  const sll = linkTypeSamples()['linktype-linux-sll']!.packets;
  stamp(sll.slice(0, 2), SAMPLE_EPOCH + 60).forEach((p) => {
    section2.enhancedPacket({ interfaceId: 0, bytes: p.bytes, tsSec: p.tsSec!, tsNsec: p.tsNsec! });
  });
  epb(4);
  return concat(b.bytes(), section2.bytes());
}

/** A little-endian 32-bit word (the first section is little-endian). */
function u32le(v: number): Uint8Array {
  return u32(v).reverse();
}
