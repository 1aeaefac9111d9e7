// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertTimestamp, scaleFromTsresol, type TsOut, unitsFromTimestamp } from './timestamps.ts';

function convert(sec: number, nsec: number, tsresol: number): TsOut {
  const out = { sec: 0, nsec: 0 };
  const [hi, lo] = unitsFromTimestamp(sec, nsec, tsresol);
  convertTimestamp(hi, lo, scaleFromTsresol(tsresol)!, out);
  return out;
}

describe('pcapng timestamps', () => {
  it('decodes if_tsresol: decimal and binary exponents, and refuses ones too fine for 64 bits', () => {
    expect(scaleFromTsresol(6)).toEqual({ binary: false, exp: 6, offsetSec: 0 });
    expect(scaleFromTsresol(0x94, 5)).toEqual({ binary: true, exp: 20, offsetSec: 5 });
    expect(scaleFromTsresol(20)).toBeUndefined();
    expect(scaleFromTsresol(0x80 | 64)).toBeUndefined();
  });

  it('converts exactly when the resolution is nanoseconds or coarser decimal', () => {
    expect(convert(1_700_000_000, 123_456_789, 9)).toEqual({ sec: 1_700_000_000, nsec: 123_456_789 });
    expect(convert(1_700_000_000, 123_456_789, 6)).toEqual({ sec: 1_700_000_000, nsec: 123_456_000 });
    expect(convert(4_000_000_000, 999_999_999, 9)).toEqual({ sec: 4_000_000_000, nsec: 999_999_999 });
  });

  it('uses BigInt for counts beyond 2^53 and fine binary scales, agreeing with the fast path', () => {
    // 2^-30 units: the count for 1.7e9 s is ~1.8e18, far above 2^53.
    expect(convert(1_700_000_000, 999_999_999, 0x80 | 30)).toEqual({ sec: 1_700_000_000, nsec: 999_999_998 });
    const out = { sec: 0, nsec: 0 };
    convertTimestamp(0, 3_000_000_001, scaleFromTsresol(9)!, out);
    expect(out).toEqual({ sec: 3, nsec: 1 });
    convertTimestamp(0x100000, 0, scaleFromTsresol(0x80 | 32)!, out);
    expect(out).toEqual({ sec: 0x100000, nsec: 0 });
  });

  it('round-trips within one unit for every resolution (500 runs)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 999_999_999 }),
        fc.constantFrom(0, 1, 3, 6, 9, 0x80 | 1, 0x80 | 10, 0x80 | 20, 0x80 | 24, 0x80 | 30),
        (sec, nsec, tsresol) => {
          const got = convert(sec, nsec, tsresol);
          expect(got.nsec).toBeGreaterThanOrEqual(0);
          expect(got.nsec).toBeLessThan(1e9);
          const exp = tsresol & 0x7f;
          const unitNs = tsresol & 0x80 ? 1e9 / 2 ** exp : 1e9 / 10 ** exp;
          const diff = (sec - got.sec) * 1e9 + (nsec - got.nsec);
          expect(diff).toBeGreaterThanOrEqual(0);
          expect(diff).toBeLessThanOrEqual(Math.max(unitNs, 1) + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with exact BigInt arithmetic for any 64-bit count and scale (2,000 runs)', () => {
    const tsresolArb = fc.oneof(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0x80, max: 0x80 | 63 }));
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff }), tsresolArb, (hi, lo, tsresol) => {
        const scale = scaleFromTsresol(tsresol)!;
        const out = { sec: 0, nsec: 0 };
        convertTimestamp(hi, lo, scale, out);
        const units = (BigInt(hi) << 32n) | BigInt(lo);
        const perSec = scale.binary ? 1n << BigInt(scale.exp) : 10n ** BigInt(scale.exp);
        const sec = units / perSec;
        // Seconds beyond 2^53 cannot be exact in a double; there only the magnitude must agree.
        if (sec < 2n ** 53n) expect(out.sec).toBe(Number(sec));
        else expect(Math.abs(out.sec / Number(sec) - 1)).toBeLessThan(1e-15);
        expect(out.nsec).toBe(Number(((units % perSec) * 1_000_000_000n) / perSec));
      }),
      { numRuns: 2_000 },
    );
  });
});
