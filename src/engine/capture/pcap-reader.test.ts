// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { CAP } from './capture-diagnostics.ts';
import { openCapture } from './index-capture.ts';
import { writePcap } from './pcap-writer.ts';

const frame = (n: number, fill = 0xab) => new Uint8Array(n).fill(fill);
const packets = [
  { bytes: frame(60, 1), tsSec: 1_700_000_000, tsNsec: 123_456_789 },
  { bytes: frame(42, 2), wireLength: 1514, tsSec: 1_700_000_001, tsNsec: 5 },
  { bytes: frame(100, 3), tsSec: 1_700_000_002, tsNsec: 999_999_999 },
];

/** Overwrite a 32-bit word in a copy of `bytes`. */
function patch32(bytes: Uint8Array, at: number, value: number, littleEndian = true): Uint8Array {
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(at, value, littleEndian);
  return out;
}

describe('classic pcap: the four magics', () => {
  it.each([
    { nanosecond: false, bigEndian: false, magic: [0xd4, 0xc3, 0xb2, 0xa1] },
    { nanosecond: false, bigEndian: true, magic: [0xa1, 0xb2, 0xc3, 0xd4] },
    { nanosecond: true, bigEndian: false, magic: [0x4d, 0x3c, 0xb2, 0xa1] },
    { nanosecond: true, bigEndian: true, magic: [0xa1, 0xb2, 0x3c, 0x4d] },
  ])('reads ns=$nanosecond bigEndian=$bigEndian', ({ nanosecond, bigEndian, magic }) => {
    const file = writePcap(packets, { linkType: 1, nanosecond, bigEndian });
    expect([...file.subarray(0, 4)]).toEqual(magic);
    const { capture, diagnostics } = openCapture(file);
    expect(diagnostics).toEqual([]);
    expect(capture?.format).toBe('pcap');
    expect(capture?.sections[0]?.bigEndian).toBe(bigEndian);
    expect(capture?.interfaces[0]).toMatchObject({
      linkType: 1,
      linkTypeName: 'EN10MB',
      tsresol: nanosecond ? 9 : 6,
    });
    expect(capture?.packetCount).toBe(3);
    const p1 = capture!.packetAt(1)!;
    expect(p1).toMatchObject({
      index: 1,
      caplen: 42,
      wireLength: 1514,
      tsSec: 1_700_000_001,
      interfaceId: 0,
      linkType: 1,
    });
    expect([...p1.bytes]).toEqual([...packets[1]!.bytes]);
    // µs files keep only whole microseconds.
    expect(capture!.tsNsec(0)).toBe(nanosecond ? 123_456_789 : 123_456_000);
    expect(capture!.tsNsec(2)).toBe(nanosecond ? 999_999_999 : 999_999_000);
  });

  it('accepts any snaplen, including 0 and ones smaller than the default', () => {
    for (const snaplen of [0, 64, 65535, 262144, 0x7fffffff]) {
      const { capture, diagnostics } = openCapture(writePcap(packets, { linkType: 101, snaplen }));
      expect(diagnostics).toEqual([]);
      expect(capture?.interfaces[0]?.snaplen).toBe(snaplen);
      expect(capture?.packetCount).toBe(3);
    }
  });

  it('keeps an unknown link type with its number', () => {
    const { capture } = openCapture(writePcap(packets, { linkType: 9999 }));
    expect(capture?.interfaces[0]).toMatchObject({ linkType: 9999, linkTypeName: 'LINKTYPE_9999' });
    expect(capture?.linkType(0)).toBe(9999);
  });

  it('separates FCS bits from the link type (pcap-savefile: bit 26 and the top 4 bits)', () => {
    const file = patch32(writePcap(packets, { linkType: 1 }), 20, 0x04000000 | (2 << 28) | 1);
    const { capture } = openCapture(file);
    expect(capture?.interfaces[0]).toMatchObject({ linkType: 1, fcsLength: 4 });
  });

  it('carries an out-of-range fraction into the seconds', () => {
    const file = patch32(writePcap(packets.slice(0, 1), { linkType: 1 }), 24 + 4, 2_500_000);
    expect(openCapture(file).capture?.tsSec(0)).toBe(1_700_000_002);
    expect(openCapture(file).capture?.tsNsec(0)).toBe(500_000_000);
  });

  it('reads an empty capture (header only)', () => {
    const { capture, diagnostics } = openCapture(writePcap([], { linkType: 1 }));
    expect(diagnostics).toEqual([]);
    expect(capture?.packetCount).toBe(0);
  });
});

describe('classic pcap: damage', () => {
  const good = writePcap(packets, { linkType: 1 });
  const recordStarts = [24, 24 + 16 + 60, 24 + 16 + 60 + 16 + 42];

  it('reports a zero-length file and returns no capture', () => {
    const r = openCapture(new Uint8Array(0));
    expect(r.capture).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: CAP.emptyFile, offset: 0 }]);
  });

  it('reports a bad magic, with a hint for compressed files', () => {
    const gz = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
    const r = openCapture(gz);
    expect(r.capture).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: CAP.badMagic, offset: 0 });
    expect(r.diagnostics[0]?.message).toContain('0x1f8b0800');
    expect(r.diagnostics[0]?.hint).toContain('gzip');
  });

  it('reports a file too short for any header', () => {
    expect(openCapture(Uint8Array.of(0xd4, 0xc3)).diagnostics[0]?.code).toBe(CAP.truncatedHeader);
  });

  it('reports a truncated file header', () => {
    const r = openCapture(good.subarray(0, 20));
    expect(r.capture).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: CAP.truncatedHeader });
    expect(r.diagnostics[0]?.message).toContain('kept 0 packets');
  });

  it('reports an unsupported major version', () => {
    const bad = good.slice();
    bad[4] = 1;
    expect(openCapture(bad).diagnostics[0]).toMatchObject({ code: CAP.unsupportedVersion, offset: 4 });
  });

  it('keeps the packets before a truncated record header', () => {
    const r = openCapture(good.subarray(0, recordStarts[2]! + 10));
    expect(r.capture?.packetCount).toBe(2);
    expect(r.diagnostics).toMatchObject([
      { severity: 'error', code: CAP.truncatedRecordHeader, offset: recordStarts[2] },
    ]);
    expect(r.diagnostics[0]?.message).toContain('kept 2 packets before the damage');
  });

  it('keeps the packets before a record cut in its data', () => {
    const r = openCapture(good.subarray(0, recordStarts[1]! + 16 + 20));
    expect(r.capture?.packetCount).toBe(1);
    expect(r.diagnostics).toMatchObject([{ code: CAP.truncatedRecord, offset: recordStarts[1] }]);
    expect(r.diagnostics[0]?.message).toContain('needs 42 captured bytes but only 20 remain');
    expect(r.diagnostics[0]?.message).toContain('kept the 1 packet before the damage');
  });

  it('stops at an absurd caplen without allocating it', () => {
    const bad = patch32(good, recordStarts[1]! + 8, 0xfffffff0);
    const r = openCapture(bad);
    expect(r.capture?.packetCount).toBe(1);
    expect(r.diagnostics).toMatchObject([{ code: CAP.caplenTooLarge, offset: recordStarts[1]! + 8 }]);
  });

  it('allows caplens above 256 KiB when the snaplen says so', () => {
    const big = { bytes: frame(300_000), tsSec: 1 };
    const r = openCapture(writePcap([big], { linkType: 1, snaplen: 400_000 }));
    expect(r.diagnostics).toEqual([]);
    expect(r.capture?.caplen(0)).toBe(300_000);
    const capped = patch32(writePcap([big], { linkType: 1, snaplen: 400_000 }), 16, 65535);
    expect(openCapture(capped).diagnostics[0]?.code).toBe(CAP.caplenTooLarge);
  });

  it('warns once (with a count) when caplens exceed the snaplen, and keeps the packets whole', () => {
    const bad = patch32(good, 16, 50); // snaplen 50, records of 60 and 100 bytes
    const r = openCapture(bad);
    expect(r.capture?.packetCount).toBe(3);
    expect(r.capture?.caplen(2)).toBe(100);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      severity: 'warning',
      code: CAP.caplenAboveSnaplen,
      offset: 24 + 8,
    });
    expect(r.diagnostics[0]?.notes[0]?.message).toBe('1 more like this after the first');
  });
});
