// SPDX-License-Identifier: MIT
/**
 * Scroll geometry for a list of fixed-height rows that may be taller than any element a browser
 * can lay out (Chrome caps heights somewhere between ~16.7M and ~33.5M px, Firefox at ~17.9M px:
 * 1M rows of 22 px is 22M px). The scroll area is capped at MAX_SCROLL_HEIGHT and its scroll
 * position is scaled to the list's virtual height, so the last pixel of scroll shows the last row.
 */

/** The tallest scroll area we ask the browser for, well under every engine's limit. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/** Geometry of one scaled list. */
export interface ScrollScale {
  /** Height of the scroll area's content (the spacer). */
  spacerHeight: number;
  /** Virtual pixels per real scroll pixel (1 when no scaling is needed). */
  ratio: number;
}

/** The geometry for `rowCount` rows of `rowHeight` px in a viewport `viewportHeight` px tall. */
export function scrollScale(
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): ScrollScale {
  const virtual = rowCount * rowHeight;
  if (virtual <= maxHeight) return { spacerHeight: virtual, ratio: 1 };
  const realRange = Math.max(1, maxHeight - viewportHeight);
  const virtualRange = Math.max(1, virtual - viewportHeight);
  return { spacerHeight: maxHeight, ratio: virtualRange / realRange };
}

/** The rows to render at a scroll position, and how far the first one sits above the viewport. */
export interface RowWindow {
  /** First row (partly) visible. */
  first: number;
  /** One past the last row (partly) visible, clamped to the row count. */
  end: number;
  /** Pixels of the first row hidden above the viewport's top edge. */
  shift: number;
}

/** Which rows are visible at `scrollTop`. */
export function visibleWindow(
  scale: ScrollScale,
  scrollTop: number,
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
): RowWindow {
  if (rowCount === 0) return { first: 0, end: 0, shift: 0 };
  const maxVirtual = Math.max(0, rowCount * rowHeight - viewportHeight);
  const virtualTop = Math.min(maxVirtual, Math.max(0, scrollTop * scale.ratio));
  const first = Math.min(rowCount - 1, Math.floor(virtualTop / rowHeight));
  const shift = virtualTop - first * rowHeight;
  const end = Math.min(rowCount, first + Math.ceil((viewportHeight + shift) / rowHeight) + 1);
  return { first, end, shift };
}

/**
 * The scroll position that brings `row` fully into view with the least movement, or undefined
 * when it already is.
 */
export function scrollTopToReveal(
  scale: ScrollScale,
  scrollTop: number,
  row: number,
  rowHeight: number,
  viewportHeight: number,
): number | undefined {
  const virtualTop = scrollTop * scale.ratio;
  const rowTop = row * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop >= virtualTop && rowBottom <= virtualTop + viewportHeight) return undefined;
  const target = rowTop < virtualTop ? rowTop : rowBottom - viewportHeight;
  // Round so that the revealed row is not hidden again by a sub-pixel rounding of scrollTop.
  const real = target / scale.ratio;
  return Math.max(0, rowTop < virtualTop ? Math.floor(real) : Math.ceil(real));
}
