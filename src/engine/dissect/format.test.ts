// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksumOk, expectedChecksum, onesSum } from './checksum.ts';
import { bitPicture, formatIpv6, hexBytes, isIpv4Compatible, isIpv4Mapped, maskedValue } from './format.ts';
import { hexToBytes } from './testdata/tree.ts';

describe('formatIpv6 (RFC 5952)', () => {
  it.each([
    ['20010db8000000000000000000000001', '2001:db8::1'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    ['20010db8000100010001000100010001', '2001:db8:1:1:1:1:1:1'],
    ['20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['00000000000000000000000000000002', '::2'],
    ['fe800000000000000000000000000000', 'fe80::'],
    ['00000000000000000000ffffc0000201', '::ffff:192.0.2.1'],
    ['000000000000000000000000c0000201', '::192.0.2.1'],
  ])('%s is %s', (hex, text) => {
    expect(formatIpv6(hexToBytes(hex))).toBe(text);
  });

  it('recognises mapped and compatible addresses only', () => {
    expect(isIpv4Mapped(hexToBytes('00000000000000000000ffffc0000201'))).toBe(true);
    expect(isIpv4Mapped(hexToBytes('20010db8000000000000ffffc0000201'))).toBe(false);
    expect(isIpv4Compatible(hexToBytes('000000000000000000000000c0000201'))).toBe(true);
    expect(isIpv4Compatible(hexToBytes('00000000000000000000000000000001'))).toBe(false);
  });
});

describe('bit fields', () => {
  it('draws the bit picture tshark shows', () => {
    expect(bitPicture(0x40, 0xe0, 1)).toBe('010. ....');
    expect(bitPicture(0x4000, 0x1fff, 2)).toBe('...0 0000 0000 0000');
    expect(bitPicture(0x60000000, 0x80000000, 4)).toBe('0... .... .... .... .... .... .... ....');
  });

  it('extracts the masked value for any mask position', () => {
    expect(maskedValue(0x45, 0xf0)).toBe(4);
    expect(maskedValue(0x45, 0x0f)).toBe(5);
    expect(maskedValue(0x20b9, 0x1fff)).toBe(185);
    expect(maskedValue(0xe0000000, 0x80000000)).toBe(1);
    expect(maskedValue(0xffffffff, 0xffffffff)).toBe(0xffffffff);
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 1, max: 32 }),
        (raw, low, width) => {
          const bits = Math.min(width, 32 - low);
          const mask = Number((((1n << BigInt(bits)) - 1n) << BigInt(low)) & 0xffffffffn);
          const expected = Number((BigInt(raw) >> BigInt(low)) & ((1n << BigInt(bits)) - 1n));
          expect(maskedValue(raw, mask)).toBe(expected);
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('prints bytes as tshark does', () => {
    expect(hexBytes(Uint8Array.of(2, 4, 5, 0xb4))).toBe('02:04:05:b4');
    expect(hexBytes(new Uint8Array(0))).toBe('');
  });
});

describe('Internet checksum', () => {
  // The IPv4 header from RFC 1071's usual example: checksum 0xb861.
  const header = hexToBytes('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7');

  it('verifies and recomputes', () => {
    expect(checksumOk(header)).toBe(true);
    expect(expectedChecksum(header, 10)).toBe(0xb861);
    const bad = header.slice();
    bad[11] = 0x62;
    expect(checksumOk(bad)).toBe(false);
    expect(expectedChecksum(bad, 10)).toBe(0xb861);
  });

  it('pads an odd length with a zero byte', () => {
    expect(onesSum(Uint8Array.of(0x01))).toBe(0x0100);
    expect(onesSum(Uint8Array.of(0xff, 0xff, 0x00, 0x01))).toBe(0x0001);
  });
});
