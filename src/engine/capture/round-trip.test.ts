// SPDX-License-Identifier: MIT
/** Writer → reader round trips (property tests): what is written is what is read back. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCapture } from './index-capture.ts';
import { writePcap } from './pcap-writer.ts';
import { writePcapng } from './pcapng-writer.ts';

const packetArb = fc.record({
  bytes: fc.uint8Array({ maxLength: 300 }),
  extra: fc.nat({ max: 2000 }),
  tsSec: fc.nat({ max: 0xffffffff }),
  tsNsec: fc.nat({ max: 999_999_999 }),
});

describe('round trip through the writers', () => {
  it('writePcap → openCapture keeps bytes, lengths, timestamps and link type (300 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { maxLength: 20 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 300 }),
        fc.nat({ max: 300 }),
        (raw, nanosecond, bigEndian, snaplen, linkType) => {
          const packets = raw.map((p) => ({ ...p, wireLength: p.bytes.length + p.extra }));
          const { capture, diagnostics } = openCapture(
            writePcap(packets, { linkType, snaplen, nanosecond, bigEndian }),
          );
          expect(diagnostics).toEqual([]);
          expect(capture?.packetCount).toBe(packets.length);
          expect(capture?.interfaces[0]?.linkType).toBe(linkType);
          packets.forEach((p, i) => {
            const got = capture!.packetAt(i)!;
            const keep = snaplen > 0 ? Math.min(snaplen, p.bytes.length) : p.bytes.length;
            expect([...got.bytes]).toEqual([...p.bytes.subarray(0, keep)]);
            expect(got.wireLength).toBe(p.wireLength);
            expect(got.tsSec).toBe(p.tsSec);
            expect(got.tsNsec).toBe(nanosecond ? p.tsNsec : p.tsNsec - (p.tsNsec % 1000));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writePcapng → openCapture keeps interfaces, packets, comments and flags (300 runs)', () => {
    const ifaceArb = fc.record({
      linkType: fc.constantFrom(0, 1, 101, 113, 228, 229, 276, 4242),
      tsresol: fc.constantFrom(0, 3, 6, 9, 0x80 | 10, 0x80 | 20),
      name: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(ifaceArb, { minLength: 1, maxLength: 3 }),
        fc.array(
          fc.record({
            p: packetArb,
            iface: fc.nat(),
            comment: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
            flags: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
          }),
          { maxLength: 15 },
        ),
        fc.boolean(),
        (ifaces, raw, bigEndian) => {
          const interfaces = ifaces.map((i) =>
            i.name === undefined
              ? { linkType: i.linkType, tsresol: i.tsresol }
              : { linkType: i.linkType, tsresol: i.tsresol, name: i.name },
          );
          const packets = raw.map((r) => {
            const out: Parameters<typeof writePcapng>[0][number] = {
              ...r.p,
              wireLength: r.p.bytes.length + r.p.extra,
              interfaceId: r.iface % ifaces.length,
            };
            if (r.comment !== undefined) out.comment = r.comment;
            if (r.flags !== undefined) out.flags = r.flags;
            return out;
          });
          const { capture, diagnostics } = openCapture(writePcapng(packets, { interfaces, bigEndian }));
          expect(diagnostics).toEqual([]);
          expect(capture?.interfaces.map((i) => [i.linkType, i.tsresol, i.name])).toEqual(
            ifaces.map((i) => [i.linkType, i.tsresol, i.name]),
          );
          packets.forEach((p, i) => {
            const got = capture!.packetAt(i)!;
            expect([...got.bytes]).toEqual([...p.bytes]);
            expect([got.wireLength, got.interfaceId, got.comment, got.flags]).toEqual([
              p.wireLength,
              p.interfaceId,
              p.comment,
              p.flags,
            ]);
            expect(got.tsSec * 1e9 + got.tsNsec).toBeLessThanOrEqual(p.tsSec! * 1e9 + p.tsNsec! + 1);
            // The stored time is the written time truncated to the interface's resolution.
            const unitNs = unitNanoseconds(ifaces[p.interfaceId!]!.tsresol);
            expect(Math.abs(got.tsSec - p.tsSec! + (got.tsNsec - p.tsNsec!) / 1e9)).toBeLessThanOrEqual(
              unitNs / 1e9 + 1e-9,
            );
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Length of one timestamp unit in nanoseconds (at least 1). */
function unitNanoseconds(tsresol: number): number {
  const exp = tsresol & 0x7f;
  return Math.max(1, tsresol & 0x80 ? 1e9 / 2 ** exp : 1e9 / 10 ** exp);
}
