// SPDX-License-Identifier: MIT
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_HEIGHT, scrollScale, scrollTopToReveal, visibleWindow } from './scroll-scale.ts';

const ROW = 22;

describe('scrollScale', () => {
  it('does not scale a list that fits', () => {
    expect(scrollScale(1000, ROW, 400)).toEqual({ spacerHeight: 22_000, ratio: 1 });
  });

  it('caps a million rows under the browser limit and scales the scroll position', () => {
    const scale = scrollScale(1_000_000, ROW, 400);
    expect(scale.spacerHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(scale.ratio).toBeCloseTo((22_000_000 - 400) / (MAX_SCROLL_HEIGHT - 400), 9);
  });
});

describe('visibleWindow', () => {
  it('shows the first rows at the top and the last row at the bottom of a million', () => {
    const n = 1_000_000;
    const scale = scrollScale(n, ROW, 400);
    expect(visibleWindow(scale, 0, n, ROW, 400)).toEqual({ first: 0, end: 20, shift: 0 });
    const bottom = visibleWindow(scale, scale.spacerHeight - 400, n, ROW, 400);
    expect(bottom.end).toBe(n);
    expect(bottom.first).toBe(n - Math.ceil(400 / ROW));
  });

  it('is empty for no rows', () => {
    expect(visibleWindow(scrollScale(0, ROW, 400), 0, 0, ROW, 400)).toEqual({ first: 0, end: 0, shift: 0 });
  });

  it('always covers the viewport and stays inside the list (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_000_000 }),
        fc.integer({ min: 40, max: 2000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, viewport, where) => {
          const scale = scrollScale(n, ROW, viewport);
          const maxScroll = Math.max(0, scale.spacerHeight - viewport);
          const w = visibleWindow(scale, where * maxScroll, n, ROW, viewport);
          expect(w.first).toBeGreaterThanOrEqual(0);
          expect(w.end).toBeLessThanOrEqual(n);
          expect(w.first).toBeLessThan(w.end);
          expect(w.shift).toBeGreaterThanOrEqual(0);
          expect(w.shift).toBeLessThan(ROW);
          // Rendered rows reach the viewport's bottom edge, or the list ends.
          expect((w.end - w.first) * ROW - w.shift >= viewport || w.end === n).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scrollTopToReveal', () => {
  it('leaves a visible row alone', () => {
    const scale = scrollScale(100, ROW, 400);
    expect(scrollTopToReveal(scale, 0, 5, ROW, 400)).toBeUndefined();
  });

  it('brings any row of a scaled list fully into view (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 60, max: 1500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, viewport, where, pick) => {
          const scale = scrollScale(n, ROW, viewport);
          const maxScroll = Math.max(0, scale.spacerHeight - viewport);
          const row = Math.min(n - 1, Math.floor(pick * n));
          const top = scrollTopToReveal(scale, where * maxScroll, row, ROW, viewport) ?? where * maxScroll;
          const w = visibleWindow(scale, Math.min(top, maxScroll), n, ROW, viewport);
          const rowTop = (row - w.first) * ROW - w.shift;
          expect(rowTop).toBeGreaterThanOrEqual(-1e-6);
          expect(rowTop + ROW).toBeLessThanOrEqual(viewport + 1e-6);
        },
      ),
      { numRuns: 300 },
    );
  });
});
