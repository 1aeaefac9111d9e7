// SPDX-License-Identifier: MIT
/**
 * The misc family: `tax` (X = A) and `txa` (A = X), plus `raw` instructions (codes neither
 * machine defines): Linux never loads them (chk_code_allowed) and libpcap's bpf_filter.c reaches
 * `default: abort()` on them, so they end the run as `invalid-instruction` with verdict 0.
 */
import type { Insn } from '../isa/insn.ts';
import { type Effect, halt, type Machine } from './machine.ts';

/** Execute `tax`, `txa` or a `raw` instruction. */
export function execMisc(insn: Extract<Insn, { op: 'tax' | 'txa' | 'raw' }>, m: Machine): Effect {
  switch (insn.op) {
    case 'tax':
      return { x: m.a };
    case 'txa':
      return { a: m.x };
    case 'raw':
      return halt('invalid-instruction');
  }
}
