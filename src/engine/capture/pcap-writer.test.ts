// SPDX-License-Identifier: MIT
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTool, runTool } from '../../testkit/reference-tools.ts';
import { writePcap } from './pcap-writer.ts';
import { writePcapng } from './pcapng-writer.ts';

const arpRequest = Uint8Array.of(
  ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 0x10, 8, 6],
  ...[0, 1, 8, 0, 6, 4, 0, 1, 2, 0, 0, 0, 0, 0x10, 192, 0, 2, 10, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1],
);

describe('writePcap', () => {
  it('writes the header fields in the chosen byte order', () => {
    const le = writePcap([], { linkType: 113, snaplen: 65535 });
    expect([...le]).toEqual([
      ...[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0],
      ...[0, 0, 0, 0, 0, 0, 0, 0],
      ...[0xff, 0xff, 0, 0, 113, 0, 0, 0],
    ]);
    const be = writePcap([], { linkType: 1, nanosecond: true, bigEndian: true });
    expect([...be.subarray(0, 8)]).toEqual([0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4]);
    expect([...be.subarray(16, 24)]).toEqual([0, 4, 0, 0, 0, 0, 0, 1]); // default snaplen 262144
  });

  it('writes record headers: µs by flooring, ns as given, caplen cut to the snaplen', () => {
    const file = writePcap([{ bytes: arpRequest, tsSec: 7, tsNsec: 123_456_789, wireLength: 60 }], {
      linkType: 1,
      snaplen: 20,
    });
    const v = new DataView(file.buffer);
    expect([
      v.getUint32(24, true),
      v.getUint32(28, true),
      v.getUint32(32, true),
      v.getUint32(36, true),
    ]).toEqual([7, 123_456, 20, 60]);
    expect(file.length).toBe(24 + 16 + 20);
    const ns = new DataView(
      writePcap([{ bytes: arpRequest, tsNsec: 5 }], { linkType: 1, nanosecond: true }).buffer,
    );
    expect(ns.getUint32(28, true)).toBe(5);
  });

  it('never writes a wire length below the captured length', () => {
    const v = new DataView(writePcap([{ bytes: arpRequest, wireLength: 3 }], { linkType: 1 }).buffer);
    expect(v.getUint32(36, true)).toBe(arpRequest.length);
  });
});

const tcpdump = requireTool('tcpdump', 'the Debian package tcpdump');

describe.skipIf(!tcpdump)('libpcap reads what we write (tcpdump -r)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bpflab-writer-'));
  const packets = [
    { bytes: arpRequest, tsSec: 1_700_000_000, tsNsec: 123_456_789 },
    { bytes: arpRequest, tsSec: 1_700_000_001, tsNsec: 5_000, wireLength: 60 },
  ];

  it.each([
    { nanosecond: false, bigEndian: false },
    { nanosecond: false, bigEndian: true },
    { nanosecond: true, bigEndian: false },
    { nanosecond: true, bigEndian: true },
  ])('pcap ns=$nanosecond be=$bigEndian', ({ nanosecond, bigEndian }) => {
    const path = join(dir, `w-${nanosecond}-${bigEndian}.pcap`);
    writeFileSync(path, writePcap(packets, { linkType: 1, nanosecond, bigEndian }));
    const out = runTool(tcpdump!, ['-nn', '--nano', '-tt', '-r', path]).trim().split('\n');
    expect(out).toEqual([
      `1700000000.${nanosecond ? '123456789' : '123456000'} ARP, Request who-has 192.0.2.1 tell 192.0.2.10, length 28`,
      '1700000001.000005000 ARP, Request who-has 192.0.2.1 tell 192.0.2.10, length 46',
    ]);
  });

  it('pcapng with two interfaces, either byte order', () => {
    for (const bigEndian of [false, true]) {
      const path = join(dir, `w-${bigEndian}.pcapng`);
      const ip = arpRequest.subarray(14); // not IP, but RAW only needs bytes to print
      writeFileSync(
        path,
        writePcapng(
          [
            { ...packets[0]!, interfaceId: 0, comment: 'first' },
            { bytes: ip, tsSec: 1_700_000_002, tsNsec: 7, interfaceId: 1 },
          ],
          {
            interfaces: [
              { linkType: 1, name: 'eth0', tsresol: 9 },
              { linkType: 1, name: 'eth1' },
            ],
            bigEndian,
          },
        ),
      );
      const out = runTool(tcpdump!, ['-nn', '--nano', '-tt', '-r', path]).trim().split('\n');
      expect(out[0]).toBe('1700000000.123456789 ARP, Request who-has 192.0.2.1 tell 192.0.2.10, length 28');
      expect(out[1]).toMatch(/^1700000002\.000000000 /);
    }
  });
});
