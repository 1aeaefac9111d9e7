// SPDX-License-Identifier: MIT
/**
 * Arithmetic and comparisons (libpcap gen_loadi, gen_load, gen_arth, gen_neg, gen_relation
 * facts). Every value lives in a scratch cell: constants are stored, operators load both sides
 * (`ldx M[b]; ld M[a]; op x`) and store the result. An accessor `proto[i]` also brings the test
 * that the packet has that header; `=` compiles as `sub x; jeq #0`. Two libpcap quirks are kept:
 * the protocol tests of a binary operator's right operand are dropped, and a constant-zero check
 * on division looks only at the right operand's first instruction.
 */

import type { AluOp, Insn, Size } from '../isa/insn.ts';
import {
  type Arith,
  type ArithOp,
  NETWORK_ACCESSORS,
  type ProtoQual,
  type RelOp,
  TRANSPORT_ACCESSORS,
} from './filter-ast.ts';
import { FLT } from './filter-codes.ts';
import { andFrag, type Frag, type IrStmt, notFrag } from './filter-ir.ts';
import type { LowerCtx } from './lower-context.ts';
import { notFragment } from './lower-port.ts';
import { lowerProtoAbbrev } from './lower-proto.ts';

/** A computed value: the code computing it, the cell holding it, and the tests it depends on. */
interface Value {
  stmts: IrStmt[];
  reg: number;
  frag?: Frag;
}

const ALU: Record<ArithOp, AluOp> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '&': 'and',
  '|': 'or',
  '^': 'xor',
  '<<': 'lsh',
  '>>': 'rsh',
};

const s = (insn: Insn): IrStmt => ({ insn });
const ldxMem = (reg: number) => s({ op: 'ldx', mode: 'mem', k: reg });
const ldMem = (reg: number) => s({ op: 'ld', mode: 'mem', k: reg });
const st = (reg: number) => s({ op: 'st', k: reg });

function loadConst(ctx: LowerCtx, v: number): Value {
  const reg = ctx.allocReg();
  return { stmts: [s({ op: 'ld', mode: 'imm', k: v >>> 0 }), st(reg)], reg };
}

/** `proto[index:size]`: libpcap gen_load_internal. */
function loadAccessor(ctx: LowerCtx, proto: ProtoQual, index: Value, size: Size): Value {
  const reg = ctx.allocReg();
  ctx.freeReg(index.reg);
  const L = ctx.link;
  const net = (L.offLinkPl + L.offNl) >>> 0;
  const ind = (k: number) => s({ op: 'ld', mode: 'ind', size, k: k >>> 0 });
  let frag = index.frag;
  // gencode.c gen_load_internal: X = index, plus the run-time part of the header offset if any.
  const indexX = (varReg: number | undefined) =>
    varReg === undefined
      ? [ldxMem(index.reg)]
      : [ldxMem(varReg), ldMem(index.reg), s({ op: 'alu', alu: 'add', src: 'x', k: 0 }), s({ op: 'tax' })];
  if (proto === 'link') {
    index.stmts.push(...indexX(L.varLinkHdr), ind(L.offLinkHdr));
  } else if (NETWORK_ACCESSORS.has(proto)) {
    index.stmts.push(...indexX(L.varLinkPl), ind(net));
    const b = lowerProtoAbbrev(ctx, proto);
    frag = frag ? andFrag(frag, b) : b;
  } else if (TRANSPORT_ACCESSORS.has(proto)) {
    index.stmts.push(
      ...ctx.loadIpHeaderLength(),
      ldMem(index.reg),
      s({ op: 'alu', alu: 'add', src: 'x', k: 0 }),
      s({ op: 'tax' }),
      ind(net),
    );
    let b = andFrag(lowerProtoAbbrev(ctx, proto), notFragment(ctx));
    if (frag) b = andFrag(frag, b);
    frag = andFrag(lowerProtoAbbrev(ctx, 'ip'), b);
  } else if (proto === 'icmp6') {
    let b = lowerProtoAbbrev(ctx, 'ip6');
    if (frag) b = andFrag(frag, b);
    frag = andFrag(b, ctx.cmp('linkpl', 6, 1, 58, 'IPv6 next header is ICMPv6'));
    index.stmts.push(...indexX(L.varLinkPl), ind(net + 40));
  } else if (proto === 'radio') {
    return ctx.fail(FLT.unsupportedOnLinkType, `radio headers are not present on ${L.linktype} captures`);
  } else {
    return ctx.fail(FLT.badQualifier, `'${proto}[...]' is not an accessor libpcap supports`);
  }
  index.stmts.push(st(reg));
  return frag ? { stmts: index.stmts, reg, frag } : { stmts: index.stmts, reg };
}

function binary(ctx: LowerCtx, op: ArithOp, a0: Value, a1: Value): Value {
  const stmts = [
    ...a0.stmts,
    ...a1.stmts,
    ldxMem(a1.reg),
    ldMem(a0.reg),
    s({ op: 'alu', alu: ALU[op], src: 'x', k: 0 }),
  ];
  ctx.freeReg(a0.reg);
  ctx.freeReg(a1.reg);
  const reg = ctx.allocReg();
  stmts.push(st(reg));
  // gen_arth keeps only the left operand's tests (the right one's are lost).
  return a0.frag ? { stmts, reg, frag: a0.frag } : { stmts, reg };
}

/** Lower an arithmetic expression to a value in a scratch cell. */
export function lowerArith(ctx: LowerCtx, a: Arith): Value {
  switch (a.kind) {
    case 'num':
      return loadConst(ctx, a.value);
    case 'len': {
      const reg = ctx.allocReg();
      return { stmts: [s({ op: 'ld', mode: 'len' }), st(reg)], reg };
    }
    case 'load': {
      const index = lowerArith(ctx, a.index);
      return loadAccessor(ctx, a.proto, index, a.size as Size);
    }
    case 'neg': {
      const v = lowerArith(ctx, a.operand);
      v.stmts.push(ldMem(v.reg), s({ op: 'neg' }), st(v.reg));
      return v;
    }
    case 'binary': {
      const left = lowerArith(ctx, a.left);
      const right = lowerArith(ctx, a.right);
      return binary(ctx, a.op, left, right);
    }
  }
}

/** `left relop right` (libpcap gen_relation): `<`, `<=`, `!=` negate `>=`, `>`, `=`. */
export function lowerRelation(ctx: LowerCtx, op: RelOp, left: Arith, right: Arith, note: string): Frag {
  const a0 = lowerArith(ctx, left);
  const a1 = lowerArith(ctx, right);
  const cond = op === '>' || op === '<=' ? 'jgt' : op === '>=' || op === '<' ? 'jge' : 'jeq';
  const reversed = op === '<' || op === '<=' || op === '!=';
  const stmts = [...a0.stmts, ...a1.stmts, ldxMem(a1.reg), ldMem(a0.reg)];
  if (cond === 'jeq') stmts.push(s({ op: 'alu', alu: 'sub', src: 'x', k: 0 }));
  let b = ctx.blocks.test(
    stmts,
    { cond, src: cond === 'jeq' ? 'k' : 'x', k: 0 },
    ctx.origin ? { span: ctx.origin.span, note } : undefined,
  );
  if (reversed) b = notFrag(b);
  ctx.freeReg(a0.reg);
  ctx.freeReg(a1.reg);
  const tests = a0.frag ? (a1.frag ? andFrag(a0.frag, a1.frag) : a0.frag) : a1.frag;
  return tests ? andFrag(tests, b) : b;
}
