// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { relativeTime, verdictCell } from './columns.ts';

describe('relativeTime', () => {
  it.each([
    [[100, 0, 100, 0], '0.000000'],
    [[100, 1_500, 100, 0], '0.000001'],
    [[101, 250_000_000, 100, 500_000_000], '0.750000'],
    [[1_700_003_600, 0, 1_700_000_000, 999_999_999], '3599.000000'],
    [[100, 0, 100, 2_000_000], '-0.002000'],
    [[99, 900_000_000, 100, 0], '-0.100000'],
  ] as const)('%j → %s', ([sec, nsec, firstSec, firstNsec], text) => {
    expect(relativeTime(sec, nsec, firstSec, firstNsec)).toBe(text);
  });
});

describe('verdictCell', () => {
  it('says drop, accept N, or that the packet was not run', () => {
    expect(verdictCell(0, 60)).toMatchObject({ text: 'drop', kind: 'drop' });
    expect(verdictCell(96, 1514)).toEqual({
      text: 'accept 96',
      kind: 'accept',
      title: 'returned 96: accept, truncated to the first 96 of 1514 bytes',
    });
    expect(verdictCell(0xffffffff, 60)).toMatchObject({ text: 'accept 0xffffffff', kind: 'accept' });
    expect(verdictCell(262144, 60).text).toBe('accept 262144');
    expect(verdictCell(undefined, 60)).toMatchObject({ text: '—', kind: 'none' });
  });
});
