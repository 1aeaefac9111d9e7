// SPDX-License-Identifier: MIT
/**
 * The compiler's intermediate form, in libpcap's style: basic blocks of straight-line statements
 * ending in one conditional jump (or a return), joined into a graph. A fragment is a sub-graph
 * with an entry and two lists of dangling exits, the ones taken when the fragment is true and the
 * ones taken when it is false; `and`, `or` and `not` only rewire those exits.
 */
import type { Insn, JumpCond, Src } from '../isa/insn.ts';
import type { Span } from './source-text.ts';

/** A straight-line instruction; `jt`/`jf` are statement indices for jumps inside a block (protochain). */
export interface IrStmt {
  insn: Insn;
  jt?: number;
  jf?: number;
  /** The primitive the statement implements (filled from its block before optimizing). */
  origin?: IrOrigin | undefined;
}

/** The test that ends a block: `A <cond> k` or `A <cond> X`. */
export interface IrTest {
  cond: JumpCond;
  src: Src;
  k: number;
}

/** Where a block came from in the expression, and what its test checks (for listings). */
export interface IrOrigin {
  span: Span;
  note: string;
}

/** A basic block: statements, then a test with two successors, or a return. */
export interface IrBlock {
  id: number;
  stmts: IrStmt[];
  test?: IrTest;
  jt?: IrBlock;
  jf?: IrBlock;
  /** For a return block: the value returned (`ret #k`), or A (`ret a`). */
  ret?: { src: 'k'; k: number } | { src: 'a' };
  origin?: IrOrigin | undefined;
}

/** One dangling edge of a fragment. */
export interface Exit {
  block: IrBlock;
  side: 'jt' | 'jf';
}

/** A sub-graph being built: its entry and its true and false exits. */
export interface Frag {
  head: IrBlock;
  t: Exit[];
  f: Exit[];
}

/** Allocates block ids. */
export class BlockFactory {
  private next = 0;

  /** A block ending in a test, as a one-block fragment (true exit = jt, false exit = jf). */
  test(stmts: IrStmt[], test: IrTest, origin?: IrOrigin): Frag {
    const block: IrBlock = origin
      ? { id: this.next++, stmts, test, origin }
      : { id: this.next++, stmts, test };
    return { head: block, t: [{ block, side: 'jt' }], f: [{ block, side: 'jf' }] };
  }

  /** A return block. */
  ret(k: number): IrBlock {
    return { id: this.next++, stmts: [], ret: { src: 'k', k: k >>> 0 } };
  }
}

/** Point every exit at `target`. */
export function patch(exits: readonly Exit[], target: IrBlock): void {
  for (const e of exits) e.block[e.side] = target;
}

/** `a and b`: a's true exits enter b (libpcap gen_and). */
export function andFrag(a: Frag, b: Frag): Frag {
  patch(a.t, b.head);
  return { head: a.head, t: b.t, f: [...a.f, ...b.f] };
}

/** `a or b`: a's false exits enter b (libpcap gen_or). */
export function orFrag(a: Frag, b: Frag): Frag {
  patch(a.f, b.head);
  return { head: a.head, t: [...a.t, ...b.t], f: b.f };
}

/** `not a`: the exits swap meaning (libpcap gen_not). */
export function notFrag(a: Frag): Frag {
  return { head: a.head, t: a.f, f: a.t };
}

/** Every block reachable from `root`, each once, in depth-first order (jt before jf). */
export function reachableBlocks(root: IrBlock): IrBlock[] {
  const seen = new Set<IrBlock>();
  const out: IrBlock[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (seen.has(b)) continue;
    seen.add(b);
    out.push(b);
    if (b.jf) stack.push(b.jf);
    if (b.jt) stack.push(b.jt);
  }
  return out;
}
