// SPDX-License-Identifier: MIT
/** The per-instruction rows the listing, branch-path view and editor decorations share. */
import {
  assignLabels,
  encode,
  formatAsmInsn,
  formatTcpdumpInsn,
  jumpTargets,
  type Program,
} from '../engine/index.ts';
import type { ListingRow } from './protocol.ts';

/** One row per pc of `program`, with both dialects, the source line and jump targets. */
export function buildListing(program: Program): ListingRow[] {
  const labels = assignLabels(program);
  const label = (pc: number) => labels.get(pc) ?? `L${pc}`;
  return program.insns.map((insn, pc) => {
    const raw = encode(insn);
    const targets = jumpTargets(insn, pc);
    const line = program.sourceMap?.[pc]?.startLine;
    const name = labels.get(pc);
    return {
      pc,
      asm: formatAsmInsn(insn, pc, label),
      d: formatTcpdumpInsn(insn, pc),
      code: raw.code,
      jt: raw.jt,
      jf: raw.jf,
      k: raw.k,
      ...(line !== undefined ? { line } : {}),
      ...(name !== undefined ? { label: name } : {}),
      ...(targets ? { targets } : {}),
    };
  });
}
