// SPDX-License-Identifier: MIT
/**
 * The optimizer's view of machine state: 18 atoms (scratch cells M[0..15], A, X), which atoms
 * each instruction reads and writes, and which atoms are live (read before being written) on
 * entry to and exit from every block.
 */
import type { Insn } from '../isa/insn.ts';
import { BPF_MEMWORDS } from '../isa/opcodes.ts';
import type { IrBlock } from './filter-ir.ts';

/** Atom index of the accumulator. */
export const A = BPF_MEMWORDS;
/** Atom index of the index register. */
export const X = BPF_MEMWORDS + 1;
/** Number of atoms. */
export const ATOMS = BPF_MEMWORDS + 2;

/** The atoms an instruction reads. */
export function atomsUsed(insn: Insn): number[] {
  switch (insn.op) {
    case 'ld':
      return insn.mode === 'ind' ? [X] : insn.mode === 'mem' ? [insn.k] : [];
    case 'ldx':
      return insn.mode === 'mem' ? [insn.k] : [];
    case 'alu':
      return insn.src === 'x' ? [A, X] : [A];
    case 'neg':
    case 'tax':
    case 'st':
      return [A];
    case 'txa':
    case 'stx':
      return [X];
    case 'jmp':
      return insn.src === 'x' ? [A, X] : [A];
    case 'ret':
      return insn.src === 'a' ? [A] : insn.src === 'x' ? [X] : [];
    default:
      return [];
  }
}

/** The atom an instruction writes, if any. */
export function atomDefined(insn: Insn): number | undefined {
  switch (insn.op) {
    case 'ld':
    case 'alu':
    case 'neg':
    case 'txa':
      return A;
    case 'ldx':
    case 'tax':
      return X;
    case 'st':
    case 'stx':
      return insn.k;
    default:
      return undefined;
  }
}

/** The terminator of a block as an instruction (its test, or its return). */
export function terminator(b: IrBlock): Insn {
  if (b.ret) return b.ret.src === 'k' ? { op: 'ret', src: 'k', k: b.ret.k } : { op: 'ret', src: 'a' };
  const t = b.test!;
  return { op: 'jmp', cond: t.cond, src: t.src, k: t.k, jt: 0, jf: 0 };
}

const bit = (a: number) => 1 << a;

/** A set of atoms held as a bitmask (18 atoms fit in one number). */
export class AtomSet implements ReadonlySet<number> {
  constructor(readonly mask: number) {}
  has(a: number): boolean {
    return (this.mask & bit(a)) !== 0;
  }
  get size(): number {
    let n = 0;
    for (let m = this.mask; m !== 0; m &= m - 1) n++;
    return n;
  }
  *[Symbol.iterator](): IterableIterator<number> {
    for (let a = 0; a < ATOMS; a++) if (this.has(a)) yield a;
  }
  *keys(): IterableIterator<number> {
    yield* this;
  }
  *values(): IterableIterator<number> {
    yield* this;
  }
  *entries(): IterableIterator<[number, number]> {
    for (const a of this) yield [a, a];
  }
  forEach(fn: (value: number, key: number, set: ReadonlySet<number>) => void): void {
    for (const a of this) fn(a, a, this);
  }
}

/** Bitmasks of the atoms a block reads before writing them (test included), and of those it writes. */
function readsAndWrites(b: IrBlock): { use: number; def: number } {
  let use = 0;
  let def = 0;
  const visit = (insn: Insn) => {
    for (const a of atomsUsed(insn)) if ((def & bit(a)) === 0) use |= bit(a);
    const d = atomDefined(insn);
    if (d !== undefined) def |= bit(d);
  };
  for (const s of b.stmts) visit(s.insn);
  visit(terminator(b));
  return { use, def };
}

/** Live atoms on entry (`in`) and exit (`out`) of every block; `order` is topological. */
export function liveness(order: readonly IrBlock[]): {
  liveIn: Map<IrBlock, AtomSet>;
  liveOut: Map<IrBlock, AtomSet>;
} {
  const inMask = new Map<IrBlock, number>();
  const liveIn = new Map<IrBlock, AtomSet>();
  const liveOut = new Map<IrBlock, AtomSet>();
  // The graph is acyclic: one pass from the leaves up settles it.
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i]!;
    const out = (b.jt ? (inMask.get(b.jt) ?? 0) : 0) | (b.jf ? (inMask.get(b.jf) ?? 0) : 0);
    const { use, def } = readsAndWrites(b);
    const inn = use | (out & ~def);
    inMask.set(b, inn);
    liveOut.set(b, new AtomSet(out));
    liveIn.set(b, new AtomSet(inn));
  }
  return { liveIn, liveOut };
}

/** Remove statements whose result is overwritten before use or dead at the block's exit (libpcap opt_deadstores). */
export function removeDeadStores(b: IrBlock, liveOut: ReadonlySet<number>): boolean {
  const last = new Array<number>(ATOMS).fill(-1);
  const dead: number[] = [];
  const visit = (insn: Insn, i: number) => {
    for (const a of atomsUsed(insn)) last[a] = -1;
    const d = atomDefined(insn);
    if (d === undefined) return;
    if (last[d]! >= 0) dead.push(last[d]!);
    last[d] = i;
  };
  for (let i = 0; i < b.stmts.length; i++) visit(b.stmts[i]!.insn, i);
  visit(terminator(b), b.stmts.length);
  for (let a = 0; a < ATOMS; a++) if (last[a]! >= 0 && !liveOut.has(a)) dead.push(last[a]!);
  if (dead.length === 0) return false;
  const drop = new Set(dead);
  b.stmts = b.stmts.filter((_, i) => !drop.has(i));
  return true;
}
