// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayList, moveRow } from './display-list.ts';

describe('displayList', () => {
  const verdicts = Uint32Array.from([0, 96, 0, 0, 65535, 1]);

  it('shows every packet without verdicts or with the filter "all"', () => {
    for (const list of [displayList(6, undefined, 0, 'accepted'), displayList(6, verdicts, 6, 'all')]) {
      expect(list.count).toBe(6);
      expect(list.packetAt(4)).toBe(4);
      expect(list.rowOf(4)).toEqual({ row: 4, exact: true });
      expect(list.rowOf(6)).toEqual({ row: -1, exact: false });
    }
  });

  it('keeps only accepted or dropped packets, in order', () => {
    const accepted = displayList(6, verdicts, 6, 'accepted');
    expect(Array.from({ length: accepted.count }, (_, r) => accepted.packetAt(r))).toEqual([1, 4, 5]);
    const dropped = displayList(6, verdicts, 6, 'dropped');
    expect(Array.from({ length: dropped.count }, (_, r) => dropped.packetAt(r))).toEqual([0, 2, 3]);
    expect(dropped.rowOf(2)).toEqual({ row: 1, exact: true });
    expect(dropped.rowOf(1)).toEqual({ row: 1, exact: false }); // next shown is packet 2
    expect(dropped.rowOf(4)).toEqual({ row: -1, exact: false });
  });

  it('leaves out packets a cancelled run never reached', () => {
    expect(displayList(6, verdicts, 3, 'dropped').count).toBe(2);
    expect(displayList(6, verdicts, 3, 'accepted').count).toBe(1);
  });

  it('finds the row of every shown packet (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, accepted) => {
        const v = Uint32Array.from(bytes, (b) => (b % 3 === 0 ? 0 : b));
        const list = displayList(v.length, v, v.length, accepted ? 'accepted' : 'dropped');
        for (let row = 0; row < list.count; row++) {
          const packet = list.packetAt(row);
          expect(v[packet] !== 0).toBe(accepted);
          expect(list.rowOf(packet)).toEqual({ row, exact: true });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('moveRow', () => {
  it.each([
    [5, 'ArrowDown', 6],
    [5, 'ArrowUp', 4],
    [0, 'ArrowUp', 0],
    [99, 'ArrowDown', 99],
    [5, 'PageDown', 14],
    [5, 'PageUp', 0],
    [50, 'Home', 0],
    [3, 'End', 99],
    [-1, 'ArrowDown', 0],
  ] as const)('from row %i, %s goes to row %i', (row, key, expected) => {
    expect(moveRow(row, key, 100, 10)).toBe(expected);
  });

  it('has nowhere to go in an empty list', () => {
    expect(moveRow(0, 'End', 0, 10)).toBe(-1);
  });
});
