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

/** Atoms a block reads before writing them (its own use set, test included). */
function blockUse(b: IrBlock): Set<number> {
  const defined = new Set<number>();
  const used = new Set<number>();
  for (const insn of [...b.stmts.map((s) => s.insn), terminator(b)]) {
    for (const a of atomsUsed(insn)) if (!defined.has(a)) used.add(a);
    const d = atomDefined(insn);
    if (d !== undefined) defined.add(d);
  }
  return used;
}

function blockDef(b: IrBlock): Set<number> {
  const out = new Set<number>();
  for (const s of b.stmts) {
    const d = atomDefined(s.insn);
    if (d !== undefined) out.add(d);
  }
  return out;
}

/** Live atoms on entry (`in`) and exit (`out`) of every block; `order` is topological. */
export function liveness(order: readonly IrBlock[]): {
  liveIn: Map<IrBlock, Set<number>>;
  liveOut: Map<IrBlock, Set<number>>;
} {
  const liveIn = new Map<IrBlock, Set<number>>();
  const liveOut = new Map<IrBlock, Set<number>>();
  // The graph is acyclic: one pass from the leaves up settles it.
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i]!;
    const out = new Set<number>();
    for (const s of [b.jt, b.jf]) if (s) for (const a of liveIn.get(s) ?? []) out.add(a);
    const def = blockDef(b);
    const inn = blockUse(b);
    for (const a of out) if (!def.has(a)) inn.add(a);
    liveOut.set(b, out);
    liveIn.set(b, inn);
  }
  return { liveIn, liveOut };
}

/** Remove statements whose result is overwritten before use or dead at the block's exit (libpcap opt_deadstores). */
export function removeDeadStores(b: IrBlock, liveOut: ReadonlySet<number>): boolean {
  const last = new Map<number, number>();
  const dead = new Set<number>();
  const visit = (insn: Insn, i: number) => {
    for (const a of atomsUsed(insn)) last.delete(a);
    const d = atomDefined(insn);
    if (d === undefined) return;
    const prev = last.get(d);
    if (prev !== undefined) dead.add(prev);
    last.set(d, i);
  };
  b.stmts.forEach((s, i) => {
    visit(s.insn, i);
  });
  visit(terminator(b), b.stmts.length);
  for (const [atom, i] of last) if (!liveOut.has(atom) && i < b.stmts.length) dead.add(i);
  if (dead.size === 0) return false;
  b.stmts = b.stmts.filter((_, i) => !dead.has(i));
  return true;
}
