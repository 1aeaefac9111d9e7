// SPDX-License-Identifier: MIT
/**
 * Jump threading (after libpcap's opt_j and fold_edge): every edge carries facts, the outcomes of
 * the tests on every path to it (`ldh [12] == 0x800` is true after its true edge, and it stays
 * true: packet bytes never change). When the block an edge enters repeats a test whose outcome
 * the facts fix (or tests `A == c` when the facts say `A == c'`), the edge goes straight to the
 * outcome's successor, provided nothing live there differs for skipping the block. Fact sets are
 * bitsets, so meeting paths intersect them cheaply.
 */
import type { IrBlock } from './filter-ir.ts';
import { A } from './optimize-atoms.ts';

/** What threading needs to know about each block (from value numbering and liveness). */
export interface BlockInfo {
  entry: number[];
  exit: number[];
  oval: number;
  liveIn: ReadonlySet<number>;
}

/** Numbers every (test, outcome) pair of the graph; remembers which facts say `A == c`. */
class FactIndex {
  private readonly ids = new Map<string, number>();
  /** value number → facts `value == c` (true edges of `jeq #c`). */
  readonly equalities = new Map<number, { id: number; k: number }[]>();

  id(key: string, outcome: boolean): number {
    const full = `${key}=${outcome}`;
    let id = this.ids.get(full);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(full, id);
    }
    return id;
  }

  lookup(key: string, outcome: boolean): number | undefined {
    return this.ids.get(`${key}=${outcome}`);
  }

  get size(): number {
    return this.ids.size;
  }
}

const testKey = (b: IrBlock, info: BlockInfo) => `${info.exit[A]}:${b.test!.cond}:${info.oval}`;
const has = (set: Uint32Array, id: number) => (set[id >>> 5]! & (1 << (id & 31))) !== 0;

function indexFacts(order: readonly IrBlock[], info: ReadonlyMap<IrBlock, BlockInfo>): FactIndex {
  const index = new FactIndex();
  for (const b of order) {
    if (!b.test) continue;
    const bi = info.get(b)!;
    const key = testKey(b, bi);
    const yes = index.id(key, true);
    index.id(key, false);
    if (b.test.cond === 'jeq' && b.test.src === 'k') {
      const list = index.equalities.get(bi.exit[A]!) ?? [];
      list.push({ id: yes, k: b.test.k });
      index.equalities.set(bi.exit[A]!, list);
    }
  }
  return index;
}

/** The outcome of `b`'s test under `facts`, if fixed. */
function decide(b: IrBlock, info: BlockInfo, facts: Uint32Array, index: FactIndex): boolean | undefined {
  const key = testKey(b, info);
  const yes = index.lookup(key, true);
  if (yes !== undefined && has(facts, yes)) return true;
  const no = index.lookup(key, false);
  if (no !== undefined && has(facts, no)) return false;
  const t = b.test!;
  if (t.cond !== 'jeq' || t.src !== 'k') return undefined;
  for (const e of index.equalities.get(info.exit[A]!) ?? []) if (has(facts, e.id)) return e.k === t.k;
  return undefined;
}

/** Skipping `s` on the way from `p` to `target` changes nothing `target` (or later) reads. */
function safeToSkip(p: BlockInfo, s: BlockInfo, target: BlockInfo): boolean {
  for (const a of target.liveIn) if (p.exit[a] !== s.exit[a]) return false;
  return true;
}

/** Follow `p`'s `side` edge past blocks whose outcome `facts` fix; returns where it should go. */
function thread(
  p: IrBlock,
  start: IrBlock,
  facts: Uint32Array,
  info: ReadonlyMap<IrBlock, BlockInfo>,
  index: FactIndex,
): IrBlock {
  const pi = info.get(p)!;
  let s = start;
  for (let guard = 0; s.test && guard < info.size; guard++) {
    const si = info.get(s);
    if (!si) break;
    const outcome = s.jt === s.jf ? true : decide(s, si, facts, index);
    if (outcome === undefined) break;
    const target = outcome ? s.jt! : s.jf!;
    const ti = info.get(target);
    if (!ti || !safeToSkip(pi, si, ti)) break;
    s = target;
  }
  return s;
}

/** One threading pass over `order` (topological); true when any edge moved. */
export function threadJumps(order: readonly IrBlock[], info: ReadonlyMap<IrBlock, BlockInfo>): boolean {
  const index = indexFacts(order, info);
  const words = Math.max(1, Math.ceil(index.size / 32));
  const factsIn = new Map<IrBlock, Uint32Array>();
  let changed = false;
  for (const p of order) {
    if (!p.test) continue;
    const pi = info.get(p)!;
    const inFacts = factsIn.get(p) ?? new Uint32Array(words);
    const key = testKey(p, pi);
    for (const side of ['jt', 'jf'] as const) {
      const facts = inFacts.slice();
      const id = index.lookup(key, side === 'jt')!;
      facts[id >>> 5]! |= 1 << (id & 31);
      const s = thread(p, p[side]!, facts, info, index);
      if (s !== p[side]) {
        p[side] = s;
        changed = true;
      }
      // Facts reaching a block are those on every edge into it.
      const prev = factsIn.get(s);
      if (!prev) factsIn.set(s, facts);
      else for (let w = 0; w < words; w++) prev[w]! &= facts[w]!;
    }
  }
  return changed;
}
