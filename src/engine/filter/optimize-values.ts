// SPDX-License-Identifier: MIT
/**
 * Value numbering (after libpcap's opt_stmt): every atom holds a symbolic value, numbered so that
 * equal expressions get equal numbers (`ldh [12]` is the same value in every block, because packet
 * bytes never change). Walking a block with these values lets the optimizer drop a load of a value
 * already in its register, fold constants, turn `[x + k]` with a constant X into `[k']`, and turn
 * `op x` with a constant X into `op #k`.
 */
import type { AluOp, Insn } from '../isa/insn.ts';
import type { IrBlock, IrStmt } from './filter-ir.ts';
import { A, ATOMS, X } from './optimize-atoms.ts';

/** Hash-consed symbolic values; a value number of 0 never occurs. */
export class ValueTable {
  private readonly keys = new Map<string, number>();
  private readonly consts = new Map<number, number>();
  private next = 1;

  /** The value of an operation on values (or on plain numbers, for offsets). */
  op(kind: string, a = 0, b = 0): number {
    const key = `${kind}|${a}|${b}`;
    let v = this.keys.get(key);
    if (v === undefined) {
      v = this.next++;
      this.keys.set(key, v);
    }
    return v;
  }

  /** The value of a constant. */
  k(c: number): number {
    const v = this.op('K', c >>> 0);
    this.consts.set(v, c >>> 0);
    return v;
  }

  /** A value nothing else equals (an atom's content on entry to a block whose predecessors disagree). */
  fresh(): number {
    return this.next++;
  }

  /** The constant a value stands for, if it is one. */
  constOf(v: number): number | undefined {
    return this.consts.get(v);
  }
}

/** Thrown when folding finds a division or shift libpcap refuses (caught by the optimizer). */
export class FoldError {
  constructor(readonly message: string) {}
}

/** Fold a binary ALU operation on constants (libpcap fold_op: shifts of 32 or more give 0). */
export function foldAlu(op: AluOp, a: number, b: number): number {
  switch (op) {
    case 'add':
      return (a + b) >>> 0;
    case 'sub':
      return (a - b) >>> 0;
    case 'mul':
      return Math.imul(a, b) >>> 0;
    case 'div':
      if (b === 0) throw new FoldError('division by zero');
      return Math.floor(a / b) >>> 0;
    case 'mod':
      if (b === 0) throw new FoldError('modulus by zero');
      return (a % b) >>> 0;
    case 'and':
      return (a & b) >>> 0;
    case 'or':
      return (a | b) >>> 0;
    case 'xor':
      return (a ^ b) >>> 0;
    case 'lsh':
      return b < 32 ? (a << b) >>> 0 : 0;
    case 'rsh':
      return b < 32 ? a >>> b : 0;
  }
}

/** The result of walking one block. */
export interface BlockValues {
  /** Atom values on exit. */
  exit: number[];
  /** The test's right operand: the constant's value or X's value. */
  oval: number;
  changed: boolean;
}

type Store = (atom: number, v: number) => void;

function simplifyAluK(
  s: IrStmt,
  insn: Insn & { op: 'alu' },
  vals: number[],
  t: ValueTable,
  store: Store,
): IrStmt | undefined {
  const { alu, k } = insn;
  if (k === 0) {
    if (alu === 'add' || alu === 'lsh' || alu === 'rsh' || alu === 'or' || alu === 'xor') return undefined;
    if (alu === 'mul' || alu === 'and') {
      store(A, t.k(0));
      return { ...s, insn: { op: 'ld', mode: 'imm', k: 0 } };
    }
    throw new FoldError(alu === 'div' ? 'division by zero' : 'modulus by zero');
  }
  const ca = t.constOf(vals[A]!);
  if (ca !== undefined) {
    const r = foldAlu(alu, ca, k);
    vals[A] = t.k(r);
    return { ...s, insn: { op: 'ld', mode: 'imm', k: r } };
  }
  vals[A] = t.op(`alu.${alu}`, vals[A], t.k(k));
  return s;
}

function simplifyAluX(
  s: IrStmt,
  insn: Insn & { op: 'alu' },
  vals: number[],
  t: ValueTable,
  store: Store,
): IrStmt | undefined {
  const cx = t.constOf(vals[X]!);
  const ca = t.constOf(vals[A]!);
  if (cx !== undefined) {
    if (ca !== undefined) {
      const r = foldAlu(insn.alu, ca, cx);
      vals[A] = t.k(r);
      return { ...s, insn: { op: 'ld', mode: 'imm', k: r } };
    }
    if ((insn.alu === 'lsh' || insn.alu === 'rsh') && cx > 31)
      throw new FoldError('shift by more than 31 bits');
    vals[A] = t.op(`alu.${insn.alu}`, vals[A], t.k(cx));
    return { ...s, insn: { op: 'alu', alu: insn.alu, src: 'k', k: cx } };
  }
  if (ca === 0) {
    if (insn.alu === 'add' || insn.alu === 'or' || insn.alu === 'xor') {
      store(A, vals[X]!);
      return { ...s, insn: { op: 'txa' } };
    }
    if (insn.alu !== 'sub') {
      store(A, t.k(0));
      return { ...s, insn: { op: 'ld', mode: 'imm', k: 0 } };
    }
  }
  vals[A] = t.op(`alu.${insn.alu}`, vals[A], vals[X]);
  return s;
}

interface StepCtx {
  vals: number[];
  t: ValueTable;
  alter: boolean;
  store: Store;
}

/** `ld`: a packet load (with a constant X, `[x + k]` becomes `[k']`), length, constant or cell. */
function stepLd(s: IrStmt, insn: Insn & { op: 'ld' }, c: StepCtx): IrStmt {
  const { vals, t, alter, store } = c;
  switch (insn.mode) {
    case 'abs':
      store(A, t.op(`ld${insn.size}`, insn.k));
      return s;
    case 'ind': {
      const cx = t.constOf(vals[X]!);
      if (!alter || cx === undefined) {
        store(A, t.op(`ldi${insn.size}`, insn.k, vals[X]));
        return s;
      }
      const k = (insn.k + cx) >>> 0;
      store(A, t.op(`ld${insn.size}`, k));
      return { ...s, insn: { op: 'ld', mode: 'abs', size: insn.size, k } };
    }
    case 'len':
      store(A, t.op('len'));
      return s;
    case 'imm':
      store(A, t.k(insn.k));
      return s;
    default:
      return stepMem(s, A, insn.k, c);
  }
}

/** `ld M[k]` / `ldx M[k]`: a cell holding a known constant becomes an immediate load. */
function stepMem(s: IrStmt, atom: number, cell: number, c: StepCtx): IrStmt {
  const v = c.vals[cell]!;
  const k = c.t.constOf(v);
  c.store(atom, v);
  if (!c.alter || k === undefined) return s;
  return { ...s, insn: atom === A ? { op: 'ld', mode: 'imm', k } : { op: 'ldx', mode: 'imm', k } };
}

function stepLdx(s: IrStmt, insn: Insn & { op: 'ldx' }, c: StepCtx): IrStmt {
  if (insn.mode === 'imm') c.store(X, c.t.k(insn.k));
  else if (insn.mode === 'msh') c.store(X, c.t.op('msh', insn.k));
  else if (insn.mode === 'len') c.store(X, c.t.op('len'));
  else return stepMem(s, X, insn.k, c);
  return s;
}

function stepNeg(s: IrStmt, c: StepCtx): IrStmt {
  const ca = c.t.constOf(c.vals[A]!);
  if (!c.alter || ca === undefined) {
    c.vals[A] = c.t.op('neg', c.vals[A]);
    return s;
  }
  const r = (0 - ca) >>> 0;
  c.vals[A] = c.t.k(r);
  return { ...s, insn: { op: 'ld', mode: 'imm', k: r } };
}

function stepAlu(s: IrStmt, insn: Insn & { op: 'alu' }, c: StepCtx): IrStmt | undefined {
  const { vals, t } = c;
  if (!c.alter) {
    vals[A] = t.op(`alu.${insn.alu}`, vals[A], insn.src === 'k' ? t.k(insn.k) : vals[X]);
    return s;
  }
  return insn.src === 'k' ? simplifyAluK(s, insn, vals, t, c.store) : simplifyAluX(s, insn, vals, t, c.store);
}

/** One statement: update `vals`; return the (possibly rewritten) statement, or undefined to drop it. */
function step(s: IrStmt, vals: number[], t: ValueTable, alter: boolean): IrStmt | undefined {
  let dropped = false;
  const store: Store = (atom, v) => {
    if (alter && vals[atom] === v) dropped = true;
    else vals[atom] = v;
  };
  const c: StepCtx = { vals, t, alter, store };
  const insn = s.insn;
  let out: IrStmt | undefined = s;
  if (insn.op === 'ld') out = stepLd(s, insn, c);
  else if (insn.op === 'ldx') out = stepLdx(s, insn, c);
  else if (insn.op === 'alu') out = stepAlu(s, insn, c);
  else if (insn.op === 'neg') out = stepNeg(s, c);
  else if (insn.op === 'txa') store(A, vals[X]!);
  else if (insn.op === 'tax') store(X, vals[A]!);
  else if (insn.op === 'st') store(insn.k, vals[A]!);
  else if (insn.op === 'stx') store(insn.k, vals[X]!);
  return dropped ? undefined : out;
}

/**
 * Walk a block from `entry` values: compute exit values and, when `alter`, rewrite its statements
 * (drop recomputations of values already in place, fold constants). Throws FoldError when folding
 * meets a division by zero or an oversized shift, which libpcap's optimizer refuses.
 */
export function walkBlock(b: IrBlock, entry: readonly number[], t: ValueTable, alter: boolean): BlockValues {
  const vals = entry.slice();
  const stmts: IrStmt[] = [];
  let changed = false;
  for (const s of b.stmts) {
    const out = step(s, vals, t, alter);
    if (out !== s) changed = true;
    if (out) stmts.push(out);
  }
  if (changed) b.stmts = stmts;
  const test = b.test;
  const oval = test ? (test.src === 'k' ? t.k(test.k) : vals[X]!) : 0;
  return { exit: vals, oval, changed };
}

/** Entry values of a block: its predecessors' exit values where they all agree, else fresh values. */
export function entryValues(preds: readonly (readonly number[])[], t: ValueTable): number[] {
  const out: number[] = [];
  for (let a = 0; a < ATOMS; a++) {
    const first = preds[0]?.[a];
    out.push(first !== undefined && preds.every((p) => p[a] === first) ? first : t.fresh());
  }
  return out;
}
