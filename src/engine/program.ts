// SPDX-License-Identifier: MIT
import type { SourceRange } from './diag/diagnostic.ts';
import type { Insn } from './isa/insn.ts';

/**
 * A classic BPF program plus what ties it back to its text: for each pc the source range it was
 * assembled from, and the label names the author gave (so listings and the editor speak the
 * author's words).
 */
export interface Program {
  insns: Insn[];
  /** `sourceMap[pc]` is the range of the instruction's text, when the program came from text. */
  sourceMap?: (SourceRange | undefined)[];
  /** Label names by pc (`labels[pc] = 'drop'`), when the author named the target. */
  labels?: Record<number, string>;
  /** Free-text comment per pc (e.g. the filter primitive an instruction implements). */
  comments?: Record<number, string>;
}
