// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { byteMarks, MARK, markClasses } from './byte-marks.ts';

describe('byteMarks', () => {
  it('lights read bytes, marks partly used ones, outlines the next read', () => {
    const marks = byteMarks(24, {
      read: { offset: 20, length: 2, bitMask: 0x1fff, via: 'origin' },
      next: { offset: 14, length: 1 },
    });
    expect(marks[20]).toBe(MARK.read | MARK.origin | MARK.partial);
    expect(marks[21]).toBe(MARK.read | MARK.origin);
    expect(marks[14]).toBe(MARK.next);
    expect(marks[13]).toBe(0);
  });

  it('clips spans to the captured bytes', () => {
    const marks = byteMarks(4, {
      read: { offset: 2, length: 4, via: 'load' },
      hover: { offset: -2, length: 3 },
    });
    expect(Array.from(marks)).toEqual([MARK.hover, 0, MARK.read, MARK.read]);
  });

  it('does not mark bytes a mask leaves out', () => {
    const marks = byteMarks(8, { read: { offset: 4, length: 4, bitMask: 0x0000ff00, via: 'load' } });
    expect(Array.from(marks.subarray(4))).toEqual([0, 0, MARK.read, 0]);
  });

  it('maps flags to classes', () => {
    expect(markClasses(MARK.read | MARK.partial | MARK.selected)).toBe(' m-read m-partial m-selected');
    expect(markClasses(MARK.read | MARK.origin | MARK.next | MARK.hover)).toBe(' m-origin m-next m-hover');
    expect(markClasses(0)).toBe('');
  });
});
