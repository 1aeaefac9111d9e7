// SPDX-License-Identifier: MIT
/**
 * The whole module: `run(count, bias, limit, metaStride, offsets, caplens, wirelens, verdicts,
 * metaBase)` loops over packets laid out in linear memory (layout.ts), runs the translated program
 * on each (A, X and the scratch cells it reads reset to 0 per packet) and stores each verdict.
 * Forward jumps become nested blocks: every jump target pc closes one block, opened (outermost =
 * highest pc) before the first instruction.
 */
import type { Insn } from '../../isa/insn.ts';
import type { Semantics } from '../types.ts';
import type { ProgramPlan } from './analyze.ts';
import { EmitContext, L, RUN_I32_LOCALS, RUN_PARAMS } from './emit-context.ts';
import { emitInsn } from './emit-insn.ts';
import { emitNegativeHelper, NEG_HELPER_TYPE } from './emit-loads.ts';
import { pagesFor, type StagingLayout, stagingLayout } from './layout.ts';
import type { MetaField } from './meta-slots.ts';
import { xUpperBounds } from './range-analysis.ts';
import { encodeModule, type FuncDef, I32, I64, Op } from './wasm-encoder.ts';

/** A translated program: the module's bytes and what the host must lay out for it. */
export interface Translation {
  bytes: Uint8Array;
  /** Metadata words per packet, in row order (empty: the program reads no metadata). */
  metaFields: readonly MetaField[];
  /** Where the staging area's arrays and data are. */
  staging: StagingLayout;
  /** The module reads the wire-length array. */
  usesLen: boolean;
}

function emitBody(ctx: EmitContext, insns: readonly Insn[], plan: ProgramPlan): void {
  const needsBounds = insns.some((i) => i.op === 'ld' && i.mode === 'ind');
  const xMax = needsBounds ? xUpperBounds(insns) : undefined;
  ctx.openBlock('ret', I32);
  ctx.openBlock('zero');
  for (let t = plan.targets.length - 1; t >= 0; t--) ctx.openBlock(plan.targets[t]!);
  const isTarget = new Set(plan.targets);
  insns.forEach((insn, pc) => {
    if (isTarget.has(pc)) ctx.closeBlock(pc);
    emitInsn(ctx, insn, pc, xMax ? xMax[pc]! : 0);
  });
  ctx.closeBlock('zero');
  ctx.const(0); // falling out of the return-0 block
  ctx.closeBlock('ret');
}

/** Per packet: its address, its caplen cut back to the batch's data, its wire length. */
function emitPacketPrologue(ctx: EmitContext, plan: ProgramPlan): void {
  const w = ctx.w;
  ctx.get(L.offsets).get(L.p).ops(Op.i32_add);
  w.mem(Op.i32_load, 2, 0);
  w.local(Op.local_tee, L.off);
  ctx.get(L.bias).ops(Op.i32_add).set(L.pkt);
  ctx.get(L.caplens).get(L.p).ops(Op.i32_add);
  w.mem(Op.i32_load, 2, 0);
  ctx.set(L.cap);
  // room = off <= limit ? limit - off : 0; cap = min(cap, room), unsigned: a packet never reads
  // past the batch's data (the interpreter sees data.subarray(off, off + caplen)).
  ctx.get(L.limit).get(L.off).ops(Op.i32_sub).const(0).get(L.off).get(L.limit).ops(Op.i32_le_u, Op.select);
  ctx.set(L.tmp);
  ctx.get(L.cap).get(L.tmp).get(L.cap).get(L.tmp).ops(Op.i32_le_u, Op.select).set(L.cap);
  if (plan.usesLen) {
    ctx.get(L.wirelens).get(L.p).ops(Op.i32_add);
    w.mem(Op.i32_load, 2, 0);
    ctx.set(L.wire);
  }
  // A = X = 0 for every packet (both machines); scratch cells too, as the interpreter does.
  ctx.const(0).set(L.A).const(0).set(L.X);
  for (const cell of plan.readCells) ctx.const(0).set(L.M0 + cell);
}

function emitRun(ctx: EmitContext, insns: readonly Insn[], plan: ProgramPlan): void {
  const w = ctx.w;
  ctx.get(L.count).const(2).ops(Op.i32_shl).set(L.end);
  w.open(Op.block);
  ctx.get(L.count).ops(Op.i32_eqz);
  w.branch(Op.br_if, 0);
  ctx.get(L.metaBase).set(L.meta);
  w.open(Op.loop);
  emitPacketPrologue(ctx, plan);
  ctx.get(L.verdicts).get(L.p).ops(Op.i32_add); // address operand of the verdict store
  emitBody(ctx, insns, plan);
  w.mem(Op.i32_store, 2, 0);
  if (ctx.slots.fields.length > 0) ctx.get(L.meta).get(L.metaStride).ops(Op.i32_add).set(L.meta);
  ctx.get(L.p).const(4).ops(Op.i32_add);
  w.local(Op.local_tee, L.p);
  ctx.get(L.end).ops(Op.i32_ne);
  w.branch(Op.br_if, 0);
  w.op(Op.end); // loop
  w.op(Op.end); // block
}

function runLocals(): (typeof I32 | typeof I64)[] {
  const i32s = (n: number) => new Array<typeof I32>(n).fill(I32);
  return [...i32s(RUN_I32_LOCALS), I64, ...i32s(16)];
}

/** Translate a program `planProgram` accepted into a wasm module. */
export function translate(insns: readonly Insn[], semantics: Semantics, plan: ProgramPlan): Translation {
  const ctx = new EmitContext(semantics, insns.length);
  emitRun(ctx, insns, plan);
  const functions: FuncDef[] = [{ type: 0, locals: runLocals(), body: ctx.w }];
  if (ctx.usesNeg) {
    const neg = emitNegativeHelper(ctx.slots.slot('networkOffset'), ctx.slots.slot('linkOffset'));
    functions.push({ type: 1, locals: neg.locals, body: neg.body });
  }
  const staging = stagingLayout(ctx.slots.rowBytes);
  const bytes = encodeModule({
    types: [
      { params: new Array<typeof I32>(RUN_PARAMS).fill(I32), results: [] },
      { params: [...NEG_HELPER_TYPE.params], results: [I64] },
    ],
    functions,
    exports: [{ name: 'run', func: 0 }],
    memory: { min: pagesFor(staging.end), exportAs: 'memory' },
  });
  return { bytes, metaFields: [...ctx.slots.fields], staging, usesLen: plan.usesLen };
}
