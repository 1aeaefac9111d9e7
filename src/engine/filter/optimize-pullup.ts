// SPDX-License-Identifier: MIT
/**
 * Chain reordering (after libpcap's or_pullup and and_pullup). In an `or` chain (blocks linked by
 * their false edges, all sharing one true target) tests of one loaded value are brought together,
 * so the reloads of that value can go: `src == 53 or dst == 53 or src == 80 or dst == 80` becomes
 * `src == 53 or src == 80 or dst == 53 or dst == 80`. An `and` chain is the mirror image.
 *
 * The chain is cut into groups, each a block that loads A followed by blocks that test what it
 * loaded, and the groups are stably sorted by the value loaded. That is safe whatever the values
 * are: every block of the chain but the first writes nothing but A (the first, if it writes more,
 * stays first), each group loads A before reading it, and the block after the chain does not
 * read A (or the last group stays last).
 */
import type { IrBlock } from './filter-ir.ts';
import { A, atomDefined } from './optimize-atoms.ts';

/** What the pass needs to know about each block. */
export interface PullInfo {
  entry: number[];
  exit: number[];
  liveIn: ReadonlySet<number>;
}

const MAX_CHAIN = 4096;

function writesOnlyA(b: IrBlock): boolean {
  return b.stmts.every((s) => {
    const d = atomDefined(s.insn);
    return d === undefined || d === A;
  });
}

/** The chain from `head` along `link`: blocks that test, share `head[other]`, and have one predecessor. */
function collectChain(head: IrBlock, link: 'jt' | 'jf', preds: Map<IrBlock, IrBlock[]>): IrBlock[] {
  const other = link === 'jf' ? 'jt' : 'jf';
  const chain = [head];
  for (let b = head[link]; chain.length < MAX_CHAIN; b = b[link]) {
    if (!b?.test || b[other] !== head[other] || preds.get(b)?.length !== 1) break;
    chain.push(b);
  }
  return chain;
}

/** Atoms other than A a block writes. */
function otherWrites(b: IrBlock): number[] {
  const out: number[] = [];
  for (const s of b.stmts) {
    const d = atomDefined(s.insn);
    if (d !== undefined && d !== A) out.push(d);
  }
  return out;
}

/**
 * Cut the chain before its first block (after the head) that writes an atom other than A which
 * anything reads from outside a block: a chain block, the shared target, or the block after the
 * chain. Atoms no block reads from outside itself (each `ldxb` before its own `[x + k]`) are
 * private, and writing them does not pin a block's place.
 */
function cutAtSharedWrites(chain: IrBlock[], link: 'jt' | 'jf', info: Map<IrBlock, PullInfo>): IrBlock[] {
  const target = chain[0]![link === 'jf' ? 'jt' : 'jf']!;
  for (let n = chain.length; n > 1; ) {
    const part = chain.slice(0, n);
    const outside = [...part, target, part[n - 1]![link]!].map((b) => info.get(b));
    const shared = (a: number) => outside.some((i) => !i || i.liveIn.has(a));
    const cut = part.findIndex((b, i) => i > 0 && otherWrites(b).some(shared));
    if (cut < 0) return part;
    n = cut;
  }
  return chain.slice(0, 1);
}

/** Cut a chain into groups (a block loading A, then blocks reading it); stops at the first block that cannot join. */
function groupChain(
  chain: readonly IrBlock[],
  info: Map<IrBlock, PullInfo>,
): { groups: IrBlock[][]; keys: number[] } {
  const groups: IrBlock[][] = [];
  const keys: number[] = [];
  for (const b of chain) {
    const bi = info.get(b)!;
    if (!bi.liveIn.has(A)) {
      groups.push([b]);
      keys.push(bi.exit[A]!);
    } else if (groups.length > 0) groups[groups.length - 1]!.push(b);
    else break;
  }
  return { groups, keys };
}

/** Sort one chain; true when its order changed. */
function sortChain(
  head: IrBlock,
  link: 'jt' | 'jf',
  preds: Map<IrBlock, IrBlock[]>,
  info: Map<IrBlock, PullInfo>,
  seen: Set<IrBlock>,
  dirty: Set<IrBlock>,
): boolean {
  const whole = collectChain(head, link, preds);
  for (const b of whole) seen.add(b);
  if (whole.length < 2 || info.get(head)!.liveIn.has(A) || whole.some((b) => dirty.has(b))) return false;
  const chain = cutAtSharedWrites(whole, link, info);
  const { groups, keys } = groupChain(chain, info);
  const used = groups.reduce((n, g) => n + g.length, 0);
  const end = chain[used - 1]![link]!;
  const order = keys.map((_, i) => i);
  // Groups are ranked by where their value first appears; the value A already holds on entry
  // comes first of all, so its loads can go too, unless the head writes more than A (as
  // `ldxb`): then every later block may read what it wrote, and it must stay first.
  const pinned =
    !writesOnlyA(head) &&
    otherWrites(head).some((a) =>
      [...chain, end, head[link === 'jf' ? 'jt' : 'jf']!].some((b) => info.get(b)?.liveIn.has(a)),
    );
  const first = new Map<number, number>(pinned ? [] : [[info.get(head)!.entry[A]!, -1]]);
  keys.forEach((k, i) => {
    if (!first.has(k)) first.set(k, i);
  });
  order.sort((x, y) => first.get(keys[x]!)! - first.get(keys[y]!)! || x - y);
  // The block after the chain must not read the A of whichever group comes last.
  if (order.every((g, i) => g === i) || dirty.has(end)) return false;
  if (info.get(end)?.liveIn.has(A) && order.at(-1) !== groups.length - 1) return false;
  const blocks = order.flatMap((g) => groups[g]!);
  blocks.forEach((b, i) => {
    b[link] = blocks[i + 1] ?? end;
  });
  for (const q of preds.get(head) ?? []) {
    if (q.jt === head) q.jt = blocks[0]!;
    if (q.jf === head) q.jf = blocks[0]!;
  }
  // Their liveness is stale until the next pass: no other chain may rely on it.
  for (const b of [...blocks, end, ...(preds.get(head) ?? [])]) dirty.add(b);
  return true;
}

/** One pass: every chain (found in topological order) is sorted once; true when any block moved. */
export function pullUpChains(
  order: readonly IrBlock[],
  preds: Map<IrBlock, IrBlock[]>,
  info: Map<IrBlock, PullInfo>,
): boolean {
  const seen = { jf: new Set<IrBlock>(), jt: new Set<IrBlock>() };
  const dirty = new Set<IrBlock>();
  let changed = false;
  for (const b of order) {
    for (const link of ['jf', 'jt'] as const) {
      if (!b.test || seen[link].has(b)) continue;
      if (sortChain(b, link, preds, info, seen[link], dirty)) changed = true;
    }
  }
  return changed;
}
