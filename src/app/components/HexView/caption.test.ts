// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import {
  asciiChar,
  type CaptionContext,
  currentCaption,
  nextCaption,
  offsetLabel,
  spanText,
  spanValue,
} from './caption.ts';

const bytes = Uint8Array.from([0x45, 0x00, 0x08, 0x00, 0x1f, 0xff]);
const asm: Record<number, string> = { 0: 'ldh [2]', 1: 'jeq #0x800, ok, drop', 2: 'ldxb 4*([0]&0xf)' };
const ctx = (fields: string[] = []): CaptionContext => ({ bytes, asm: (pc) => asm[pc], fields });

describe('captions', () => {
  it('says what a load read, with the value and the field', () => {
    expect(
      currentCaption(
        { pc: 0, offset: 2, length: 2, via: 'load', outOfBounds: false },
        ctx(['Type: IPv4 (0x0800)']),
      ),
    ).toBe('ldh [2] read bytes 2–3 = 0x0800 — Type: IPv4 (0x0800)');
    expect(
      currentCaption({ pc: 2, offset: 0, length: 1, bitMask: 0x0f, via: 'load', outOfBounds: false }, ctx()),
    ).toBe('ldxb 4*([0]&0xf) read byte 0 = 0x45 (bits 0x0f)');
  });

  it('says where A came from for a test of A', () => {
    expect(
      currentCaption(
        { pc: 1, offset: 2, length: 2, via: 'origin', originPc: 0, outOfBounds: false },
        ctx(['a', 'b', 'c', 'd']),
      ),
    ).toBe('jeq #0x800, ok, drop tested A, which ldh [2] loaded from bytes 2–3 — a; b; and 2 more');
  });

  it('explains a load past the captured bytes', () => {
    expect(currentCaption({ pc: 0, offset: 1514, length: 2, via: 'load', outOfBounds: true }, ctx())).toBe(
      'ldh [2] tried to read bytes 1,514–1,515, past the 6 captured bytes: the program ends, returning 0',
    );
    expect(nextCaption({ pc: 7, offset: 9, length: 1, via: 'load', outOfBounds: true }, ctx())).toBe(
      'Next, pc 7 reads byte 9, past the 6 captured bytes',
    );
  });
});

describe('formatting', () => {
  it('reads big-endian values only inside the bytes', () => {
    expect(spanValue(bytes, { offset: 2, length: 2 })).toBe(0x0800);
    expect(spanValue(bytes, { offset: 2, length: 4 })).toBe(0x08001fff);
    expect(spanValue(bytes, { offset: 5, length: 2 })).toBeUndefined();
    expect(spanText({ offset: 23, length: 1 })).toBe('byte 23');
  });

  it('prints offsets and ASCII', () => {
    expect(offsetLabel(0x30, 100)).toBe('0030');
    expect(offsetLabel(0x12340, 0x20000)).toBe('012340');
    expect([0x41, 0x20, 0x7e, 0x7f, 0x00, 0xe9].map(asciiChar).join('')).toBe('A ~...');
  });
});
