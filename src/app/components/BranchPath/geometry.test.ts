// SPDX-License-Identifier: MIT
import { describe, expect, it } from 'vitest';
import type { JumpEdge } from './arcs.ts';
import { arcShapes, gutterWidth, ROW_H } from './geometry.ts';

const edge = (from: number, to: number, lane: number, kind: JumpEdge['kind'] = 'true'): JumpEdge => ({
  from,
  to,
  kind,
  lane,
  overflow: false,
});

describe('arcShapes', () => {
  it('draws an edge inside the window from its source stub down its lane into an arrowhead', () => {
    const gutter = gutterWidth(2);
    const [shape] = arcShapes([edge(1, 3, 1)], 0, 10, gutter, () => 'taken');
    const x = gutter - 9 - 9;
    expect(shape).toMatchObject({ key: 'e:1:true', from: 1, state: 'taken' });
    expect(shape?.d).toBe(`M${gutter - 2} ${ROW_H * 1.5 - 3}H${x}V${ROW_H * 3.5 + 3}H${gutter - 7}`);
    expect(shape?.arrow).toBe(`M${gutter - 2} ${ROW_H * 3.5 + 3}l-5 -3.5v7z`);
  });

  it('merges arcs passing through the window per lane and style, and arcs from above per target', () => {
    const edges = [
      ...Array.from({ length: 500 }, (_, i) => edge(i, 4000, 3)),
      ...Array.from({ length: 500 }, (_, i) => edge(i, 2010, 2, 'false')),
      edge(2005, 2030, 1),
    ];
    const shapes = arcShapes(edges, 2000, 2020, gutterWidth(4), () => 'idle');
    expect(shapes.map((s) => s.key).sort()).toEqual([
      'e:2005:true',
      'in:2:2010:false:idle',
      'thru:3:true:idle',
    ]);
    // The edge leaving through the bottom has no arrowhead in this window.
    expect(shapes.find((s) => s.from === 2005)?.arrow).toBeUndefined();
  });

  it('paints lit arcs last so they sit on top of dimmed ones', () => {
    const edges = [edge(0, 1, 0), edge(0, 5, 1, 'false'), edge(2, 4, 2)];
    const states = ['taken', 'not-taken', 'idle'] as const;
    const shapes = arcShapes(edges, 0, 10, gutterWidth(3), (e) => states[edges.indexOf(e)] ?? 'idle');
    expect(shapes.map((s) => s.state)).toEqual(['not-taken', 'idle', 'taken']);
  });

  it('ignores edges entirely above or below the window', () => {
    expect(arcShapes([edge(0, 5, 0), edge(50, 60, 0)], 10, 40, 40, () => 'idle')).toEqual([]);
  });
});
