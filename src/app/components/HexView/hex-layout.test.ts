// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import { fitLayout } from './hex-layout.ts';

describe('fitLayout', () => {
  const ch = 7.5;
  it.each([
    [900, { perRow: 16, ascii: true }],
    [580, { perRow: 16, ascii: true }],
    [430, { perRow: 16, ascii: false }],
    [330, { perRow: 8, ascii: true }],
    [200, { perRow: 8, ascii: false }],
  ])('%i px → %j', (width, layout) => {
    expect(fitLayout(width, ch, 4)).toEqual(layout);
  });

  it('needs more room for six-digit offsets', () => {
    const width = 580;
    expect(fitLayout(width, ch, 6).ascii).toBe(false);
  });
});
