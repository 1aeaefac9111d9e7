// SPDX-License-Identifier: MIT
/** Short constructors for the checker's unit tests: typed instructions and raw wire records. */
import type { Diagnostic } from '../../diag/diagnostic.ts';
import type { AluOp, Insn, JumpCond, RawInsn } from '../../isa/insn.ts';

export const ldi = (k: number): Insn => ({ op: 'ld', mode: 'imm', k });
export const ld = (k: number): Insn => ({ op: 'ld', mode: 'abs', size: 4, k });
export const ldh = (k: number): Insn => ({ op: 'ld', mode: 'abs', size: 2, k });
export const ldb = (k: number): Insn => ({ op: 'ld', mode: 'abs', size: 1, k });
export const ldInd = (k: number): Insn => ({ op: 'ld', mode: 'ind', size: 4, k });
export const ldMem = (k: number): Insn => ({ op: 'ld', mode: 'mem', k });
export const ldxMem = (k: number): Insn => ({ op: 'ldx', mode: 'mem', k });
export const ldLen: Insn = { op: 'ld', mode: 'len' };
export const ldxLen: Insn = { op: 'ldx', mode: 'len' };
export const msh = (k: number): Insn => ({ op: 'ldx', mode: 'msh', k });
export const st = (k: number): Insn => ({ op: 'st', k });
export const stx = (k: number): Insn => ({ op: 'stx', k });
export const alu = (op: AluOp, k: number): Insn => ({ op: 'alu', alu: op, src: 'k', k });
export const aluX = (op: AluOp): Insn => ({ op: 'alu', alu: op, src: 'x', k: 0 });
export const ja = (k: number): Insn => ({ op: 'ja', k });
export const jmp = (cond: JumpCond, k: number, jt: number, jf: number): Insn => ({
  op: 'jmp',
  cond,
  src: 'k',
  k,
  jt,
  jf,
});
export const ret = (k = 0): Insn => ({ op: 'ret', src: 'k', k });
export const retA: Insn = { op: 'ret', src: 'a' };
export const retX: Insn = { op: 'ret', src: 'x' };
export const tax: Insn = { op: 'tax' };
export const txa: Insn = { op: 'txa' };
export const raw = (code: number, k = 0, jt = 0, jf = 0): Insn => ({ op: 'raw', code, jt, jf, k });

/** A wire record. */
export const wire = (code: number, jt = 0, jf = 0, k = 0): RawInsn => ({ code, jt, jf, k });

/** The diagnostics of one code. */
export const only = (diagnostics: readonly Diagnostic[], code: string): Diagnostic[] =>
  diagnostics.filter((d) => d.code === code);

/** "severity code pc" per diagnostic, for compact assertions. */
export const summary = (diagnostics: readonly Diagnostic[]): string[] =>
  diagnostics.map((d) => `${d.severity} ${d.code}${d.pc === undefined ? '' : ` @${d.pc}`}`);
