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

/** A block's two successors as a pass found them (statement work may redirect edges meanwhile). */
export type Successors = ReadonlyMap<IrBlock, { jt?: IrBlock | undefined; jf?: IrBlock | undefined }>;

/** Successors of every block of `order` as they stand now. */
export function successors(order: readonly IrBlock[]): Successors {
  return new Map(order.map((b) => [b, { jt: b.jt, jf: b.jf }]));
}

/**
 * The outcome of `p`'s test on its edge (as the pass found it) to `t`: `p`'s test may since have
 * been negated with its edges swapped, or decided with both edges meeting.
 */
function edgeOutcome(p: IrBlock, t: IrBlock, side: 'jt' | 'jf'): boolean {
  if (p.jt === t && p.jf !== t) return true;
  if (p.jf === t && p.jt !== t) return false;
  return side === 'jt';
}

/**
 * Facts on entry to every block, over the edges as the pass found them: those on every edge into
 * it (a forward pass in topological order; meeting paths intersect).
 */
function factsOnEntry(
  order: readonly IrBlock[],
  edges: Successors,
  info: ReadonlyMap<IrBlock, BlockInfo>,
  index: FactIndex,
  words: number,
): Map<IrBlock, Uint32Array> {
  const factsIn = new Map<IrBlock, Uint32Array>();
  for (const p of order) {
    const e = edges.get(p)!;
    if (!p.test || !e.jt || !e.jf) continue;
    const inFacts = factsIn.get(p) ?? new Uint32Array(words);
    const key = testKey(p, info.get(p)!);
    for (const side of ['jt', 'jf'] as const) {
      const t = e[side]!;
      // Two edges to one block tell nothing of the test.
      const facts =
        e.jt === e.jf ? inFacts.slice() : edgeFacts(inFacts, index.lookup(key, edgeOutcome(p, t, side))!);
      const prev = factsIn.get(t);
      if (!prev) factsIn.set(t, facts);
      else for (let w = 0; w < words; w++) prev[w]! &= facts[w]!;
    }
  }
  return factsIn;
}

/** The facts after taking the edge whose own outcome is `id`. */
function edgeFacts(inFacts: Uint32Array, id: number): Uint32Array {
  const facts = inFacts.slice();
  facts[id >>> 5]! |= 1 << (id & 31);
  return facts;
}

/**
 * Blocks ordered by level, leaves first (a block's level is one more than its higher successor's),
 * each level in topological order: the order in which libpcap's opt_blks visits edges.
 */
function bottomUp(order: readonly IrBlock[], edges: Successors): IrBlock[] {
  const level = new Map<IrBlock, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i]!;
    const e = edges.get(b)!;
    level.set(b, e.jt && e.jf ? Math.max(level.get(e.jt)!, level.get(e.jf)!) + 1 : 0);
  }
  return order.filter((b) => b.test).sort((x, y) => level.get(x)! - level.get(y)!);
}

/**
 * One threading pass; true when any edge moved. As in libpcap's opt_blks, the facts come from the
 * edges as the pass found them (`edges`, before its statement work), and edges are threaded from
 * the leaves up: an edge lower down is threaded while its facts still stem from its own paths,
 * before edges from above are threaded into its block and merge other paths there (which would
 * intersect its facts away).
 */
export function threadJumps(
  order: readonly IrBlock[],
  edges: Successors,
  info: ReadonlyMap<IrBlock, BlockInfo>,
): boolean {
  const index = indexFacts(order, info);
  const words = Math.max(1, Math.ceil(index.size / 32));
  const factsIn = factsOnEntry(order, edges, info, index, words);
  let changed = false;
  for (const p of bottomUp(order, edges)) {
    const inFacts = factsIn.get(p) ?? new Uint32Array(words);
    const key = testKey(p, info.get(p)!);
    // Edges that meet (a test decided by statement work) tell nothing of the test.
    const meet = p.jt === p.jf;
    for (const side of ['jt', 'jf'] as const) {
      const facts = meet ? inFacts : edgeFacts(inFacts, index.lookup(key, side === 'jt')!);
      const s = thread(p, p[side]!, facts, info, index);
      if (s !== p[side]) {
        p[side] = s;
        changed = true;
      }
    }
  }
  return changed;
}
