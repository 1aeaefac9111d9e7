// SPDX-License-Identifier: MIT
/**
 * Graph housekeeping for the optimizer: a topological order with predecessor lists, merging of
 * identical blocks (libpcap intern_blocks: same statements, same test, same successors), and
 * dropping a root whose test no longer matters (libpcap opt_root).
 */
import type { IrBlock } from './filter-ir.ts';

/** Blocks reachable from `root`, parents before children, and each block's predecessors. */
export function topoOrder(root: IrBlock): { order: IrBlock[]; preds: Map<IrBlock, IrBlock[]> } {
  const post: IrBlock[] = [];
  const seen = new Set<IrBlock>();
  const stack: { b: IrBlock; i: number }[] = [{ b: root, i: 0 }];
  seen.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const succ = [top.b.jt, top.b.jf][top.i++];
    if (top.i > 2) {
      post.push(top.b);
      stack.pop();
    } else if (succ && !seen.has(succ)) {
      seen.add(succ);
      stack.push({ b: succ, i: 0 });
    }
  }
  const order = post.reverse();
  const preds = new Map<IrBlock, IrBlock[]>(order.map((b) => [b, []]));
  for (const b of order) {
    if (b.jt) preds.get(b.jt)!.push(b);
    if (b.jf && b.jf !== b.jt) preds.get(b.jf)!.push(b);
  }
  return { order, preds };
}

function signature(b: IrBlock, id: (b: IrBlock | undefined) => number): string {
  const stmts = b.stmts.map((s) => JSON.stringify(s.insn)).join(';');
  const end = b.ret ? JSON.stringify(b.ret) : `${JSON.stringify(b.test)}>${id(b.jt)},${id(b.jf)}`;
  return `${stmts}|${end}`;
}

/** Merge identical blocks, leaves first; returns the (possibly replaced) root and whether anything merged. */
export function internBlocks(root: IrBlock): { root: IrBlock; changed: boolean } {
  const { order } = topoOrder(root);
  const canon = new Map<IrBlock, IrBlock>();
  const ids = new Map<IrBlock, number>();
  const bySig = new Map<string, IrBlock>();
  let changed = false;
  const id = (b: IrBlock | undefined) => (b ? ids.get(canon.get(b) ?? b)! : -1);
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i]!;
    if (b.jt) b.jt = canon.get(b.jt) ?? b.jt;
    if (b.jf) b.jf = canon.get(b.jf) ?? b.jf;
    const sig = signature(b, id);
    const same = bySig.get(sig);
    if (same) {
      canon.set(b, same);
      changed = true;
    } else {
      bySig.set(sig, b);
      canon.set(b, b);
      ids.set(b, ids.size);
    }
  }
  return { root: canon.get(root) ?? root, changed };
}

/** While the root's two edges meet, its test is moot: move its statements into the successor. */
export function simplifyRoot(root: IrBlock): IrBlock {
  let b = root;
  while (b.test && b.jt === b.jf && b.jt) {
    const next = b.jt;
    // The successor has no other predecessor (the graph is a DAG below the root).
    if (!next.ret) next.stmts = [...b.stmts, ...next.stmts];
    b = next;
  }
  return b;
}
