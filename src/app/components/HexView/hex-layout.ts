// SPDX-License-Identifier: MIT
/** How many bytes a hex-dump row holds, and whether the ASCII column fits, for a pane's width. */

/** How the dump fits its pane: 16 bytes a row with ASCII when there is room, less when narrow. */
export interface HexLayout {
  perRow: 8 | 16;
  ascii: boolean;
}

/**
 * The widest layout that fits `width` px at `ch` px per character (widths from hex-view.css:
 * a byte 2.8ch, an ASCII cell 1.15ch, 1ch padding either side of each column, a scroll bar).
 */
export function fitLayout(width: number, ch: number, offsetDigits: number): HexLayout {
  const needs = (perRow: number, ascii: boolean) =>
    (4 + offsetDigits + perRow * 2.8 + (perRow / 8) * 0.9 + (ascii ? 1 + perRow * 1.15 : 0)) * ch + 16;
  const layouts: HexLayout[] = [
    { perRow: 16, ascii: true },
    { perRow: 16, ascii: false },
    { perRow: 8, ascii: true },
  ];
  return layouts.find((l) => needs(l.perRow, l.ascii) <= width) ?? { perRow: 8, ascii: false };
}
