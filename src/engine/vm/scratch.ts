// SPDX-License-Identifier: MIT
/**
 * The scratch family: `ld M[k]`, `ldx M[k]`, `st M[k]`, `stx M[k]` over the 16 words M[0..15].
 * An index of 16 or more is rejected by both checkers (Linux bpf_check_classic, libpcap
 * bpf_validate: reference §5 rule 5) and would address memory outside M[] in either machine, so
 * a program that gets here anyway ends with 0 as an invalid instruction.
 */
import type { Insn } from '../isa/insn.ts';
import { BPF_MEMWORDS } from '../isa/opcodes.ts';
import { type Effect, halt, type Machine } from './machine.ts';

type ScratchInsn =
  | Extract<Insn, { op: 'ld'; mode: 'mem' }>
  | Extract<Insn, { op: 'ldx'; mode: 'mem' }>
  | Extract<Insn, { op: 'st' }>
  | Extract<Insn, { op: 'stx' }>;

/** Whether `k` names a scratch word (0..15). */
export function isScratchIndex(k: number): boolean {
  return k >>> 0 < BPF_MEMWORDS;
}

/** Execute a scratch load or store. */
export function execScratch(insn: ScratchInsn, m: Machine): Effect {
  const index = insn.k >>> 0;
  if (!isScratchIndex(index)) return halt('invalid-instruction');
  switch (insn.op) {
    case 'ld': {
      const value = m.mem[index]!;
      return { a: value, read: { kind: 'mem', index, value } };
    }
    case 'ldx': {
      const value = m.mem[index]!;
      return { x: value, read: { kind: 'mem', index, value } };
    }
    case 'st':
      return { memWrite: { index, value: m.a } };
    case 'stx':
      return { memWrite: { index, value: m.x } };
  }
}
