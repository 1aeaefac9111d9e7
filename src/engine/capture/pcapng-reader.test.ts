// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { CAP } from './capture-diagnostics.ts';
import { openCapture } from './index-capture.ts';
import { concat, PcapngBuilder } from './pcapng-builder.ts';
import { writePcapng } from './pcapng-writer.ts';

const frame = (n: number, fill = 0xab) => new Uint8Array(n).fill(fill);
const le32 = (v: number) => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
const le64 = (v: bigint) => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigInt64(0, v, true);
  return out;
};

/** A minimal section with one Ethernet interface and the given packets (µs). */
function simple(n: number, bigEndian = false): Uint8Array {
  const b = new PcapngBuilder().sectionHeader([], bigEndian).interfaceDescription(1, 0);
  for (let i = 0; i < n; i++)
    b.enhancedPacket({ interfaceId: 0, bytes: frame(60 + i, i), tsSec: 100 + i, tsNsec: 1000 * i });
  return b.bytes();
}

describe('pcapng blocks', () => {
  it.each([false, true])('reads a section in either byte order (big-endian: %s)', (bigEndian) => {
    const { capture, diagnostics } = openCapture(simple(3, bigEndian));
    expect(diagnostics).toEqual([]);
    expect(capture?.format).toBe('pcapng');
    expect(capture?.sections).toMatchObject([{ offset: 0, bigEndian, version: '1.0', firstInterface: 0 }]);
    expect(capture?.packetCount).toBe(3);
    expect(capture!.packetAt(2)).toMatchObject({
      caplen: 62,
      wireLength: 62,
      tsSec: 102,
      tsNsec: 2000,
      linkType: 1,
    });
  });

  it('reads SHB options (comment, hardware, os, application)', () => {
    const file = writePcapng([], {
      interfaces: [],
      comment: 'c1',
      hardware: 'hw',
      os: 'os',
      application: 'app',
    });
    expect(openCapture(file).capture?.sections[0]).toMatchObject({
      comment: 'c1',
      hardware: 'hw',
      os: 'os',
      application: 'app',
    });
  });

  it('restarts interface ids in each section and maps them to global indices', () => {
    const s1 = new PcapngBuilder().sectionHeader().interfaceDescription(1, 0).interfaceDescription(101, 0);
    s1.enhancedPacket({ interfaceId: 1, bytes: frame(20) });
    const s2 = new PcapngBuilder().sectionHeader([], true).interfaceDescription(113, 0);
    s2.enhancedPacket({ interfaceId: 0, bytes: frame(30) });
    const { capture, diagnostics } = openCapture(concat([s1.bytes(), s2.bytes()]));
    expect(diagnostics).toEqual([]);
    expect(capture?.sections.map((s) => [s.bigEndian, s.firstInterface])).toEqual([
      [false, 0],
      [true, 2],
    ]);
    expect(capture?.interfaces.map((i) => [i.linkType, i.section, i.localId])).toEqual([
      [1, 0, 0],
      [101, 0, 1],
      [113, 1, 0],
    ]);
    expect([capture?.interfaceId(0), capture?.linkType(0)]).toEqual([1, 101]);
    expect([capture?.interfaceId(1), capture?.linkType(1)]).toEqual([2, 113]);
  });

  it('reads IDB options: name, description, os, filter, fcslen, tsresol, tsoffset', () => {
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 1500, [
      { code: 2, value: 'eth0' },
      { code: 3, value: 'the LAN' },
      { code: 12, value: 'Linux' },
      { code: 11, value: concat([Uint8Array.of(0), new TextEncoder().encode('tcp port 80')]) },
      { code: 13, value: Uint8Array.of(4) },
      { code: 9, value: Uint8Array.of(9) },
      { code: 14, value: le64(-10n) },
      { code: 1, value: 'first' },
      { code: 1, value: 'second' },
    ]);
    b.enhancedPacket({ interfaceId: 0, bytes: frame(10), tsSec: 1000, tsNsec: 123_456_789, tsresol: 9 });
    const { capture } = openCapture(b.bytes());
    expect(capture?.interfaces[0]).toMatchObject({
      name: 'eth0',
      description: 'the LAN',
      os: 'Linux',
      filter: 'tcp port 80',
      fcsLength: 4,
      tsresol: 9,
      tsoffset: -10,
      snaplen: 1500,
      comment: 'first\nsecond',
    });
    expect([capture?.tsSec(0), capture?.tsNsec(0)]).toEqual([990, 123_456_789]);
  });

  it.each([
    { tsresol: 6, sec: 5, nsec: 123_456_000 },
    { tsresol: 3, sec: 5, nsec: 123_000_000 },
    { tsresol: 0, sec: 5, nsec: 0 },
    { tsresol: 12, sec: 5, nsec: 123_456_789 },
    { tsresol: 0x80 | 10, sec: 5, nsec: 123_046_875 },
    { tsresol: 0x80 | 30, sec: 5, nsec: 123_456_788 },
  ])('converts timestamps with if_tsresol $tsresol', ({ tsresol, sec, nsec }) => {
    const b = new PcapngBuilder()
      .sectionHeader()
      .interfaceDescription(1, 0, [{ code: 9, value: Uint8Array.of(tsresol) }]);
    b.enhancedPacket({ interfaceId: 0, bytes: frame(10), tsSec: 5, tsNsec: 123_456_789, tsresol });
    const { capture } = openCapture(b.bytes());
    expect([capture?.tsSec(0), capture?.tsNsec(0)]).toEqual([sec, nsec]);
  });

  it('reads EPB comments and flags', () => {
    const file = writePcapng(
      [
        { bytes: frame(10), comment: 'hello ✓', flags: 2 },
        { bytes: frame(11), flags: 1 },
        { bytes: frame(12) },
      ],
      { interfaces: [{ linkType: 1 }] },
    );
    const { capture } = openCapture(file);
    expect(capture?.comment(0)).toBe('hello ✓');
    expect(capture?.packetAt(0)).toMatchObject({ comment: 'hello ✓', flags: 2 });
    expect(capture?.packetAt(1)?.flags).toBe(1);
    expect(capture?.packetAt(2)?.comment).toBeUndefined();
    expect(capture?.packetAt(2)?.flags).toBeUndefined();
  });

  it('reads simple packet blocks: interface 0, no timestamp, caplen limited by block and snaplen', () => {
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 50);
    b.simplePacket(frame(40), 40).simplePacket(frame(50), 1000);
    b.block(3, concat([le32(200), frame(64)]), []); // an SPB holding 64 bytes of a 200-byte packet
    const { capture, diagnostics } = openCapture(b.bytes());
    expect(diagnostics).toEqual([]);
    expect([0, 1, 2].map((i) => [capture?.caplen(i), capture?.wireLength(i), capture?.tsSec(i)])).toEqual([
      [40, 40, 0],
      [50, 1000, 0],
      [50, 200, 0],
    ]);
  });

  it('reads obsolete packet blocks', () => {
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 0).interfaceDescription(101, 0);
    b.obsoletePacket({ interfaceId: 1, bytes: frame(33), wireLength: 99, tsSec: 7, tsNsec: 8000 });
    expect(openCapture(b.bytes()).capture?.packetAt(0)).toMatchObject({
      caplen: 33,
      wireLength: 99,
      tsSec: 7,
      tsNsec: 8000,
      interfaceId: 1,
      linkType: 101,
    });
  });

  it('reads name resolution, statistics and decryption secrets blocks', () => {
    const v6 = new Uint8Array(16);
    v6.set([0x20, 0x01, 0x0d, 0xb8], 0);
    v6[15] = 1;
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 0);
    b.nameResolution([
      { address: Uint8Array.of(192, 0, 2, 1), names: ['a.example', 'b.example'] },
      { address: v6, names: ['c.example'] },
    ]);
    b.interfaceStatistics(
      0,
      new Map([
        [4, 10],
        [5, 1],
        [6, 9],
        [7, 2],
        [8, 8],
      ]),
    );
    b.decryptionSecrets(0x544c534b, frame(7));
    const { capture, diagnostics } = openCapture(b.bytes());
    expect(diagnostics).toEqual([]);
    expect(capture?.names).toEqual([
      { address: '192.0.2.1', names: ['a.example', 'b.example'] },
      { address: '2001:db8::1', names: ['c.example'] },
    ]);
    expect(capture?.interfaces[0]?.statistics).toEqual({
      received: 10,
      droppedByInterface: 1,
      filterAccepted: 9,
      droppedByOs: 2,
      delivered: 8,
    });
    expect(capture?.secrets).toMatchObject([{ type: 0x544c534b, length: 7 }]);
  });

  it('skips custom blocks silently and unknown blocks with one folded info', () => {
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 0);
    b.block(0x00000bad, concat([le32(32473), frame(5)]), []).block(0x40000bad, frame(8), []);
    b.block(0x1234, frame(3), []).block(0x1234, frame(3), []).block(9, frame(4), []);
    b.enhancedPacket({ interfaceId: 0, bytes: frame(10) });
    const { capture, diagnostics } = openCapture(b.bytes());
    expect(capture?.packetCount).toBe(1);
    expect(diagnostics).toMatchObject([{ severity: 'info', code: CAP.unknownBlock }]);
    expect(diagnostics[0]?.notes[0]?.message).toBe('1 more like this after the first');
  });
});

describe('pcapng damage', () => {
  const good = simple(3);
  const epbStarts = [48, 48 + 92, 48 + 92 + 96];

  it('stops at a block length that is not a multiple of 4', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(epbStarts[1]! + 4, 94, true);
    const r = openCapture(bad);
    expect(r.capture?.packetCount).toBe(1);
    expect(r.diagnostics).toMatchObject([
      { severity: 'error', code: CAP.blockLengthUnaligned, offset: epbStarts[1]! + 4 },
    ]);
    expect(r.diagnostics[0]?.message).toContain('kept the 1 packet before the damage');
  });

  it('stops at a block length below 12 or below its type minimum', () => {
    for (const length of [0, 8, 28]) {
      const bad = good.slice();
      new DataView(bad.buffer).setUint32(epbStarts[2]! + 4, length, true);
      const r = openCapture(bad);
      expect(r.capture?.packetCount).toBe(2);
      expect(r.diagnostics[0]?.code).toBe(CAP.blockTooShort);
    }
  });

  it('stops at a trailing length that differs from the leading one', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(epbStarts[2]! - 4, 1000, true);
    const r = openCapture(bad);
    expect(r.capture?.packetCount).toBe(1);
    expect(r.diagnostics).toMatchObject([{ code: CAP.blockLengthMismatch, offset: epbStarts[2]! - 4 }]);
  });

  it('stops at a truncated block and at a truncated block header', () => {
    const r1 = openCapture(good.subarray(0, epbStarts[2]! + 40));
    expect(r1.capture?.packetCount).toBe(2);
    expect(r1.diagnostics).toMatchObject([{ code: CAP.truncatedRecord, offset: epbStarts[2] }]);
    const r2 = openCapture(good.subarray(0, epbStarts[2]! + 6));
    expect(r2.capture?.packetCount).toBe(2);
    expect(r2.diagnostics).toMatchObject([{ code: CAP.truncatedRecordHeader, offset: epbStarts[2] }]);
  });

  it('returns no capture when the section header itself is cut short', () => {
    const r = openCapture(good.subarray(0, 20));
    expect(r.capture).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe(CAP.truncatedHeader);
  });

  it('rejects a bad byte-order magic and an unknown major version', () => {
    const badBom = good.slice();
    badBom[8] = 0;
    expect(openCapture(badBom).diagnostics[0]).toMatchObject({ code: CAP.badMagic, offset: 8 });
    const v2 = good.slice();
    v2[12] = 2;
    expect(openCapture(v2).diagnostics[0]).toMatchObject({ code: CAP.unsupportedVersion, offset: 12 });
  });

  it('skips (with a warning) a packet naming an interface its section lacks', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(epbStarts[1]! + 8, 5, true);
    const r = openCapture(bad);
    expect(r.capture?.packetCount).toBe(2);
    expect(r.diagnostics).toMatchObject([
      { severity: 'warning', code: CAP.unknownInterface, offset: epbStarts[1]! + 8 },
    ]);
    const spbFirst = new PcapngBuilder().sectionHeader().simplePacket(frame(10)).bytes();
    expect(openCapture(spbFirst).diagnostics[0]?.code).toBe(CAP.unknownInterface);
  });

  it('skips (with a warning) a packet whose caplen runs past its block', () => {
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(epbStarts[0]! + 20, 5000, true);
    const r = openCapture(bad);
    expect(r.capture?.packetCount).toBe(2);
    expect(r.diagnostics).toMatchObject([{ code: CAP.caplenPastBlock, offset: epbStarts[0]! + 20 }]);
  });

  it('ignores options that run past their block, keeping the block', () => {
    const b = new PcapngBuilder().sectionHeader().interfaceDescription(1, 0, [{ code: 2, value: 'eth0' }]);
    const bytes = b.bytes();
    // The IDB starts at 28; its if_name option header is at 28 + 16. Claim 200 bytes of name.
    new DataView(bytes.buffer).setUint16(28 + 16 + 2, 200, true);
    const r = openCapture(bytes);
    expect(r.capture?.interfaces).toHaveLength(1);
    expect(r.capture?.interfaces[0]?.name).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ severity: 'warning', code: CAP.badOption }]);
  });

  it('warns about an unusable if_tsresol and falls back to microseconds', () => {
    const b = new PcapngBuilder()
      .sectionHeader()
      .interfaceDescription(1, 0, [{ code: 9, value: Uint8Array.of(0x7f) }]);
    b.enhancedPacket({ interfaceId: 0, bytes: frame(4), tsSec: 3, tsNsec: 4000, tsresol: 6 });
    const r = openCapture(b.bytes());
    expect(r.diagnostics[0]?.code).toBe(CAP.badTsresol);
    expect([r.capture?.tsSec(0), r.capture?.tsNsec(0)]).toEqual([3, 4000]);
  });
});
