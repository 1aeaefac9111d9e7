// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { CAP } from './capture-diagnostics.ts';
import { exportPackets } from './export-packets.ts';
import { openCapture } from './index-capture.ts';
import { writePcap } from './pcap-writer.ts';
import { writePcapng } from './pcapng-writer.ts';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

const mixed = openCapture(
  writePcapng(
    [
      { bytes: bytes(40, 1), tsSec: 10, tsNsec: 123_456_789, interfaceId: 0, comment: 'one', flags: 2 },
      { bytes: bytes(30, 2), wireLength: 300, tsSec: 11, tsNsec: 5_000, interfaceId: 1 },
      { bytes: bytes(50, 3), tsSec: 12, tsNsec: 999_999_000, interfaceId: 0 },
      { bytes: bytes(20, 4), tsSec: 13, interfaceId: 1 },
    ],
    {
      interfaces: [
        { linkType: 1, name: 'eth0', tsresol: 9, snaplen: 1000 },
        { linkType: 101, name: 'tun0', description: 'vpn', snaplen: 2000 },
      ],
    },
  ),
).capture!;

describe('exportPackets', () => {
  it('exports chosen packets of one link type as pcap, keeping timestamps (ns when the source has them)', async () => {
    const r = await exportPackets(mixed, [0, 2], { format: 'pcap' });
    expect(r.diagnostics).toEqual([]);
    const back = openCapture(r.bytes!).capture!;
    expect(back.interfaces[0]).toMatchObject({ linkType: 1, tsresol: 9, snaplen: 1000 });
    expect([0, 1].map((i) => back.packetAt(i))).toMatchObject([
      { caplen: 40, tsSec: 10, tsNsec: 123_456_789, bytes: bytes(40, 1) },
      { caplen: 50, tsSec: 12, tsNsec: 999_999_000 },
    ]);
  });

  it('exports µs pcap when asked, and keeps the wire length', async () => {
    const r = await exportPackets(mixed, [1], { format: 'pcap', nanosecond: false, bigEndian: true });
    const back = openCapture(r.bytes!).capture!;
    expect(back.sections[0]?.bigEndian).toBe(true);
    expect(back.packetAt(0)).toMatchObject({
      linkType: 101,
      caplen: 30,
      wireLength: 300,
      tsSec: 11,
      tsNsec: 5_000,
    });
  });

  it('refuses mixed link types in pcap, with a hint to use pcapng', async () => {
    const r = await exportPackets(mixed, [0, 1], { format: 'pcap' });
    expect(r.bytes).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: CAP.exportMixedLinkTypes }]);
    expect(r.diagnostics[0]?.message).toContain('EN10MB, RAW');
  });

  it('exports mixed packets as pcapng, renumbering interfaces and keeping names, comments and flags', async () => {
    const r = await exportPackets(mixed, [3, 0, 99, -1], { format: 'pcapng' });
    const back = openCapture(r.bytes!).capture!;
    expect(back.interfaces.map((i) => [i.linkType, i.name, i.description])).toEqual([
      [1, 'eth0', undefined],
      [101, 'tun0', 'vpn'],
    ]);
    expect(back.packetCount).toBe(2);
    expect(back.packetAt(0)).toMatchObject({ linkType: 101, tsSec: 13, interfaceId: 1 });
    expect(back.packetAt(1)).toMatchObject({ linkType: 1, tsNsec: 123_456_789, comment: 'one', flags: 2 });
  });

  it('exports from a classic pcap too', async () => {
    const src = openCapture(writePcap([{ bytes: bytes(10, 9), tsSec: 1 }], { linkType: 228 })).capture!;
    const r = await exportPackets(src, [0], { format: 'pcapng' });
    expect(openCapture(r.bytes!).capture?.packetAt(0)).toMatchObject({ linkType: 228, tsSec: 1, caplen: 10 });
  });
});
