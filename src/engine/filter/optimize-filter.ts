// SPDX-License-Identifier: MIT
/**
 * Pass 5, optimize, in the phases of libpcap's optimizer. First, on the unmerged graph, passes
 * each of which does peephole rewrites and dead-store removal, then jump threading over known
 * test outcomes on the facts of the graph as the pass found it (libpcap's opt_blks: opt_blk on
 * every block, then opt_j on the edge dominators found before it), and chain reordering once
 * neither changes anything. Then value numbering that rewrites statements (constant folding,
 * redundant-load removal) with more peephole work and reordering, but no more threading
 * (libpcap's opt_blks returns before opt_j when it rewrites statements, and following it makes
 * "rejects all packets" agree). Last, merging identical blocks and dropping a root test whose
 * two edges meet.
 */
import type { IrBlock } from './filter-ir.ts';
import { liveness, removeDeadStores } from './optimize-atoms.ts';
import { internBlocks, simplifyRoot, topoOrder } from './optimize-graph.ts';
import { type BlockInfo, successors, threadJumps } from './optimize-jumps.ts';
import { peephole } from './optimize-peephole.ts';
import { type PullInfo, pullUpChains } from './optimize-pullup.ts';
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

/** Values and liveness of every block of `order`. */
function analyze(order: readonly IrBlock[], preds: Map<IrBlock, IrBlock[]>, alter = false) {
  return { values: numberValues(order, preds, alter), live: liveness(order) };
}

/**
 * Statement-level work on every block: peephole rewrites and dead stores, plus (with `alter`)
 * folding and dropping recomputed values (libpcap opt_blk with and without do_stmts).
 */
function statementsOf(order: readonly IrBlock[], { values, live }: ReturnType<typeof analyze>): boolean {
  let changed = values.changed;
  for (const b of order) {
    const e = values.exits.get(b)!;
    if (peephole(b, e.exit, values.table, live.liveOut.get(b)!)) changed = true;
    if (removeDeadStores(b, live.liveOut.get(b)!)) changed = true;
  }
  return changed;
}

/** `statementsOf` on the graph under `root`. */
function optimizeStatements(root: IrBlock, alter: boolean): boolean {
  const { order, preds } = topoOrder(root);
  return statementsOf(order, analyze(order, preds, alter));
}

/** What threading and reordering need of every block, from its values and liveness. */
function infoOf(order: readonly IrBlock[], { values, live }: ReturnType<typeof analyze>) {
  const info = new Map<IrBlock, BlockInfo & PullInfo>();
  for (const b of order) info.set(b, { ...values.exits.get(b)!, liveIn: live.liveIn.get(b)! });
  return info;
}

/**
 * One pass of the first phase (libpcap opt_blks without do_stmts): statement work, which may
 * decide a test and so drop an edge, then jump threading over the facts of the edges as the pass
 * found them, as libpcap's edge dominators are (taking the facts after the statement work
 * instead threads more edges early, from above, and a block reached on paths with differing
 * facts then keeps tests libpcap decides: see the `and, or, not` corpus section); chain
 * reordering when neither changed anything.
 */
function branchPass(root: IrBlock): boolean {
  const { order, preds } = topoOrder(root);
  const edges = successors(order);
  const before = analyze(order, preds);
  const stmts = statementsOf(order, before);
  // Unchanged statements leave the values and liveness as they were.
  const info = infoOf(order, stmts ? analyze(order, preds) : before);
  const threaded = threadJumps(order, edges, info);
  return stmts || threaded || pullUpChains(order, preds, info);
}

/** Chain reordering alone. */
function reorderChains(root: IrBlock): boolean {
  const { order, preds } = topoOrder(root);
  return pullUpChains(order, preds, infoOf(order, analyze(order, preds)));
}

/** Repeat `step` until it changes nothing (bounded, like libpcap's opt_loop). */
function settle(step: () => boolean): boolean {
  let any = false;
  for (let i = 0; i < MAX_ROUNDS && step(); i++) any = true;
  return any;
}

/**
 * Optimize the graph under `root`. The program returns the same for every packet, except that,
 * as in libpcap, a load whose value no test needs may go: a packet too short for it then no
 * longer ends the run with 0.
 */
export function optimizeFilter(root: IrBlock): OptimizeResult {
  let r = root;
  try {
    // Threading first, on the unmerged graph, where every path still carries its own facts.
    settle(() => branchPass(r));
    // Reordering only moves tests, so unlike threading it may go on once statements change.
    settle(() => optimizeStatements(r, true) || reorderChains(r));
    r = simplifyRoot(internBlocks(r).root);
  } catch (e) {
    if (e instanceof FoldError) return { ok: false, error: e.message };
    throw e;
  }
  // A return block keeps no statements (libpcap opt_root).
  if (r.ret) r.stmts = [];
  return { ok: true, root: r };
}
