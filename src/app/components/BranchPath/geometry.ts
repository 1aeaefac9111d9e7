// SPDX-License-Identifier: MIT
/**
 * SVG shapes for the arcs that touch the visible rows. Arcs that only pass through the window
 * collapse into one line per lane and style, and arcs entering from above into one per target,
 * so a 4096-instruction program never draws more than a few hundred paths per frame.
 */
import type { EdgeKind, JumpEdge } from './arcs.ts';
import type { EdgeState } from './path-state.ts';

/** Height of one listing row in pixels (fixed: the listing is virtualized). */
export const ROW_H = 22;
/** Horizontal distance between two lanes. */
export const LANE_W = 9;

/** Width of the arc gutter for `lanes` lanes. */
export function gutterWidth(lanes: number): number {
  return 16 + Math.max(1, lanes) * LANE_W;
}

/** One drawable arc (or a group of arcs merged because they look the same in this window). */
export interface ArcShape {
  key: string;
  /** The line: a horizontal stub out of the source row, down the lane, into the target row. */
  d: string;
  /** The arrowhead at the target (absent when the target is below the window). */
  arrow?: string;
  kind: EdgeKind;
  state: EdgeState;
  /** The jump's pc when the shape is a single edge (hover shows its condition). */
  from?: number;
  overflow: boolean;
}

const STATE_ORDER: Record<EdgeState, number> = { 'not-taken': 0, idle: 1, ahead: 2, taken: 3 };

/** y of the source stub (a little above the row's middle) and of the target arrow (a little below). */
const sourceY = (pc: number) => pc * ROW_H + ROW_H / 2 - 3;
const targetY = (pc: number) => pc * ROW_H + ROW_H / 2 + 3;

/** Shapes for `edges` on rows `first` .. `last`, painted in order (lit ones last, on top). */
export function arcShapes(
  edges: readonly JumpEdge[],
  first: number,
  last: number,
  gutter: number,
  stateOf: (edge: JumpEdge) => EdgeState,
): ArcShape[] {
  const right = gutter - 2;
  const laneX = (lane: number) => gutter - 9 - lane * LANE_W;
  const arrowAt = (y: number) => `M${right} ${y}l-5 -3.5v7z`;
  const top = first * ROW_H - ROW_H;
  const bottom = (last + 2) * ROW_H;
  const groups = new Map<string, ArcShape>();
  const shapes: ArcShape[] = [];
  for (const edge of edges) {
    if (edge.from > last || edge.to < first) continue;
    const state = stateOf(edge);
    const x = laneX(edge.lane);
    const base = { kind: edge.kind, state, overflow: edge.overflow };
    if (edge.from < first && edge.to > last) {
      const key = `thru:${edge.lane}:${edge.kind}:${state}`;
      if (!groups.has(key)) groups.set(key, { key, d: `M${x} ${top}V${bottom}`, ...base });
    } else if (edge.from < first) {
      const key = `in:${edge.lane}:${edge.to}:${edge.kind}:${state}`;
      const y = targetY(edge.to);
      if (!groups.has(key))
        groups.set(key, { key, d: `M${x} ${top}V${y}H${right - 5}`, arrow: arrowAt(y), ...base });
    } else {
      const ys = sourceY(edge.from);
      const below = edge.to > last;
      const yt = below ? bottom : targetY(edge.to);
      const d = `M${right} ${ys}H${x}V${yt}${below ? '' : `H${right - 5}`}`;
      shapes.push({
        key: `e:${edge.from}:${edge.kind}`,
        d,
        ...(below ? {} : { arrow: arrowAt(yt) }),
        ...base,
        from: edge.from,
      });
    }
  }
  const all = [...groups.values(), ...shapes];
  return all.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state]);
}
