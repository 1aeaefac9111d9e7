// SPDX-License-Identifier: MIT
/**
 * The ALU family: `add sub mul div mod and or xor lsh rsh` with k or X, and `neg`. All arithmetic
 * is on unsigned 32-bit values (`>>> 0`, `Math.imul`), as in both machines: libpcap's A is a
 * bpf_u_int32 and the kernel converts each op to a 32-bit eBPF ALU op.
 */
import type { AluOp, Insn, Src } from '../isa/insn.ts';
import { type Effect, halt, type Machine, type StepEnv } from './machine.ts';
import type { Semantics } from './types.ts';

/** `aluCompute`'s result for a division or modulo by zero: the program returns 0. */
export const DIVIDE_BY_ZERO = -1;

/**
 * How far a shift moves A, or -1 when the result is 0 regardless of A.
 * - By X, the one place the machines differ: linux masks the count with `& 31` (kernel/bpf/core.c
 *   interpreter and every JIT shift by `X & 31`: 5<<32 = 5, 1<<33 = 2, 0x30>>36 = 3, reference §6),
 *   while libpcap tests `X < 32` and sets A = 0 otherwise (bpf_filter.c, since commit db833b99).
 * - By a constant k >= 32: Linux's checker rejects it (reference §5 rule 4), so a kernel never runs
 *   one; were it to, the interpreter and JITs mask it like X. libpcap's validator accepts it and
 *   bpf_filter.c shifts with a plain C `<<`, which is undefined in C; the x86-64 and arm64 builds
 *   mask it by 31 (verified here: 1<<32 = 1, 1<<33 = 2, 0x30>>36 = 3). Both semantics therefore
 *   mask constant shifts, which is what libpcap really returns on the machines it runs on.
 */
export function shiftCount(count: number, src: Src, semantics: Semantics): number {
  if (src === 'x' && semantics === 'libpcap') return count >>> 0 < 32 ? count : -1;
  return count & 31;
}

/**
 * A <op> b as u32, or DIVIDE_BY_ZERO. Division and modulo by zero return 0 from the program in
 * both machines: bpf_filter.c `if (X == 0) return 0;`, and the kernel's conversion emits a test
 * that exits with A = 0 ("For cBPF programs, this was always return 0", bpf_convert_filter).
 * A constant divisor of 0 is rejected by both checkers; if one runs anyway it ends the same way.
 */
export function aluCompute(op: AluOp, a: number, b: number, src: Src, semantics: Semantics): number {
  switch (op) {
    case 'add':
      return (a + b) >>> 0;
    case 'sub':
      return (a - b) >>> 0;
    case 'mul':
      return Math.imul(a, b) >>> 0;
    // u32 / u32 in doubles: the quotient is never rounded up to the next integer, so >>> 0 floors it.
    case 'div':
      return b === 0 ? DIVIDE_BY_ZERO : (a / b) >>> 0;
    case 'mod':
      return b === 0 ? DIVIDE_BY_ZERO : (a % b) >>> 0;
    case 'and':
      return (a & b) >>> 0;
    case 'or':
      return (a | b) >>> 0;
    case 'xor':
      return (a ^ b) >>> 0;
    case 'lsh': {
      const n = shiftCount(b, src, semantics);
      return n < 0 ? 0 : (a << n) >>> 0;
    }
    case 'rsh': {
      const n = shiftCount(b, src, semantics);
      return n < 0 ? 0 : a >>> n;
    }
  }
}

/** `neg`: two's complement, A = -A mod 2^32 (libpcap writes it as `(u32)-(s32)A`). */
export function negate(a: number): number {
  return -a >>> 0;
}

/** Execute `alu` (op with k or X); the operand k is ignored when the source is X. */
export function execAlu(insn: Extract<Insn, { op: 'alu' }>, m: Machine, env: StepEnv): Effect {
  const b = insn.src === 'x' ? m.x : insn.k >>> 0;
  const value = aluCompute(insn.alu, m.a, b, insn.src, env.semantics);
  return value === DIVIDE_BY_ZERO ? halt('divide-by-zero') : { a: value };
}

/** Execute `neg`. */
export function execNeg(m: Machine): Effect {
  return { a: negate(m.a) };
}
