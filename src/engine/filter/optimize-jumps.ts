// SPDX-License-Identifier: MIT
/**
 * Jump threading (after libpcap's opt_j and fold_edge): every edge carries facts, the outcomes of
 * the tests on every path to it (`ldh [12] == 0x800` is true after its true edge, and it stays
 * true: packet bytes never change). When the block an edge enters repeats a test whose outcome
 * the facts fix (or tests `A == c` when the facts say `A == c'`), the edge goes straight to the
 * outcome's successor, provided nothing live there differs for skipping the block.
 */
import type { IrBlock } from './filter-ir.ts';
import { A } from './optimize-atoms.ts';

/** A fact set: test key → outcome, or `eq:<value>` → the constant that value equals. */
type Facts = Map<string, boolean | number>;

/** What threading needs to know about each block (from value numbering and liveness). */
export interface BlockInfo {
  entry: number[];
  exit: number[];
  oval: number;
  liveIn: ReadonlySet<number>;
}

const testKey = (b: IrBlock, info: BlockInfo) => `${info.exit[A]}:${b.test!.cond}:${info.oval}`;

function edgeFacts(b: IrBlock, info: BlockInfo, factsIn: Facts, side: 'jt' | 'jf'): Facts {
  const out: Facts = new Map(factsIn);
  const taken = side === 'jt';
  out.set(testKey(b, info), taken);
  const t = b.test!;
  if (taken && t.cond === 'jeq' && t.src === 'k') out.set(`eq:${info.exit[A]}`, t.k);
  return out;
}

function intersect(sets: readonly Facts[]): Facts {
  if (sets.length === 0) return new Map();
  const out: Facts = new Map(sets[0]);
  for (const s of sets.slice(1)) for (const [k, v] of out) if (s.get(k) !== v) out.delete(k);
  return out;
}

/** The outcome of `b`'s test under `facts`, if fixed. */
function decide(b: IrBlock, info: BlockInfo, facts: Facts): boolean | undefined {
  const known = facts.get(testKey(b, info));
  if (typeof known === 'boolean') return known;
  const t = b.test!;
  if (t.cond !== 'jeq' || t.src !== 'k') return undefined;
  const eq = facts.get(`eq:${info.exit[A]}`);
  return typeof eq === 'number' ? eq === t.k : undefined;
}

/** Skipping `s` on the way from `p` to `target` changes nothing `target` (or later) reads. */
function safeToSkip(p: BlockInfo, s: BlockInfo, target: BlockInfo): boolean {
  for (const a of target.liveIn) if (p.exit[a] !== s.exit[a]) return false;
  return true;
}

/** One threading pass over `order` (topological); true when any edge moved. */
export function threadJumps(order: readonly IrBlock[], info: ReadonlyMap<IrBlock, BlockInfo>): boolean {
  const factsIn = new Map<IrBlock, Facts[]>();
  let changed = false;
  for (const p of order) {
    if (!p.test) continue;
    const pi = info.get(p)!;
    const inFacts = intersect(factsIn.get(p) ?? []);
    for (const side of ['jt', 'jf'] as const) {
      const facts = edgeFacts(p, pi, inFacts, side);
      let s = p[side]!;
      for (let guard = 0; s.test && guard < order.length; guard++) {
        const si = info.get(s);
        if (!si) break;
        const outcome = s.jt === s.jf ? true : decide(s, si, facts);
        if (outcome === undefined) break;
        const target = outcome ? s.jt! : s.jf!;
        const ti = info.get(target);
        if (!ti || !safeToSkip(pi, si, ti)) break;
        s = target;
        changed = true;
      }
      p[side] = s;
      const list = factsIn.get(s) ?? [];
      list.push(facts);
      factsIn.set(s, list);
    }
  }
  return changed;
}
