// SPDX-License-Identifier: MIT
/**
 * One classic BPF instruction in wasm. A, X and M[0..15] are locals; a jump is a `br`/`br_if` to
 * the block its target pc closes; `ret` branches to the verdict block with the value; whatever
 * makes the program "return 0" early (out-of-bounds load, division by zero) branches to the
 * return-0 block.
 */
import type { AluOp, Insn, JumpCond } from '../../isa/insn.ts';
import { isInvalid, jaTarget } from './analyze.ts';
import { type EmitContext, L, type Label } from './emit-context.ts';
import { emitLoadAbs, emitLoadInd, emitLoadMsh } from './emit-loads.ts';
import { Op } from './wasm-encoder.ts';

type AluInsn = Extract<Insn, { op: 'alu' }>;
type JumpInsn = Extract<Insn, { op: 'jmp' }>;

const ALU_OPCODE: Record<Exclude<AluOp, 'div' | 'mod'>, number> = {
  add: Op.i32_add,
  sub: Op.i32_sub,
  mul: Op.i32_mul,
  and: Op.i32_and,
  or: Op.i32_or,
  xor: Op.i32_xor,
  lsh: Op.i32_shl,
  rsh: Op.i32_shr_u,
};

function emitAlu(ctx: EmitContext, insn: AluInsn): void {
  const k = insn.k >>> 0;
  const operand = () => (insn.src === 'k' ? ctx.const(k) : ctx.get(L.X));
  if (insn.alu === 'div' || insn.alu === 'mod') {
    // Both machines: division or modulo by zero ends the program with 0 (the checkers reject a
    // constant 0 divisor; the interpreter still defines it the same way).
    if (insn.src === 'k' && k === 0) {
      ctx.br('zero');
      return;
    }
    if (insn.src === 'x') {
      ctx.get(L.X).ops(Op.i32_eqz);
      ctx.brIf('zero');
    }
    ctx.get(L.A);
    operand();
    ctx.ops(insn.alu === 'div' ? Op.i32_div_u : Op.i32_rem_u).set(L.A);
    return;
  }
  const isShift = insn.alu === 'lsh' || insn.alu === 'rsh';
  if (isShift && insn.src === 'x' && ctx.semantics === 'libpcap') {
    // bpf_filter.c (since db833b99): a shift by X >= 32 gives A = 0. wasm masks the count, so select.
    ctx.get(L.A).get(L.X).ops(ALU_OPCODE[insn.alu]).const(0);
    ctx.get(L.X).const(32).ops(Op.i32_lt_u, Op.select).set(L.A);
    return;
  }
  // Linux masks shift counts by 31 (kernel/bpf/core.c), exactly what wasm's shl/shr_u do; a
  // constant count >= 32 never passes either checker and behaves the same way here.
  ctx.get(L.A);
  operand();
  ctx.ops(ALU_OPCODE[insn.alu]).set(L.A);
}

const COND_OPCODE: Record<Exclude<JumpCond, 'jset'>, [taken: number, notTaken: number]> = {
  jeq: [Op.i32_eq, Op.i32_ne],
  jgt: [Op.i32_gt_u, Op.i32_le_u],
  jge: [Op.i32_ge_u, Op.i32_lt_u],
};

/** Push the jump's condition, or its negation when `negate`. */
function pushCondition(ctx: EmitContext, insn: JumpInsn, negate: boolean): void {
  ctx.get(L.A);
  if (insn.src === 'k') ctx.const(insn.k >>> 0);
  else ctx.get(L.X);
  if (insn.cond === 'jset') {
    ctx.ops(Op.i32_and);
    if (negate) ctx.ops(Op.i32_eqz);
    return;
  }
  ctx.ops(COND_OPCODE[insn.cond][negate ? 1 : 0]);
}

/** The block a jump to `target` branches to: past the end the run falls off and returns 0. */
function targetLabel(ctx: EmitContext, target: number): Label {
  return target >= ctx.programLength ? 'zero' : target;
}

function emitJump(ctx: EmitContext, insn: JumpInsn, pc: number): void {
  const onTrue = targetLabel(ctx, pc + 1 + insn.jt);
  const onFalse = targetLabel(ctx, pc + 1 + insn.jf);
  if (insn.jt === insn.jf) {
    if (insn.jt > 0) ctx.br(onTrue);
    return;
  }
  if (insn.jt === 0) {
    pushCondition(ctx, insn, true);
    ctx.brIf(onFalse);
    return;
  }
  pushCondition(ctx, insn, false);
  ctx.brIf(onTrue);
  if (insn.jf > 0) ctx.br(onFalse);
}

function emitLd(ctx: EmitContext, insn: Extract<Insn, { op: 'ld' }>, xMax: number): void {
  switch (insn.mode) {
    case 'imm':
      ctx.const(insn.k);
      break;
    case 'mem':
      ctx.get(L.M0 + insn.k);
      break;
    case 'len':
      ctx.get(L.wire);
      break;
    case 'abs':
      emitLoadAbs(ctx, insn.size, insn.k);
      break;
    case 'ind':
      emitLoadInd(ctx, insn.size, insn.k, xMax);
      break;
  }
  ctx.set(L.A);
}

function emitLdx(ctx: EmitContext, insn: Extract<Insn, { op: 'ldx' }>): void {
  switch (insn.mode) {
    case 'imm':
      ctx.const(insn.k);
      break;
    case 'mem':
      ctx.get(L.M0 + insn.k);
      break;
    case 'len':
      ctx.get(L.wire);
      break;
    case 'msh':
      emitLoadMsh(ctx, insn.k);
      break;
  }
  ctx.set(L.X);
}

/** Emit the wasm for the instruction at `pc`; `xMax` bounds X on entry (for `[x + k]`). */
export function emitInsn(ctx: EmitContext, insn: Insn, pc: number, xMax: number): void {
  if (isInvalid(insn)) {
    ctx.br('zero'); // the interpreter's `invalid-instruction` end: verdict 0
    return;
  }
  switch (insn.op) {
    case 'ld':
      emitLd(ctx, insn, xMax);
      return;
    case 'ldx':
      emitLdx(ctx, insn);
      return;
    case 'st':
      ctx.get(L.A).set(L.M0 + insn.k);
      return;
    case 'stx':
      ctx.get(L.X).set(L.M0 + insn.k);
      return;
    case 'alu':
      emitAlu(ctx, insn);
      return;
    case 'neg':
      ctx.const(0).get(L.A).ops(Op.i32_sub).set(L.A);
      return;
    case 'ja':
      if (insn.k !== 0) ctx.br(targetLabel(ctx, jaTarget(pc, insn.k, ctx.semantics)));
      return;
    case 'jmp':
      emitJump(ctx, insn, pc);
      return;
    case 'ret':
      if (insn.src === 'k') ctx.const(insn.k);
      else ctx.get(L.A);
      ctx.br('ret');
      return;
    case 'tax':
      ctx.get(L.A).set(L.X);
      return;
    case 'txa':
      ctx.get(L.X).set(L.A);
      return;
    case 'raw':
      return; // handled by isInvalid above
  }
}
