// SPDX-License-Identifier: MIT
/**
 * Peephole rewrites within a block (after libpcap's opt_peep): `st M[k]; ldx M[k]` becomes
 * `st M[k]; tax`; the constant-index pattern of `tcp[k]` (`ld #k; ldxb ...; add x; tax;
 * ld [x + j]`) becomes `ldxb ...; ld [x + j+k]`; and the test absorbs the arithmetic before it:
 * `sub x; jeq #0` is `jeq x`, `sub #c; jeq #k` is `jeq #(k+c)`, `and #m; jeq #0` is the negated
 * `jset #m`. Comparisons of a known constant are decided outright.
 */
import type { IrBlock, IrStmt } from './filter-ir.ts';
import { A, X } from './optimize-atoms.ts';
import type { ValueTable } from './optimize-values.ts';

/** `ld #k; [ldxb]; add x; tax; ld [x + j]` → `[ldxb]; ld [x + j+k]` when X is dead after the block. */
function foldConstantIndex(stmts: IrStmt[], liveOut: ReadonlySet<number>): boolean {
  if (liveOut.has(X)) return false;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i]!.insn;
    if (s.op !== 'ld' || s.mode !== 'imm') continue;
    let j = i + 1;
    const msh = stmts[j]?.insn;
    if (msh?.op === 'ldx' && msh.mode === 'msh') j++;
    const add = stmts[j]?.insn;
    const tax = stmts[j + 1]?.insn;
    const ild = stmts[j + 2]?.insn;
    if (add?.op !== 'alu' || add.alu !== 'add' || add.src !== 'x') continue;
    if (tax?.op !== 'tax' || ild?.op !== 'ld' || ild.mode !== 'ind') continue;
    stmts[j + 2] = { ...stmts[j + 2]!, insn: { ...ild, k: (ild.k + s.k) >>> 0 } };
    stmts.splice(j, 2);
    stmts.splice(i, 1);
    return true;
  }
  return false;
}

function pairRewrites(stmts: IrStmt[]): boolean {
  let changed = false;
  for (let i = 0; i + 1 < stmts.length; i++) {
    const s = stmts[i]!.insn;
    const n = stmts[i + 1]!.insn;
    if (s.op === 'st' && n.op === 'ldx' && n.mode === 'mem' && n.k === s.k) {
      stmts[i + 1] = { ...stmts[i + 1]!, insn: { op: 'tax' } };
      changed = true;
    } else if (s.op === 'ld' && s.mode === 'imm' && n.op === 'tax') {
      stmts[i] = { ...stmts[i]!, insn: { op: 'ldx', mode: 'imm', k: s.k } };
      stmts[i + 1] = { ...stmts[i + 1]!, insn: { op: 'txa' } };
      changed = true;
    }
  }
  return changed;
}

/** Fold the statement before a `jeq` into the test, when A is dead after the block. */
function absorbIntoTest(b: IrBlock, exitX: number, t: ValueTable, liveOut: ReadonlySet<number>): boolean {
  const test = b.test!;
  if (test.cond !== 'jeq' || test.src !== 'k' || liveOut.has(A) || b.stmts.length === 0) return false;
  const last = b.stmts[b.stmts.length - 1]!.insn;
  if (last.op !== 'alu') return false;
  if (last.alu === 'sub' && last.src === 'x') {
    const cx = t.constOf(exitX);
    if (cx !== undefined) b.test = { ...test, k: (test.k + cx) >>> 0 };
    else if (test.k === 0) b.test = { cond: 'jeq', src: 'x', k: 0 };
    else return false;
  } else if (last.alu === 'sub') b.test = { ...test, k: (test.k + last.k) >>> 0 };
  else if (last.alu === 'and' && last.src === 'k' && test.k === 0) {
    b.test = { cond: 'jset', src: 'k', k: last.k };
    const jt = b.jt!;
    b.jt = b.jf!;
    b.jf = jt;
  } else return false;
  b.stmts = b.stmts.slice(0, -1);
  return true;
}

/** Decide the test when its outcome is fixed: `jset #0`, or a known constant in A. */
function decideTest(b: IrBlock, exit: readonly number[], t: ValueTable): boolean {
  const test = b.test!;
  let k = test.k;
  if (test.src === 'x') {
    const cx = t.constOf(exit[X]!);
    if (cx === undefined) return false;
    b.test = { ...test, src: 'k', k: cx };
    k = cx;
  }
  let outcome: boolean | undefined;
  // libpcap also takes `jset #0xffffffff` as always true, which is wrong for A = 0; we do not.
  if (test.cond === 'jset' && k === 0) outcome = false;
  const ca = t.constOf(exit[A]!);
  if (ca !== undefined) {
    if (test.cond === 'jeq') outcome = ca === k;
    else if (test.cond === 'jgt') outcome = ca > k;
    else if (test.cond === 'jge') outcome = ca >= k;
    else outcome = (ca & k) !== 0;
  }
  if (outcome === undefined) return test.src === 'x';
  const target = (outcome ? b.jt : b.jf)!;
  if (b.jt === target && b.jf === target) return test.src === 'x';
  b.jt = target;
  b.jf = target;
  return true;
}

/** Apply the peephole rewrites to a block whose exit values are `exit`; true when anything changed. */
export function peephole(
  b: IrBlock,
  exit: readonly number[],
  t: ValueTable,
  liveOut: ReadonlySet<number>,
): boolean {
  if (!b.test) return false;
  const stmts = b.stmts.slice();
  let changed = pairRewrites(stmts);
  if (foldConstantIndex(stmts, liveOut)) changed = true;
  if (changed) b.stmts = stmts;
  // A rewritten test is decided next round, on values recomputed for it.
  if (absorbIntoTest(b, exit[X]!, t, liveOut)) return true;
  if (decideTest(b, exit, t)) changed = true;
  return changed;
}
