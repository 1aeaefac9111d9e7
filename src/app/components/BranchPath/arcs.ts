// SPDX-License-Identifier: MIT
/**
 * Jump arcs of the branch-path view: one edge per jump target, each given a lane (a column of
 * the gutter) so that arcs in the same lane never overlap. cBPF jumps only go forward, so every
 * edge is an interval [from, to] of rows and lane assignment is interval partitioning; laid out
 * once per program in O(E log E), never by a graph layout engine (web.md §0.8).
 */
import type { ListingRow } from '../../../worker/protocol.ts';

/** Which way out of a jump an edge is: the condition held, it did not, or an unconditional `ja`. */
export type EdgeKind = 'true' | 'false' | 'always';

/** One jump edge from the row of `from` down to the row of `to`. */
export interface JumpEdge {
  from: number;
  to: number;
  kind: EdgeKind;
  /** Gutter column, 0 = nearest the listing. */
  lane: number;
  /** True when no free lane was left and the edge shares the outermost one. */
  overflow: boolean;
}

/** Lanes the gutter offers before edges start sharing the outermost one. */
export const MAX_LANES = 10;

interface Occupied {
  start: number;
  end: number;
  target: number;
}

/**
 * Sorted, pairwise disjoint intervals of one lane. Edges to the same target may share a lane
 * (their arcs merge into one line into that target's arrowhead, which reads correctly).
 */
class Lane {
  private readonly spans: Occupied[] = [];
  private readonly byTarget = new Map<number, Occupied>();

  /** Whether [start, end] can go here without crossing an arc to another target. */
  fits(start: number, end: number): boolean {
    let i = this.firstStartAfter(end) - 1;
    for (; i >= 0; i--) {
      const span = this.spans[i] as Occupied;
      if (span.end < start) return true;
      if (span.target !== end) return false;
    }
    return true;
  }

  /** Occupy [start, end] (call only after `fits`). */
  take(start: number, end: number): void {
    const same = this.byTarget.get(end);
    if (same) {
      // Nothing else lies in [start, end], so widening keeps the array sorted and disjoint.
      same.start = Math.min(same.start, start);
      return;
    }
    const span = { start, end, target: end };
    this.byTarget.set(end, span);
    this.spans.splice(this.firstStartAfter(start), 0, span);
  }

  private firstStartAfter(value: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.spans[mid] as Occupied).start > value) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** The raw edges of a listing: `targets` is [t] for `ja`, [true, false] for conditional jumps. */
function rawEdges(listing: readonly ListingRow[]): Omit<JumpEdge, 'lane' | 'overflow'>[] {
  const edges: Omit<JumpEdge, 'lane' | 'overflow'>[] = [];
  for (const row of listing) {
    const targets = row.targets;
    if (!targets) continue;
    const kinds: EdgeKind[] = targets.length === 1 ? ['always'] : ['true', 'false'];
    targets.forEach((to, i) => {
      // Only edges inside the program are drawn; a jump out of it is a checker error shown elsewhere.
      if (to > row.pc && to < listing.length) edges.push({ from: row.pc, to, kind: kinds[i] as EdgeKind });
    });
  }
  return edges;
}

/**
 * Every jump edge of `listing` with its lane. Fall-through edges (to the next row) all share lane
 * 0, where they read as the program flowing down; the other arcs are placed shortest first, so
 * short arcs sit nearest the text and long ones outside.
 */
export function layoutEdges(listing: readonly ListingRow[], maxLanes = MAX_LANES): JumpEdge[] {
  const edges = rawEdges(listing);
  const fallThrough = (e: Omit<JumpEdge, 'lane' | 'overflow'>) => e.to === e.from + 1;
  const firstLane = edges.some(fallThrough) ? 1 : 0;
  const order = edges.map((_, i) => i).filter((i) => !fallThrough(edges[i] as JumpEdge));
  order.sort((a, b) => {
    const ea = edges[a] as JumpEdge;
    const eb = edges[b] as JumpEdge;
    return ea.to - ea.from - (eb.to - eb.from) || ea.from - eb.from;
  });
  const lanes: Lane[] = [];
  const placed: JumpEdge[] = edges.map((e) => ({ ...e, lane: 0, overflow: false }));
  for (const i of order) {
    const edge = placed[i] as JumpEdge;
    let lane = lanes.findIndex((l) => l.fits(edge.from, edge.to));
    if (lane < 0 && firstLane + lanes.length < maxLanes) {
      lanes.push(new Lane());
      lane = lanes.length - 1;
    }
    if (lane < 0) {
      edge.overflow = true;
      edge.lane = maxLanes;
    } else {
      (lanes[lane] as Lane).take(edge.from, edge.to);
      edge.lane = firstLane + lane;
    }
  }
  return placed;
}

/** How many lanes `edges` use (the gutter's width follows it). */
export function laneCount(edges: readonly JumpEdge[]): number {
  let most = -1;
  for (const e of edges) most = Math.max(most, e.lane);
  return most + 1;
}

/** Edges with any part on rows `first` .. `last` (inclusive): the only ones worth drawing. */
export function edgesInWindow(edges: readonly JumpEdge[], first: number, last: number): JumpEdge[] {
  return edges.filter((e) => e.from <= last && e.to >= first);
}
