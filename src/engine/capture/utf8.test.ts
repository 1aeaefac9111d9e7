// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';

describe('utf8', () => {
  it('agrees with the platform codec on any string (300 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect([...encodeUtf8(s)]).toEqual([...new TextEncoder().encode(s)]);
        expect(decodeUtf8(encodeUtf8(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes malformed bytes to U+FFFD like the platform decoder (300 runs)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(decodeUtf8(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
