// SPDX-License-Identifier: MIT
/**
 * Chain reordering (after libpcap's or_pullup and and_pullup). In an `or` chain (blocks linked by
 * their false edges, all sharing one true target) a block that tests the value A already held
 * before the chain's first A-changing block is moved in front of it, so tests of one field sit
 * together and its reload can go: `src == 53 or dst == 53 or src == 80` becomes
 * `src == 53 or src == 80 or dst == 53`. An `and` chain is the mirror image. A move is made only
 * when value numbers show every block still sees the same values it reads.
 */
import type { IrBlock } from './filter-ir.ts';
import { A, atomDefined } from './optimize-atoms.ts';

/** What the pass needs to know about each block. */
export interface PullInfo {
  entry: number[];
  exit: number[];
  liveIn: ReadonlySet<number>;
}

const MAX_CHAIN = 64;

function definesOnlyA(b: IrBlock): boolean {
  return b.stmts.every((s) => atomDefined(s.insn) === A || atomDefined(s.insn) === undefined);
}

const sameOn = (atoms: ReadonlySet<number>, x: readonly number[], y: readonly number[]) =>
  [...atoms].every((a) => x[a] === y[a]);

/** Try to pull one block of the chain starting at `diff` (linked by `link`, sharing `other`) in front of it. */
function pullInto(
  diff: IrBlock,
  link: 'jt' | 'jf',
  preds: Map<IrBlock, IrBlock[]>,
  info: Map<IrBlock, PullInfo>,
): boolean {
  const other = link === 'jf' ? 'jt' : 'jf';
  const d = info.get(diff)!;
  if (!diff.test || d.exit[A] === d.entry[A]) return false;
  const target = diff[other];
  let prev = diff;
  for (let n = 0; n < MAX_CHAIN; n++) {
    const pull = prev[link];
    if (!pull?.test || pull[other] !== target || preds.get(pull)?.length !== 1) return false;
    const p = info.get(pull)!;
    if (p.exit[A] === d.entry[A] && definesOnlyA(pull)) {
      const next = pull[link]!;
      const t = info.get(target!)!;
      const nx = info.get(next)!;
      const ok =
        sameOn(p.liveIn, d.entry, p.entry) &&
        sameOn(t.liveIn, d.entry, p.exit) &&
        sameOn(nx.liveIn, info.get(prev)!.exit, p.exit);
      if (!ok) return false;
      prev[link] = next;
      pull[link] = diff;
      for (const q of preds.get(diff)!) {
        if (q.jt === diff) q.jt = pull;
        if (q.jf === diff) q.jf = pull;
      }
      return true;
    }
    prev = pull;
  }
  return false;
}

/** One pass over the blocks; true when any block moved (the caller recomputes everything). */
export function pullUpChains(
  order: readonly IrBlock[],
  preds: Map<IrBlock, IrBlock[]>,
  info: Map<IrBlock, PullInfo>,
): boolean {
  for (const b of order) {
    if (preds.get(b)!.length === 0) continue;
    if (pullInto(b, 'jf', preds, info) || pullInto(b, 'jt', preds, info)) return true;
  }
  return false;
}
