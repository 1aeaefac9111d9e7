// SPDX-License-Identifier: MIT
/**
 * The jump family: `ja` and `jeq/jgt/jge/jset` with k or X. Targets are pc + 1 + offset; a target
 * outside the program is left for `step` to end as `fell-off` (verdict 0), which only a program
 * the checkers reject can reach.
 */
import type { Insn, JumpCond } from '../isa/insn.ts';
import type { Effect, Machine } from './machine.ts';
import type { Semantics } from './types.ts';

/** Whether `pc` names an instruction (a malformed jt/jf could even make it fractional). */
export function isInProgram(pc: number, length: number): boolean {
  return Number.isInteger(pc) && pc >= 0 && pc < length;
}

/** Whether the condition holds; every comparison is unsigned 32-bit in both machines. */
export function jumpTest(cond: JumpCond, a: number, b: number): boolean {
  switch (cond) {
    case 'jeq':
      return a === b;
    case 'jgt':
      return a > b;
    case 'jge':
      return a >= b;
    // The kernel converts jset to eBPF JSET; libpcap tests `A & k`: both are "any common bit".
    case 'jset':
      return (a & b) !== 0;
  }
}

/**
 * Target of `ja k` at `pc`. The one place the machines differ: Linux reads k as unsigned
 * (net/core/filter.c: "All jumps are forward as they are not signed"; the checker demands
 * k < flen - pc - 1), libpcap sign-extends it (bpf_filter.c `pc += (bpf_int32)pc->k`, kept for
 * the backward jumps of `ip6 protochain`), so k = 0xffffffff jumps back to pc itself.
 */
export function jaTarget(pc: number, k: number, semantics: Semantics): number {
  if (semantics === 'libpcap') return pc + 1 + (k | 0);
  return pc + 1 + (k >>> 0);
}

/** Execute `ja`. */
export function execJa(insn: Extract<Insn, { op: 'ja' }>, pc: number, semantics: Semantics): Effect {
  const target = jaTarget(pc, insn.k, semantics);
  return { next: target, branch: { taken: true, target, other: target } };
}

/** Execute a conditional jump; k is ignored when the source is X. */
export function execJump(insn: Extract<Insn, { op: 'jmp' }>, m: Machine, pc: number): Effect {
  const rhs = insn.src === 'x' ? m.x : insn.k >>> 0;
  const taken = jumpTest(insn.cond, m.a, rhs);
  const whenTrue = pc + 1 + insn.jt;
  const whenFalse = pc + 1 + insn.jf;
  const target = taken ? whenTrue : whenFalse;
  const other = taken ? whenFalse : whenTrue;
  return { next: target, branch: { taken, target, other, lhs: m.a, rhs } };
}
