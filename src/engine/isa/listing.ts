// SPDX-License-Identifier: MIT
/**
 * Program listings in two dialects: `d` is `tcpdump -d` exactly as libpcap prints it; `asm` is
 * bpf_asm text that re-assembles to the same bytes (labels, extension keywords, `.insn` for raw).
 */
import type { Program } from '../program.ts';
import { formatAsmInsn, formatAsmListing } from './format-asm.ts';
import { formatTcpdumpInsn, formatTcpdumpListing } from './format-tcpdump.ts';
import type { Insn } from './insn.ts';

/** A listing dialect: `d` (tcpdump -d) or `asm` (bpf_asm). */
export type ListingStyle = 'd' | 'asm';

/**
 * One instruction as text. `d`: the whole `tcpdump -d` line (`(000) ldh      [12]`), with absolute
 * jump targets. `asm`: the bpf_asm instruction alone, jump targets named by `label` (default `L<pc>`).
 */
export function formatInsn(
  insn: Insn,
  pc: number,
  style: ListingStyle,
  label?: (pc: number) => string,
): string {
  return style === 'd' ? formatTcpdumpInsn(insn, pc) : formatAsmInsn(insn, pc, label);
}

/** A whole program as text in the given dialect, one line per instruction, newline-terminated. */
export function disassemble(
  program: Program,
  style: ListingStyle,
  options: { comments?: boolean } = {},
): string {
  return style === 'd' ? formatTcpdumpListing(program.insns) : formatAsmListing(program, options);
}
