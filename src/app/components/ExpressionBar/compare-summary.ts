// SPDX-License-Identifier: MIT
/** The words of a comparison between the editor's program and an expression. */
import type { CompareOutcome } from '../../../worker/protocol.ts';

/** A verdict in words: `drop`, or `accept 262144` (the bytes kept). */
export function verdictWords(ret: number): string {
  return ret === 0 ? 'drop' : `accept ${ret}`;
}

/** The headline of a comparison. */
export function compareSummary(c: CompareOutcome): string {
  if (c.problem) return `Nothing compared: ${c.problem}.`;
  const differ = c.acceptDrop + c.lengths;
  const packets = `${c.total.toLocaleString('en')} packet${c.total === 1 ? '' : 's'}`;
  if (differ === 0) return `Same verdict on all ${packets}.`;
  const kinds = [
    c.acceptDrop > 0 ? `${c.acceptDrop.toLocaleString('en')} accept ≠ drop` : '',
    c.lengths > 0 ? `${c.lengths.toLocaleString('en')} different lengths` : '',
  ].filter(Boolean);
  return `${differ.toLocaleString('en')} of ${packets} differ (${kinds.join(', ')}).`;
}
