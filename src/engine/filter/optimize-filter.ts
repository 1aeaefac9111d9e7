// SPDX-License-Identifier: MIT
/**
 * Pass 5, optimize, in the spirit of libpcap's optimizer (a program's meaning never changes):
 * value numbering with constant folding and redundant-load removal, peephole rewrites, dead-store
 * removal, jump threading over known test outcomes, merging of identical blocks, and dropping
 * tests whose two edges meet. Repeated until nothing changes.
 */
import type { IrBlock } from './filter-ir.ts';
import { liveness, removeDeadStores } from './optimize-atoms.ts';
import { internBlocks, simplifyRoot, topoOrder } from './optimize-graph.ts';
import { type BlockInfo, threadJumps } from './optimize-jumps.ts';
import { peephole } from './optimize-peephole.ts';
import { pullUpChains } from './optimize-pullup.ts';
import { entryValues, FoldError, ValueTable, walkBlock } from './optimize-values.ts';

/** The optimized graph, or the reason libpcap's optimizer would refuse the program. */
export type OptimizeResult = { ok: true; root: IrBlock } | { ok: false; error: string };

const MAX_ROUNDS = 200;

/** Value-number every block in order; `alter` also rewrites statements. */
function numberValues(order: readonly IrBlock[], preds: Map<IrBlock, IrBlock[]>, alter: boolean) {
  const table = new ValueTable();
  const exits = new Map<IrBlock, { entry: number[]; exit: number[]; oval: number }>();
  let changed = false;
  for (const b of order) {
    const entry = entryValues(
      preds.get(b)!.map((p) => exits.get(p)!.exit),
      table,
    );
    const r = walkBlock(b, entry, table, alter);
    if (r.changed) changed = true;
    exits.set(b, { entry, exit: r.exit, oval: r.oval });
  }
  return { table, exits, changed };
}

/**
 * Statement-level work on every block: peephole rewrites and dead stores, plus (with `alter`)
 * folding and dropping recomputed values (libpcap opt_blk with and without do_stmts).
 */
function optimizeStatements(root: IrBlock, alter: boolean): boolean {
  const { order, preds } = topoOrder(root);
  const values = numberValues(order, preds, alter);
  let changed = values.changed;
  const live = liveness(order);
  for (const b of order) {
    const e = values.exits.get(b)!;
    if (peephole(b, e.exit, values.table, live.liveOut.get(b)!)) changed = true;
    if (removeDeadStores(b, live.liveOut.get(b)!)) changed = true;
  }
  return changed;
}

/** Jump threading and chain reordering, with fresh values and liveness. */
function optimizeJumps(root: IrBlock): boolean {
  const { order, preds } = topoOrder(root);
  const values = numberValues(order, preds, false);
  const live = liveness(order);
  const info = new Map<IrBlock, BlockInfo>();
  for (const b of order) info.set(b, { ...values.exits.get(b)!, liveIn: live.liveIn.get(b)! });
  return threadJumps(order, info) || pullUpChains(order, preds, info);
}

/** Repeat `step` until it changes nothing (bounded, like libpcap's opt_loop). */
function settle(step: () => boolean): boolean {
  let any = false;
  for (let i = 0; i < MAX_ROUNDS && step(); i++) any = true;
  return any;
}

/** Optimize the graph under `root`. Never changes what the program returns for any packet. */
export function optimizeFilter(root: IrBlock): OptimizeResult {
  let r = root;
  try {
    // As libpcap: thread jumps on the unmerged graph first, where every path still carries its
    // own facts; then work on statements too; merge identical blocks last.
    settle(() => optimizeStatements(r, false) || optimizeJumps(r));
    settle(() => optimizeStatements(r, true) || optimizeJumps(r));
    for (let i = 0; i < MAX_ROUNDS; i++) {
      const interned = internBlocks(r);
      const next = simplifyRoot(interned.root);
      const moved = interned.changed || next !== interned.root;
      r = next;
      const improved = settle(() => optimizeStatements(r, true) || optimizeJumps(r));
      if (!moved && !improved) break;
    }
  } catch (e) {
    if (e instanceof FoldError) return { ok: false, error: e.message };
    throw e;
  }
  // A return block keeps no statements (libpcap opt_root).
  if (r.ret) r.stmts = [];
  return { ok: true, root: r };
}
