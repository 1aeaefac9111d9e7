// SPDX-License-Identifier: MIT
/**
 * Which packets the list shows, in order: all of them, or after "Run all" only those the program
 * accepted or dropped. A filtered list is a sorted typed array of packet indices, so a million
 * packets cost 4 MB, and finding a packet's row is a binary search.
 */
import type { ListFilter } from '../../../state/run-slice.ts';

/** The rows of the list, as packet indices (0-based). */
export interface DisplayList {
  count: number;
  /** The packet shown on row `row`. */
  packetAt(row: number): number;
  /** The row showing `packet`, or, when it is filtered out, the row of the next shown packet (-1: none). */
  rowOf(packet: number): { row: number; exact: boolean };
}

/** Every packet of the capture. */
function identity(total: number): DisplayList {
  return {
    count: total,
    packetAt: (row) => row,
    rowOf: (packet) =>
      packet < total ? { row: Math.max(0, packet), exact: packet >= 0 } : { row: -1, exact: false },
  };
}

/** The packets with a verdict matching `filter` (packets never run, after a cancel, match neither). */
export function displayList(
  total: number,
  verdicts: Uint32Array | undefined,
  done: number,
  filter: ListFilter,
): DisplayList {
  if (!verdicts || filter === 'all') return identity(total);
  const want = filter === 'accepted';
  const limit = Math.min(done, verdicts.length);
  let count = 0;
  for (let i = 0; i < limit; i++) if ((verdicts[i] !== 0) === want) count++;
  const rows = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < limit; i++) if ((verdicts[i] !== 0) === want) rows[at++] = i;
  return {
    count,
    packetAt: (row) => rows[row] ?? -1,
    rowOf(packet) {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((rows[mid] as number) < packet) lo = mid + 1;
        else hi = mid;
      }
      return lo < count ? { row: lo, exact: rows[lo] === packet } : { row: -1, exact: false };
    },
  };
}

/** Keys that move the selection in the list. */
export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

/** The row the selection moves to from `row` (-1: nothing selected) for `key`, `page` rows per page. */
export function moveRow(row: number, key: MoveKey, count: number, page: number): number {
  if (count === 0) return -1;
  const step = Math.max(1, page - 1);
  const to =
    key === 'Home'
      ? 0
      : key === 'End'
        ? count - 1
        : row < 0
          ? 0
          : row + { ArrowUp: -1, ArrowDown: 1, PageUp: -step, PageDown: step }[key];
  return Math.max(0, Math.min(count - 1, to));
}
